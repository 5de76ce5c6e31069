"""Render Markdown: pictures written as raw HTML follow the rules of Markdown's pictures.

Python-Markdown sets raw HTML aside (its "stash") and puts it back, untouched,
after every tree processor has run; so an `<img>` written as HTML would reach
the page, the email and the feeds without the checks a `![...](...)` picture
gets (from this site, existing, described). This post-processor runs just
before the raw HTML goes back: it hands each picture's address and
description to the same recorder as Markdown's pictures, and writes back
the address that recorder gives (pointed at the site root).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape

import markdown
from markdown.postprocessors import Postprocessor

#: Called with a picture's address as written and its description; gives the address to use.
Recorder = Callable[[str, str], str]

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""(\s)([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.IGNORECASE
)
#: Just above Python-Markdown's own "raw_html" post-processor (30), so it runs first.
PRIORITY = 31


class RawImages(Postprocessor):
    """Records each raw `<img>` (and every address in its srcset) and rewrites its address."""

    def __init__(self, md: markdown.Markdown, record: Recorder) -> None:
        super().__init__(md)
        self.record = record

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for number, block in enumerate(blocks):
            if isinstance(block, str) and "<img" in block.lower():
                blocks[number] = _IMG.sub(self._image, block)
        return text

    def _image(self, tag: re.Match[str]) -> str:
        attributes = {
            found.group(2).lower(): unescape(_value(found))
            for found in _ATTRIBUTE.finditer(tag.group(0))
        }
        alt = attributes.get("alt", "")

        def rewrite(found: re.Match[str]) -> str:
            name = found.group(2).lower()
            if name == "src":
                return f'{found.group(1)}src="{escape(self.record(unescape(_value(found)), alt))}"'
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
                candidates.append(f"{self.record(address, alt)} {size}".strip())
        return ", ".join(candidates)


def _value(found: re.Match[str]) -> str:
    return next((group for group in found.groups()[2:] if group is not None), "")
