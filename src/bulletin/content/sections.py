"""Assemble sections: join each ## section of the body with the facts its kind carries.

This is where front matter and body meet: the foreword's signature, the
report's meeting date, the priorities' numbers, the focus feature's quotes, the
issue's events, the news items' calls to action and the contacts directory.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from bulletin.content.body import KINDS, RawBody, RawItem, RawSection
from bulletin.content.context import IssueContext
from bulletin.content.frontmatter import Document
from bulletin.content.markdown import NOWHERE, Fragment, Surroundings
from bulletin.content.models import DirectoryEntry, Event, Item, Section, event_order
from bulletin.content.page_ids import free_id, theme_ids
from bulletin.content.programme import courses, place_figures
from bulletin.content.schema import FrontMatter
from bulletin.errors import Problems, Severity

_PRIORITY_NUMBER = re.compile(
    r"^(?:priority\s*)?(\d+)\s*[.:)\-\u2013\u2014]?\s*(.*)$", re.IGNORECASE
)

#: Front matter fields that describe a section, and the section each needs.
_FACTS_NEED_SECTION = {
    "foreword": "foreword",
    "partnership_report": "partnership-report",
    "focus": "focus",
    "news": "news",
}
_DEFAULT_TITLES = {"events": "Events and training", "contacts": "Contacts"}


@dataclass(frozen=True)
class ParsedIssue:
    """An issue file parsed but not yet assembled: its facts, its body, its events."""

    display: str
    document: Document
    front: FrontMatter
    raw: RawBody
    events: tuple[Event, ...]
    #: Front matter fields that had mistakes, whose absence says nothing.
    failed: frozenset[str] = frozenset()
    #: What links in its text may refer to: the site's phone region, its events' names.
    around: Surroundings = NOWHERE


def assemble(parsed: ParsedIssue, context: IssueContext, problems: Problems) -> tuple[Section, ...]:
    """Every section of an issue, in reading order, each with its kind's facts."""
    builder = _Builder(parsed, context, problems)
    sections = [builder.section(s) for s in parsed.raw.sections]
    kinds = {s.kind for s in sections}
    builder.check_facts_have_sections(kinds)
    wanted = {
        "events": parsed.events or parsed.front.courses,
        "contacts": parsed.front.contacts,
    }
    for kind, data in wanted.items():
        if kind not in kinds and data:
            _insert_in_order(sections, builder.generated_section(kind))
    return tuple(_unique_anchors(sections, parsed))


def fragments(
    sections: tuple[Section, ...], preamble: Fragment, *more: Fragment
) -> Iterator[Fragment]:
    """Every piece of rendered prose in an issue (and any more, such as its own call for
    contributions)."""
    yield preamble
    for section in sections:
        yield section.intro
        for item in section.items:
            yield item.body
    yield from more


