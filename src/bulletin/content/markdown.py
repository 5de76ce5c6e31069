"""Render Markdown: prose to safe HTML fragments, with what later stages need to know.

One Python-Markdown instance, configured once and reset between uses (making
one is far slower than converting a paragraph). Its output passes through nh3,
an allow-list sanitiser (`content.sanitise`), so raw HTML in content cannot
add scripts, event handlers or `javascript:` links; typography follows
smarty's rules (`content.typography`).

Links are written relative to the content folder (`images/team.jpg`,
`2022-summer.md#focus`); they are rewritten to start with `ROOT`, a marker
that each page replaces with its own way back to the site root, so one
fragment serves pages at any depth, feeds and emails alike.
"""

from __future__ import annotations

import html as entities
import re
import sys
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from bulletin.content.autolink import TextLinks, may_hold_links
from bulletin.content.phones import DEFAULT_REGION
from bulletin.content.quick_inline import use_quick_inline
from bulletin.content.raw_html import PRIORITY, RawHtml
from bulletin.content.sanitise import sanitise
from bulletin.content.typography import Typography

#: Stands for "the site root, as seen from wherever this HTML ends up".
ROOT = "__bulletin_root__/"

#: How a link names one of its issue's events: [7 September](#event:meet-the-chair).
EVENT_LINK = "#event:"

_ATTRIBUTION = re.compile(r"^\s*(?:--|\u2014|\u2013)\s*(\S.*)$")


@dataclass(frozen=True, slots=True)
class Link:
    """A link or image source as the editor wrote it, and where."""

    target: str
    text: str
    line: int
    is_image: bool = False

    def __reduce__(self) -> tuple[object, tuple[str, str, int, bool]]:
        """Pickled as its fields, and read back with its strings shared (see `link`)."""
        return link, (self.target, self.text, self.line, self.is_image)


def link(target: str, text: str, line: int, is_image: bool = False) -> Link:
    """A Link whose address and words are interned: a newsletter links the same
    addresses with the same words issue after issue, and the links of 1,000
    issues are held at once by a cold build (a third of its memory for a
    newsletter of many links, before they were shared)."""
    return Link(sys.intern(target), sys.intern(text), line, is_image)


@dataclass(frozen=True)
class Surroundings:
    """What a fragment's text can refer to: the site's phone region, for numbers written in
    it, and its issue's events by the names `#event:` links use (None where two share one)."""

    region: str = DEFAULT_REGION
    events: Mapping[str, str | None] = field(default_factory=dict)


#: Prose with no issue around it (site.yaml's texts, tests).
NOWHERE = Surroundings()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation with the words of whoever said it."""

    text: str
    attribution: str


@dataclass(frozen=True, slots=True)
class Fragment:
    """Markdown rendered: safe HTML plus the links, images and quotes found in it."""

    html: str
    links: tuple[Link, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.html.strip())


class _QuoteAttributions(Treeprocessor):
    """`> words` then `> -- speaker` becomes a figure with a caption.

    Runs before inline processing, while the attribution is still plain text.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.quotes: list[Quote] = []

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "blockquote":
                    self._attribute(parent, index, child)

    def _attribute(self, parent: etree.Element, index: int, quote: etree.Element) -> None:
        last = quote[-1] if len(quote) else None
        if last is None or last.tag != "p" or len(last):
            return
        lines = (last.text or "").rstrip().split("\n")
        match = _ATTRIBUTION.match(lines[-1])
        if not match:
            return
        if len(lines) > 1:
            last.text = "\n".join(lines[:-1])
        else:
            quote.remove(last)
        figure = etree.Element("figure", {"class": "quote"})
        figure.append(quote)
        caption = etree.SubElement(figure, "figcaption")
        caption.text = match.group(1).strip()
        figure.tail, quote.tail = quote.tail, None
        parent[index] = figure
        words = " ".join(" ".join(quote.itertext()).split())
        self.quotes.append(Quote(words, caption.text))


