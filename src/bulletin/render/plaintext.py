"""Render: HTML to plain text for the text part of an email, wrapped at 72 columns.

Text is derived from the HTML edition itself, so the two parts of an email
always carry the same sections. Links are written out after their words,
unless the words say where they lead (`render.link_targets`) or the link is
to another part of the same issue, which the text holds; headings are
underlined, list items keep their bullets and quotations their `>` markers,
and a term and its description (`<dt>`, `<dd>`) share a line: "When: ...".
`<br>` breaks a line, as does an element marked `data-text="line"`; elements
marked `data-text="skip"` (the preheader) are left out.

The HTML is read by a quick tokenizer (`render.html_tokens`) that calls the
same methods as the standard library's HTMLParser, which stays the reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from bulletin.render.html_tokens import tokenize
from bulletin.render.link_targets import says_target, shown_target

WIDTH = 72
#: A line break within a paragraph, until the paragraph is wrapped.
BREAK = "\ue000"

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
    #: Joined to the block before it by a line break rather than a blank line.
    tight: bool = False


@dataclass
class _Link:
    """A link being read: where it leads, and where its words start."""

    href: str | None
    block: _Block
    start: int


@dataclass
class _Converter(HTMLParser):
    blocks: list[_Block] = field(default_factory=list)
    current: _Block = field(default_factory=_Block)
    lists: list[list[int]] = field(default_factory=list)
    quote_depth: int = 0
    skipping: int = 0
    links: list[_Link] = field(default_factory=list)
    #: The rows of each definition list being read, and whether a term awaits its description.
    rows: list[int] = field(default_factory=list)
    term_open: bool = False
    #: The address of the page itself: links to its own parts are not written out.
    here: str | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        hidden = tag in ("head", "title", "style", "script")
        if self.skipping or hidden or attributes.get("data-text") == "skip":
            if tag not in _VOID:
                self.skipping += 1
            return
        if tag in ("dt", "dd"):
            self._start_row(tag)
        elif tag in _BLOCKS:
            self._end_block()
        self._open(tag, attributes)
        if tag == "br" or (attributes.get("data-text") == "line" and self.current.text.strip()):
            self.current.text += BREAK
        self._prefix()

    def _open(self, tag: str, attributes: dict[str, str | None]) -> None:
        """What an element starts besides a block: a list, a quote, a heading, a link."""
        if tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self._start_item()
        elif tag == "dl":
            self.rows.append(0)
        elif tag == "blockquote":
            self.quote_depth += 1
        elif tag in _UNDERLINES:
            self.current.underline = _UNDERLINES[tag]
        elif tag == "a":
            self.links.append(_Link(attributes.get("href"), self.current, len(self.current.text)))
        elif tag == "img" and attributes.get("alt"):
            self.current.text += f"[{attributes['alt']}]"

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag not in _VOID:
                self.skipping -= 1
            return
        if tag == "a" and self.links:
            self._write_link(self.links.pop())
        if tag == "dt":
            self._end_term()
        elif tag in _BLOCKS:
            self._end_block()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "dl" and self.rows:
            self.rows.pop()
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
        if not self.current.first and not self.current.rest:
            self.current.first = self.current.rest = self._indent()

    def _start_row(self, tag: str) -> None:
        """A term starts a row of its own; its description follows it on the same line."""
        if tag == "dd" and self.term_open:
            self.term_open = False
            self.current.text += " "
            return
        self._end_block()
        if self.rows:
            self.current.tight = self.rows[-1] > 0
            self.rows[-1] += 1
        self.current.first = self._indent()
        self.current.rest = self._indent() + "  "

    def _end_term(self) -> None:
        text = self.current.text.rstrip()
        if not text.replace(BREAK, "").strip():
            return
        self.current.text = text if text.endswith(":") else text + ":"
        self.term_open = True

    def _write_link(self, link: _Link) -> None:
        href = link.href
        if not href or href.startswith("#"):
            return
        if self.here and href.startswith(self.here + "#"):
            return  # another part of this issue, which the text holds
        same = link.block is self.current
        words = self.current.text[link.start :] if same else self.current.text
        if not says_target(words, href):
            self.current.text += f" ({shown_target(href)})"

    def _end_block(self) -> None:
        """Finish the paragraph; an empty one keeps its bullet for the text still to come."""
        self.term_open = False
        if " ".join(self.current.text.replace(BREAK, " ").split()):
            self.blocks.append(self.current)
            self.current = _Block()

    def close(self) -> None:
        super().close()
        self._end_block()


def html_to_text(html: str, width: int = WIDTH, here: str | None = None) -> str:
    """Plain text of some HTML, paragraphs separated by blank lines, wrapped at width; links
    to `here` (the page's own address) followed by #part are not written out."""
    converter = _Converter(here=here)
    tokenize(html, converter)
    converter.close()
    return joined(converter.blocks, width)


def joined(blocks: list[_Block], width: int) -> str:
    """The blocks wrapped, each after a blank line, or a line break if it is tight."""
    parts: list[str] = []
    for block in blocks:
        if parts:
            parts.append("\n" if block.tight else "\n\n")
        parts.append(_wrapped(block, width))
    return "".join(parts) + "\n"


def _wrapped(block: _Block, width: int) -> str:
    lines: list[str] = []
    first = block.first
    for part in block.text.split(BREAK):
        words = part.split()
        if words:
            lines += wrap_words(words, width, first, block.rest)
            first = block.rest
    if block.underline:
        words = block.text.replace(BREAK, " ").split()
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
