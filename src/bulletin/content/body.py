"""Parse: split an issue's Markdown body into sections (##) and their items (###).

A section's kind comes from its heading ("## Foreword", "## Focus on the
Families Team") or from an explicit id (`## Our year ahead {#priorities}`).
Headings inside fenced code blocks are left alone. Every section and item keeps
the file line it starts on, so later messages can name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bulletin.content.slugs import slugify
from bulletin.errors import Problems

#: The seven kinds of section in a newsletter issue, in the order they are
#: placed when an issue has data for a section but no heading for it.
KINDS = ("foreword", "partnership-report", "priorities", "focus", "events", "news", "contacts")

_EXACT_NAMES = {
    "partnership-report": {
        "partnership report",
        "board report",
        "meeting report",
        "report from the partnership",
        "partnership meeting",
        "feedback from the partnership",
    },
    "priorities": {"priorities", "our priorities", "safeguarding priorities", "the priorities"},
    "events": {
        "events",
        "events and training",
        "training and events",
        "events calendar",
        "training",
        "training calendar",
        "dates for your diary",
        "what's on",
    },
    "news": {"news", "latest news", "news and updates", "updates"},
    "contacts": {"contacts", "contact information", "contact us", "useful contacts", "contact"},
}
_PREFIX_NAMES = {"foreword": "foreword", "focus on": "focus"}

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
_EXPLICIT_ID = re.compile(r"\s*\{:?\s*#([A-Za-z][\w-]*)\s*\}$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$")


@dataclass(frozen=True)
class RawItem:
    """A ### heading and the Markdown beneath it, up to the next ### or ##."""

    title: str
    anchor: str
    explicit_anchor: bool
    line: int
    markdown: str
    markdown_line: int


@dataclass(frozen=True)
class RawSection:
    """A ## heading, its introduction (before any ###) and its items."""

    title: str
    kind: str
    anchor: str
    line: int
    intro: str
    intro_line: int
    items: tuple[RawItem, ...] = ()


@dataclass
class RawBody:
    """An issue body: text before the first section, the sections, link definitions."""

    preamble: str
    preamble_line: int
    sections: list[RawSection] = field(default_factory=list)
    references: str = ""


@dataclass
class _Heading:
    level: int
    title: str
    anchor: str | None
    index: int


def split_body(body: str, first_line: int, display: str, problems: Problems) -> RawBody:
    """Split a body into sections and items; record misplaced or clashing headings."""
    lines = body.split("\n")
    headings = _find_headings(lines)
    references = "\n".join(line for line in lines if _REFERENCE_DEFINITION.match(line))
    for heading in headings:
        if heading.level == 1:
            problems.add(
                display,
                first_line + heading.index,
                f"'# {heading.title}' is a level-1 heading; sections start with '## ' "
                "(the issue's title comes from title: in the front matter)",
            )
    _check_heading_levels(headings, first_line, display, problems)
    sections_at = [h for h in headings if h.level == 2]
    end_of_preamble = sections_at[0].index if sections_at else len(lines)
    raw = RawBody("\n".join(lines[:end_of_preamble]), first_line, references=references)
    for number, heading in enumerate(sections_at):
        end = sections_at[number + 1].index if number + 1 < len(sections_at) else len(lines)
        inner = [h for h in headings if h.level == 3 and heading.index < h.index < end]
        raw.sections.append(_section(heading, inner, lines, end, first_line))
    _check_unique(raw.sections, display, problems)
    return raw


def _check_heading_levels(
    headings: list[_Heading], first_line: int, display: str, problems: Problems
) -> None:
    """Screen reader users move by heading level; a skipped level looks like a missing part."""
    previous = 1  # the title is the page's level-1 heading
    for heading in headings:
        if heading.level > previous + 1:
            hashes = "#" * heading.level
            problems.add(
                display,
                first_line + heading.index,
                f"'{hashes} {heading.title}' skips a heading level (it follows a level-"
                f"{previous} heading); use {'#' * (previous + 1)} instead",
            )
        previous = heading.level


def _find_headings(lines: list[str]) -> list[_Heading]:
    """ATX headings outside fenced code, with any explicit {#id} taken off the title."""
    found: list[_Heading] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
            continue
        match = None if fence else _HEADING.match(line)
        if match:
            title = re.sub(r"[ \t]+#+$", "", match.group(2))
            explicit = _EXPLICIT_ID.search(title)
            anchor = explicit.group(1).lower() if explicit else None
            title = title[: explicit.start()] if explicit else title
            found.append(_Heading(len(match.group(1)), title.strip(), anchor, index))
    return found


def _section(
    heading: _Heading, inner: list[_Heading], lines: list[str], end: int, first_line: int
) -> RawSection:
    kind = section_kind(heading.title, heading.anchor)
    anchor = heading.anchor or (kind if kind in KINDS else slugify(heading.title) or "section")
    intro_end = inner[0].index if inner else end
    items = []
    for number, item in enumerate(inner):
        item_end = inner[number + 1].index if number + 1 < len(inner) else end
        items.append(
            RawItem(
                title=item.title,
                anchor=item.anchor or slugify(item.title) or f"item-{number + 1}",
                explicit_anchor=item.anchor is not None,
                line=first_line + item.index,
                markdown="\n".join(lines[item.index + 1 : item_end]),
                markdown_line=first_line + item.index + 1,
            )
        )
    return RawSection(
        title=heading.title,
        kind=kind,
        anchor=anchor,
        line=first_line + heading.index,
        intro="\n".join(lines[heading.index + 1 : intro_end]),
        intro_line=first_line + heading.index + 1,
        items=tuple(items),
    )


def section_kind(title: str, anchor: str | None) -> str:
    """The kind of a section, from an explicit id or else from its heading's words."""
    if anchor in KINDS:
        return anchor
    words = " ".join(re.sub(r"[^\w' ]+", " ", title.lower()).split())
    for prefix, kind in _PREFIX_NAMES.items():
        if words.startswith(prefix):
            return kind
    for kind, names in _EXACT_NAMES.items():
        if words in names:
            return kind
    return "section"


def _check_unique(sections: list[RawSection], display: str, problems: Problems) -> None:
    """Two sections may not share a kind (of the seven) or an id."""
    seen: dict[str, RawSection] = {}
    for section in sections:
        earlier = seen.get(section.anchor)
        if earlier is not None:
            problems.add(
                display,
                section.line,
                f"'## {section.title}' has the same id '{section.anchor}' as "
                f"'## {earlier.title}' on line {earlier.line}; merge them or give this one "
                "its own id, such as {#more-news}",
            )
        seen[section.anchor] = section