class _Links(Treeprocessor):
    """Records every link and image, and points content-relative ones at the site root.

    Runs after inline processing, which is what creates links.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        #: Each link as written, where it leads, its words, and whether it is an image.
        self.links: list[tuple[str, str, str, bool]] = []
        self.events: Mapping[str, str | None] = {}

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                self._rewrite(element, "href", "".join(element.itertext()), False)
            elif element.tag == "img":
                self._rewrite(element, "src", element.get("alt", ""), True)

    def _rewrite(self, element: etree.Element, attribute: str, text: str, image: bool) -> None:
        element.set(attribute, self.record(element.get(attribute, ""), text, image))

    def record(self, written: str, text: str, image: bool) -> str:
        """Keep a link or picture for the checks, and give the address it has on the site."""
        target = self._event(written) if written.startswith(EVENT_LINK) else written
        self.links.append((written, target, " ".join(text.split()), image))
        return content_url(target)

    def _event(self, written: str) -> str:
        """#event:meet-the-chair leads to that event's anchor (if the issue has just one)."""
        anchor = self.events.get(written.removeprefix(EVENT_LINK).lower())
        return f"#{anchor}" if anchor else written


def content_url(target: str) -> str:
    """Where a link written in content points on the built site (ROOT-relative)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("#", "/")) or not target:
        return target
    path = parts.path.removeprefix("./").removeprefix("../")
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if path.endswith(".md"):
        slug = path.rsplit("/", 1)[-1].removesuffix(".md")
        return f"{ROOT}issues/{slug}/{fragment}"
    path = path.removeprefix("content/")
    return f"{ROOT}{path}{fragment}"


class _BulletinExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_QuoteAttributions(md), "bulletin-quotes", 25)
        md.treeprocessors.register(TextLinks(md), "bulletin-text-links", 8)
        md.treeprocessors.register(Typography(md), "bulletin-typography", 6)
        links = _Links(md)
        md.treeprocessors.register(links, "bulletin-links", 5)
        md.postprocessors.register(RawHtml(md, links.record), "bulletin-raw-html", PRIORITY)


class MarkdownRenderer:
    """Converts Markdown fragments; one per process, reused for every fragment."""

    def __init__(self, allow_raw_html: bool = False) -> None:
        self.allow_raw_html = allow_raw_html
        # Extensions as objects, not names: a name is looked up among every installed
        # package's entry points, which costs each process a few hundredths of a second.
        extensions = [TableExtension(), SaneListExtension(), AbbrExtension(), DefListExtension()]
        self._md = markdown.Markdown(
            extensions=[*extensions, _BulletinExtension()],
            output_format="html",
        )
        use_quick_inline(self._md)
        self._quotes: _QuoteAttributions = self._md.treeprocessors["bulletin-quotes"]  # type: ignore[assignment]
        self._links: _Links = self._md.treeprocessors["bulletin-links"]  # type: ignore[assignment]
        self._text_links: TextLinks = self._md.treeprocessors["bulletin-text-links"]  # type: ignore[assignment]
        self._typography: Typography = self._md.treeprocessors["bulletin-typography"]  # type: ignore[assignment]

    def render(
        self,
        text: str,
        first_line: int,
        references: str = "",
        around: Surroundings = NOWHERE,
    ) -> Fragment:
        """Render one fragment; first_line is its line in the file, for link messages."""
        if not text.strip():
            return Fragment("")
        self._md.reset()
        self._links.links, self._quotes.quotes = [], []
        self._links.events, self._text_links.region = around.events, around.region
        self._text_links.wanted = may_hold_links(text)
        html = self._md.convert(f"{text}\n\n{references}" if references else text)
        if not self.allow_raw_html:
            html = sanitise(html)
        links = tuple(
            link(target, words, first_line + _line_index(text, written), image)
            for written, target, words, image in self._links.links
        )
        return Fragment(html, links, tuple(self._quotes.quotes))

    def inline(self, text: str, around: Surroundings = NOWHERE) -> str:
        """Render a short phrase (an event description) without a wrapping paragraph."""
        html = self.render(text, 0, around=around).html
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html

    def typeset(self, text: str) -> str:
        """Plain text (a heading, a title) with the curly quotes, dashes and ellipses that
        the same words get in the body: '"open" -- at last...' has curly quotes, an en dash
        and an ellipsis."""
        return entities.unescape(self._typography.educate(text, keep=str))


def _line_index(text: str, target: str) -> int:
    """Which line of a fragment a link target is written on (0 if not found)."""
    position = text.find(target or "]()")
    return text.count("\n", 0, position) if position >= 0 else 0