class _Builder:
    """Builds sections for one issue, recording problems as it goes."""

    def __init__(self, parsed: ParsedIssue, context: IssueContext, problems: Problems) -> None:
        self.raw, self.front, self.events = parsed.raw, parsed.front, parsed.events
        self.document, self.display = parsed.document, parsed.display
        self.failed, self.around = parsed.failed, parsed.around
        self.context, self.problems = context, problems
        self.typeset = context.renderer.typeset

    def render(self, text: str, line: int) -> Fragment:
        return self.context.renderer.render(text, line, self.raw.references, self.around)

    def section(self, raw: RawSection) -> Section:
        items = tuple(self.item(raw_item) for raw_item in raw.items)
        section = Section(
            kind=raw.kind,
            anchor=raw.anchor,
            title=self.typeset(raw.title),
            intro=self.render(raw.intro, raw.intro_line),
            line=raw.line,
            items=items,
        )
        return self.decorate(section, raw)

    def item(self, raw: RawItem) -> Item:
        body = self.render(raw.markdown, raw.markdown_line)
        return Item(self.typeset(raw.title), raw.anchor, body, raw.line)

    def generated_section(self, kind: str) -> Section:
        """A section the body did not write out but the front matter has facts for."""
        line = self.document.line_of((kind,))
        return self.decorate(Section(kind, kind, _DEFAULT_TITLES[kind], Fragment(""), line), None)

    def decorate(self, section: Section, raw: RawSection | None) -> Section:
        """Join a section with the facts its kind carries; other sections carry none."""
        handler = _KIND_HANDLERS.get(section.kind)
        return handler(self, section, raw) if handler else section

    def _foreword(self, section: Section, raw: RawSection | None) -> Section:
        if self.front.foreword is None and "foreword" not in self.failed:
            self.problems.add(
                self.display,
                section.line,
                "the foreword has no signature; add to the front matter "
                "'foreword:' with 'author:' (and 'role:') under it",
                severity=Severity.WARNING,
            )
        return replace(section, signature=self.front.foreword)

    def _partnership_report(self, section: Section, raw: RawSection | None) -> Section:
        facts = self.front.partnership_report
        if facts is None:
            return section
        subtitle = self.typeset(facts.subtitle) if facts.subtitle else None
        placed = replace(section, meeting=facts.meeting, subtitle=subtitle)
        return place_figures(placed, facts.figures, self.document, self.display, self.problems)

    def _focus(self, section: Section, raw: RawSection | None) -> Section:
        subject = self.front.focus.subject if self.front.focus else _focus_subject(section.title)
        quotes = tuple(q for f in fragments((section,), Fragment("")) for q in f.quotes)
        return replace(section, subject=subject, quotes=quotes)

    def _events(self, section: Section, raw: RawSection | None) -> Section:
        """Events by date, whatever order they were written in; courses as written."""
        programme = courses(self.front.courses, self.context.renderer, self.typeset, self.around)
        ordered = tuple(sorted(self.events, key=event_order))
        return replace(section, events=ordered, courses=programme)

    def _priorities(self, section: Section, raw: RawSection | None) -> Section:
        """Priorities are shown in number order, whatever order they were written in."""
        numbered: dict[int, Item] = {}
        explicit = {r.line for r in raw.items if r.explicit_anchor} if raw else set()
        for item in section.items:
            found = self._numbered(item, numbered, item.line in explicit)
            if found and found.number is not None:
                numbered[found.number] = found
        return replace(section, items=tuple(numbered[n] for n in sorted(numbered)))

    def _numbered(self, item: Item, seen: dict[int, Item], explicit: bool) -> Item | None:
        match = _PRIORITY_NUMBER.match(item.title)
        if not match or not match.group(2).strip():
            self.problems.add(
                self.display,
                item.line,
                f"the priority '### {item.title}' needs a number and a title "
                "(write '### 1. Safeguarding adolescents')",
            )
            return None
        number = int(match.group(1))
        if number in seen:
            self.problems.add(
                self.display,
                item.line,
                f"priority {number} is given twice (also on line {seen[number].line}); "
                "number each priority once",
            )
            return None
        anchor = item.anchor if explicit else f"priority-{number}"
        return replace(item, number=number, title=match.group(2).strip(), anchor=anchor)

    def _news(self, section: Section, raw: RawSection | None) -> Section:
        items = []
        for item in section.items:
            facts = self.front.news.get(item.anchor)
            if facts:
                item = replace(
                    item,
                    actions=tuple(facts.actions),
                    topics=tuple(facts.topics),
                    image=facts.image,
                )
            items.append(item)
        known = [item.anchor for item in section.items]
        for key in self.front.news:
            if key not in known:
                self._unmatched_news(key, known)
        return replace(section, items=tuple(items))

    def _unmatched_news(self, key: str, known: list[str]) -> None:
        close = difflib.get_close_matches(key, known, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        self.problems.add(
            self.display,
            self.document.line_of(("news", key)),
            f'there is no item "{key}" in the News section{hint}; each key under news: '
            f"must be the id of a ### heading there: {', '.join(known) or 'none yet'}",
            f"news.{key}",
        )

    def _contacts(self, section: Section, raw: RawSection | None) -> Section:
        directory = self.context.config.contacts
        entries = tuple(
            DirectoryEntry(key, directory[key]) for key in self.front.contacts if key in directory
        )
        return replace(section, contacts=entries)

    def check_facts_have_sections(self, kinds: set[str]) -> None:
        """Facts for a section that the body does not have are probably a lost heading."""
        for field_name, kind in _FACTS_NEED_SECTION.items():
            if getattr(self.front, field_name) and kind not in kinds:
                self.problems.add(
                    self.display,
                    self.document.line_of((field_name,)),
                    f"there is no '{kind.replace('-', ' ')}' section in the body for this; "
                    f"add a heading such as '## {kind.replace('-', ' ').capitalize()}' "
                    f"or '## Any title {{#{kind}}}'",
                    field_name,
                )


#: Each of the seven kinds of section and what joins it with its facts.
_KIND_HANDLERS: dict[str, Callable[[_Builder, Section, RawSection | None], Section]] = {
    "foreword": _Builder._foreword,
    "partnership-report": _Builder._partnership_report,
    "priorities": _Builder._priorities,
    "focus": _Builder._focus,
    "events": _Builder._events,
    "news": _Builder._news,
    "contacts": _Builder._contacts,
}


def _focus_subject(title: str) -> str:
    """'Focus on ... the Families Team' is about 'the Families Team'."""
    rest = re.sub(r"^\s*focus on\s*", "", title, flags=re.IGNORECASE)
    return rest.strip(" .:-\u2026\u2013\u2014") or title


def _insert_in_order(sections: list[Section], new: Section) -> None:
    """Place a generated section after the last of the seven kinds that comes before it."""
    rank = KINDS.index(new.kind)
    position = 0
    for index, section in enumerate(sections):
        if section.kind in KINDS and KINDS.index(section.kind) < rank:
            position = index + 1
    sections.insert(position if any(s.kind in KINDS for s in sections) else len(sections), new)


def _unique_anchors(sections: list[Section], parsed: ParsedIssue) -> Iterator[Section]:
    """Items with the same title in different sections get -2, -3 on their ids, as do
    sections and items whose ids the theme or an event already has on the page."""
    front = parsed.front
    theme = theme_ids(parsed.display, front.slug, (s.anchor for s in sections), front.contacts)
    used = theme | {event.anchor for event in parsed.events}
    anchors = [free_id(section.anchor, used) for section in sections]
    for section, anchor in zip(sections, anchors, strict=True):
        items = []
        for item in section.items:
            free = free_id(item.anchor, used)
            items.append(replace(item, anchor=free) if free != item.anchor else item)
        yield replace(section, anchor=anchor, items=tuple(items))
