"""The assembled issue: what the site, the templates and every output work from.

These are plain frozen dataclasses built once per issue from its validated
front matter and its rendered body. They hold facts in typed form (aware
datetimes, numbers, contact records), never raw YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

from bulletin import urls
from bulletin.content.assembled_parts import Call, Course
from bulletin.content.markdown import Fragment, Quote
from bulletin.content.schema import Action, Contact, Figure, Image, Signature
from bulletin.digest import Keyed


@dataclass(frozen=True)
class Item:
    """A titled piece within a section: a report item, a priority, a news story."""

    title: str
    anchor: str
    body: Fragment
    line: int
    number: int | None = None
    actions: tuple[Action, ...] = ()
    topics: tuple[str, ...] = ()
    image: Image | None = None
    #: Headline numbers that belong to this item (a report item's figures).
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Event(Keyed):
    """An event with its times in the site's time zone; all-day events have dates alone."""

    title: str
    anchor: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None
    kind: str
    series: str | None
    online: bool
    place: str | None
    organiser: str | None
    booking: str | None
    description: str
    description_text: str
    topics: tuple[str, ...]
    issue_slug: str
    line: int
    #: Where it is in the front matter's list, and whether the editor gave its id.
    position: int = 0
    explicit_anchor: bool = False
    anchor_line: int = 0
    #: What is not settled yet ("time", "place"), and "cancelled" or "postponed" (or None).
    to_be_confirmed: tuple[str, ...] = ()
    status: str | None = None

    @property
    def path(self) -> str:
        """Where the event is described: in its issue, at its anchor."""
        return urls.event_path(self.issue_slug, self.anchor)

    @property
    def calendar_path(self) -> str:
        """The event's own calendar file, for an "add to calendar" link."""
        return urls.event_calendar_path(self.issue_slug, self.anchor)

    @property
    def all_day(self) -> bool:
        """True when the event was given dates without times."""
        return not isinstance(self.start, dt.datetime)

    @property
    def start_date(self) -> dt.date:
        """The day it starts, for sorting and grouping."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def end_date(self) -> dt.date:
        """The day it ends (the day it starts, if no end is given)."""
        end = self.end or self.start
        return end.date() if isinstance(end, dt.datetime) else end

    @property
    def time_to_be_confirmed(self) -> bool:
        """True when its time is not settled: any time it gives is provisional."""
        return "time" in self.to_be_confirmed

    @property
    def place_to_be_confirmed(self) -> bool:
        """True when its place is not settled: any place it names is provisional."""
        return "place" in self.to_be_confirmed

    @property
    def where(self) -> str:
        """Where it happens, in words: "Online, and at the Civic Centre (to be confirmed)"."""
        place = self.place
        if self.place_to_be_confirmed:
            place = f"{place} (to be confirmed)" if place else None
        if self.online:
            if place:
                return f"Online, and at {place}"
            return (
                "Online, and at a place to be confirmed" if self.place_to_be_confirmed else "Online"
            )
        return place or "To be confirmed"


def event_order(event: Event) -> tuple[dt.date, dt.time, str]:
    """Events are shown by day, then by time (all-day ones first), then by title."""
    clock = event.start.time() if isinstance(event.start, dt.datetime) else dt.time(0)
    return event.start_date, clock, event.title


@dataclass(frozen=True)
class DirectoryEntry:
    """A contact from the site's directory, with the key issues refer to it by."""

    key: str
    contact: Contact


@dataclass(frozen=True)
class Section:
    """One of an issue's sections, with whatever its kind carries."""

    kind: str
    anchor: str
    title: str
    intro: Fragment
    line: int
    items: tuple[Item, ...] = ()
    signature: Signature | None = None
    meeting: dt.date | None = None
    #: The line under the report's heading, when the editor gives one.
    subtitle: str | None = None
    figures: tuple[Figure, ...] = ()
    subject: str | None = None
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    courses: tuple[Course, ...] = ()
    contacts: tuple[DirectoryEntry, ...] = ()


@dataclass(frozen=True)
class Body:
    """An issue's prose: the text before its first section, and the sections.

    Kept apart from the issue's facts because most of a build needs none of
    it: lists of issues, feeds' headers, calendars and topic pages work from
    the facts, and the build joins a body to its facts (`FullIssue`) only for
    the products that show it. `content_digest` is a hash of everything the
    body was made from (the issue's file, the site's settings, bulletin's
    version), so it keys every product that shows the body without the
    body's HTML being walked, or even read back from the build cache.
    """

    content_digest: str
    preamble: Fragment
    sections: tuple[Section, ...]
    contributions: Call | None = None


@dataclass(frozen=True)
class Tagged:
    """An item of a section filed under topics, as a topic page lists it."""

    title: str
    anchor: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class ContentsEntry:
    """A section as the issue's contents list names it."""

    anchor: str
    title: str
    kind: str


@dataclass(frozen=True)
class IssueSummary(Keyed):
    """An issue as a list of issues shows it: every fact about it but its prose.

    Lists (the archive, a year, a topic, the events, the neighbours of an
    issue) are given these, so that editing an issue's prose leaves every list
    it is on as it was; any other field added here is shown, and keyed, at once.
    """

    slug: str
    source: Path
    display_path: str
    title: str
    date: dt.date
    summary: str
    number: int | None
    season: str | None
    topics: tuple[str, ...]
    cover: Image | None
    draft: bool
    next_issue: dt.date | None
    events: tuple[Event, ...] = ()
    #: The items of its sections filed under topics (so topic pages need no body).
    tagged: tuple[Tagged, ...] = ()
    #: Its sections' anchors and titles (so a contents list needs no body).
    contents: tuple[ContentsEntry, ...] = ()

    @property
    def path(self) -> str:
        """Where the issue's page lives."""
        return urls.issue_path(self.slug)

    @property
    def calendar_path(self) -> str:
        """The calendar file of all the issue's events."""
        return urls.issue_calendar_path(self.slug)


@dataclass(frozen=True)
class Issue(IssueSummary):
    """One newsletter issue's facts, naming its prose by the digest of its body.

    The site is made of these; the build joins a body to its facts
    (`FullIssue`) only for the products that show it.
    """

    body_digest: str = ""
    #: The line of its `slug:`, or None when its address comes from its file's name.
    slug_line: int | None = None

    @cached_property
    def listed(self) -> IssueSummary:
        """The issue as lists show it: the same facts, without naming its prose."""
        return IssueSummary(**{f.name: getattr(self, f.name) for f in fields(IssueSummary)})


#: What an issue without any text before its first section has as its preamble.
NO_PROSE = Fragment("")


@dataclass(frozen=True)
class FullIssue(Issue):
    """An issue's facts with its prose: what an issue's page and editions show."""

    preamble: Fragment = NO_PROSE
    sections: tuple[Section, ...] = ()
    contributions: Call | None = None

    @classmethod
    def join(cls, issue: Issue, body: Body) -> FullIssue:
        """The issue with its body, which must be the one its facts name."""
        if body.content_digest != issue.body_digest:
            raise ValueError(f"{issue.display_path}: the body given is not this issue's")
        facts = {field.name: getattr(issue, field.name) for field in fields(Issue)}
        return cls(
            **facts,
            preamble=body.preamble,
            sections=body.sections,
            contributions=body.contributions,
        )

    def section(self, kind: str) -> Section | None:
        """The section of a kind, if the issue has one."""
        return next((s for s in self.sections if s.kind == kind), None)
