"""Render: HTML to plain text for the text part of an email, wrapped at 72 columns.

Text is derived from the HTML edition itself, so the two parts of an email
always carry the same sections. Links are written out after their words,
headings are underlined, list items keep their bullets and quotations their
`>` markers. Elements marked `data-text="skip"` (the preheader) are left out.

The HTML is read by a tokenizer of a few regular expressions, which takes
the well-formed HTML that bulletin writes an eighth of the time that the
standard library's HTMLParser does (that parser was half of the cost of an
email). HTMLParser stays the reference: a test feeds both the same HTML,
written by bulletin's Markdown and templates and at random, and compares.
"""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

WIDTH = 72

_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "br",
    "pre",
}
_UNDERLINES = {"h1": "=", "h2": "=", "h3": "-"}
_VOID = {"br", "hr", "img", "meta", "link", "input"}


@dataclass
class _Block:
    text: str = ""
    first: str = ""
    rest: str = ""
    underline: str = ""


@dataclass
class _Converter(HTMLParser):
    blocks: list[_Block] = field(default_factory=list)
    current: _Block = field(default_factory=_Block)
    lists: list[list[int]] = field(default_factory=list)
    quote_depth: int = 0
    skipping: int = 0
    links: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        hidden = tag in ("head", "title", "style", "script")
        if self.skipping or hidden or attributes.get("data-text") == "skip":
            if tag not in _VOID:
                self.skipping += 1
            return
        if tag in _BLOCKS:
            self._end_block()
        if tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self._start_item()
        elif tag == "blockquote":
            self.quote_depth += 1
        elif tag in _UNDERLINES:
            self.current.underline = _UNDERLINES[tag]
        elif tag == "a":
            self.links.append(attributes.get("href"))
        elif tag == "img" and attributes.get("alt"):
            self.current.text += f"[{attributes['alt']}]"
        self._prefix()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag not in _VOID:
                self.skipping -= 1
            return
        if tag == "a" and self.links:
            self._write_link(self.links.pop())
        if tag in _BLOCKS:
            self._end_block()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.text += data

    def _start_item(self) -> None:
        counter = self.lists[-1] if self.lists else [-1]
        if counter[0] >= 0:
            counter[0] += 1
            marker = f"{counter[0]}. "
        else:
            marker = "- "
        self.current.first = self._indent() + marker
        self.current.rest = self._indent() + " " * len(marker)

    def _indent(self) -> str:
        return "  " * max(0, len(self.lists) - 1) + "> " * self.quote_depth

    def _prefix(self) -> None:
        if not self.current.first:
            self.current.first = self.current.rest = self._indent()

    def _write_link(self, href: str | None) -> None:
        if not href or href.startswith("#"):
            return
        shown = href.removeprefix("mailto:").removeprefix("tel:")
        if shown not in self.current.text:
            self.current.text += f" ({href.removeprefix('mailto:')})"

    def _end_block(self) -> None:
        """Finish the paragraph; an empty one keeps its bullet for the text still to come."""
        if " ".join(self.current.text.split()):
            self.blocks.append(self.current)
            self.current = _Block()

    def close(self) -> None:
        super().close()
        self._end_block()


def html_to_text(html: str, width: int = WIDTH) -> str:
    """Plain text of some HTML, paragraphs separated by blank lines, wrapped at width."""
    converter = _Converter()
    _tokenize(html, converter)
    converter.close()
    return "\n\n".join(_wrapped(block, width) for block in converter.blocks) + "\n"


_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"  # a comment (Outlook's conditional ones included), left out
    r"|<[!?][^>]*>"  # a declaration or processing instruction, left out
    r"|<(script|style)\b[^>]*>(.*?)(?:</\1\s*>|$)"  # raw text: no tags inside
    r"|</([a-zA-Z][^\s/>]*)[^>]*>"  # an end tag
    r"|<([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"  # a start tag
    r"|([^<]+|<)",  # text (a lone < is text, as it is to HTMLParser)
    re.DOTALL | re.IGNORECASE,
)
#: Tags whose attributes the converter reads (and any with a data-text attribute).
_READ_ATTRIBUTES = {"a", "img"}
_ATTRIBUTE = re.compile(r"([^\s/>\"'=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


def _tokenize(html: str, handler: _Converter) -> None:
    """Call the handler's start, end and data methods for HTML, as HTMLParser would."""
    text: list[str] = []
    for match in _TOKEN.finditer(html):
        raw, raw_body, end, start, attributes, data = match.groups()
        if data is not None:
            text.append(data)
            continue
        if text:
            handler.handle_data(entities.unescape("".join(text)))
            text = []
        if raw is not None:
            handler.handle_starttag(raw.lower(), [])
            if raw_body:
                handler.handle_data(raw_body)
            handler.handle_endtag(raw.lower())
        elif end is not None:
            handler.handle_endtag(end.lower())
        elif start is not None:
            tag = start.lower()
            read = tag in _READ_ATTRIBUTES or "data-text" in attributes
            handler.handle_starttag(tag, _attributes(attributes) if read else [])
            if attributes.endswith("/"):
                handler.handle_endtag(tag)
    if text:
        handler.handle_data(entities.unescape("".join(text)))


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes: names in lower case, values unescaped (None if not given)."""
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        found.append((name.lower(), None if value is None else entities.unescape(value)))
    return found


def _wrapped(block: _Block, width: int) -> str:
    words = block.text.split()
    lines = wrap_words(words, width, block.first, block.rest)
    if block.underline:
        lines.append(block.underline * min(width, len(" ".join(words))))
    return "\n".join(lines)


def wrap_words(words: list[str], width: int, first: str = "", rest: str = "") -> list[str]:
    """Words filled greedily into lines of at most `width`; a longer word has a line of its own.

    What textwrap.wrap does with long words and hyphens left whole, for text
    already split into words, at a tenth of the cost (textwrap was half the
    time of making an email's text part).
    """
    lines: list[str] = []
    line, length, empty = first, len(first), True
    for word in words:
        if not empty and length + 1 + len(word) > width:
            lines.append(line)
            line, length, empty = rest + word, len(rest) + len(word), False
        elif empty:
            line, length, empty = line + word, length + len(word), False
        else:
            line, length = f"{line} {word}", length + 1 + len(word)
    if not empty:
        lines.append(line)
    return lines
