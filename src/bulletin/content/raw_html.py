"""Render Markdown: links and pictures written as raw HTML follow the rules of Markdown's.

Python-Markdown sets raw HTML aside (its "stash") and puts it back, untouched,
after every tree processor has run; so an `<img>` or `<a href>` written as
HTML would reach the page, the email and the feeds without the checks that
`![...](...)` and `[...](...)` get (a picture from this site, existing and
described; a link with an allowed scheme, words that say where it goes, an
internal address that leads somewhere, an issue's file turned into its
page). This post-processor runs just before the raw HTML goes back: it hands
each address, with its description or words, to the same recorder as
Markdown's, and writes back the address that recorder gives (pointed at the
site root).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import escape, unescape

import markdown
from markdown.postprocessors import Postprocessor
from markdown.util import HTML_PLACEHOLDER

#: Called with an address as written, its words (a picture's description), and whether it
#: is a picture; gives the address to use.
Recorder = Callable[[str, str, bool], str]

#: A tag to its end, past any > inside a quoted value.
_INSIDE = r"""(?:"[^"]*"|'[^']*'|[^'">])*>"""
_IMG = re.compile(r"<img\b" + _INSIDE, re.IGNORECASE)
_A = re.compile(r"<a\b" + _INSIDE, re.IGNORECASE)
_CLOSE_A = re.compile(r"</a\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(
    r"""(\s)([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.IGNORECASE
)
#: Just above Python-Markdown's own "raw_html" post-processor (30), so it runs first.
PRIORITY = 31


class RawHtml(Postprocessor):
    """Records each raw `<img>` (every address in its srcset too) and `<a href>`, and
    rewrites its address."""

    def __init__(self, md: markdown.Markdown, record: Recorder) -> None:
        super().__init__(md)
        self.record = record

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for number, block in enumerate(blocks):
            if not isinstance(block, str):
                continue
            lowered = block.lower()
            if "<img" in lowered:
                block = _IMG.sub(self._image, block)
            if "<a" in lowered:
                block = _A.sub(functools.partial(self._link, text=text, number=number), block)
            blocks[number] = block
        return text

    def _image(self, tag: re.Match[str]) -> str:
        alt = _attributes(tag.group(0)).get("alt", "")

        def rewrite(found: re.Match[str]) -> str:
            name = found.group(2).lower()
            if name == "src":
                address = self.record(unescape(_value(found)), alt, True)
                return f'{found.group(1)}src="{escape(address)}"'
            if name == "srcset":
                return f'{found.group(1)}srcset="{escape(self._srcset(_value(found), alt))}"'
            return found.group(0)

        return _ATTRIBUTE.sub(rewrite, tag.group(0))

    def _srcset(self, value: str, alt: str) -> str:
        """Each candidate of a srcset is a picture too: "a.png 1x, b.png 2x"."""
        candidates = []
        for candidate in unescape(value).split(","):
            address, _, size = candidate.strip().partition(" ")
            if address:
                candidates.append(f"{self.record(address, alt, True)} {size}".strip())
        return ", ".join(candidates)

    def _link(self, tag: re.Match[str], text: str, number: int) -> str:
        if "href" not in _attributes(tag.group(0)):
            return tag.group(0)  # an anchor, not a link
        words = _words(tag, text, number)

        def rewrite(found: re.Match[str]) -> str:
            if found.group(2).lower() != "href":
                return found.group(0)
            address = self.record(unescape(_value(found)), words, False)
            return f'{found.group(1)}href="{escape(address)}"'

        return _ATTRIBUTE.sub(rewrite, tag.group(0))


def _words(tag: re.Match[str], text: str, number: int) -> str:
    """A raw link's words: up to its `</a>` in the same piece of raw HTML (a block of it);
    else, for a link written inline (its tags are set aside one by one), the text that
    follows it in the paragraph, up to the next piece set aside."""
    after = tag.string[tag.end() :]
    closed = _CLOSE_A.search(after)
    if closed is not None:
        inside = after[: closed.start()]
    else:
        placeholder = HTML_PLACEHOLDER % number
        start = text.find(placeholder)
        rest = text[start + len(placeholder) :] if start >= 0 else ""
        inside = rest.split(placeholder[0], 1)[0]
    return " ".join(unescape(_TAG.sub("", inside)).split())


def _attributes(tag: str) -> dict[str, str]:
    return {found.group(2).lower(): unescape(_value(found)) for found in _ATTRIBUTE.finditer(tag)}


def _value(found: re.Match[str]) -> str:
    return next((group for group in found.groups()[2:] if group is not None), "")
