"""The assembled issue: what the site, the templates and every output work from.

These are plain frozen dataclasses built once per issue from its validated
front matter and its rendered body. They hold facts in typed form (aware
datetimes, numbers, contact records), never raw YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.cache import KeptApart
from bulletin.content.markdown import Fragment, Quote
from bulletin.content.schema import Action, Contact, Figure, Image, Signature


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


@dataclass(frozen=True)
class Event:
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
    figures: tuple[Figure, ...] = ()
    subject: str | None = None
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    contacts: tuple[DirectoryEntry, ...] = ()


@dataclass(frozen=True)
class Body(KeptApart):
    """An issue's prose: the text before its first section, and the sections.

    Apart from the issue's facts because most builds need few bodies: the
    build cache keeps each in a file of its own and reads it only when a page
    that shows it is rendered (lists of issues need titles, dates and events).
    """

    preamble: Fragment
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Tagged:
    """An item of a section filed under topics, as a topic page lists it."""

    title: str
    anchor: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    """One newsletter issue, validated and rendered to HTML fragments."""

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
    # Not compared: the fingerprint already stands for it, and comparing (or
    # hashing) would read back a body that the build cache has left on disk.
    body: Body = field(compare=False)
    events: tuple[Event, ...] = field(default=())
    fingerprint: str = ""
    #: The items of its sections filed under topics (so topic pages need no body).
    tagged: tuple[Tagged, ...] = ()

    @property
    def preamble(self) -> Fragment:
        """The text before the first section."""
        return self.body.preamble

    @property
    def sections(self) -> tuple[Section, ...]:
        """The sections, in reading order."""
        return self.body.sections

    def section(self, kind: str) -> Section | None:
        """The section of a kind, if the issue has one."""
        return next((s for s in self.sections if s.kind == kind), None)
