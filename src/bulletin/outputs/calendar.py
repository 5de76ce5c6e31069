"""Outputs: iCalendar files, written with the icalendar library.

`/events.ics` can be subscribed to: it holds the events to come and those
of the past year, as the events page shows them, so that calendar apps
fetch a file that stays the same size however long the newsletter runs.
Each issue has `events.ics` for all its own events, and each event a file
of its own for an "add to calendar" link. Timed events carry the site's
time zone with a full VTIMEZONE, so a calendar app shows an event on 24
October (summer time) and one on 26 October (winter time) each at the
right hour. Events given dates
alone are all-day events. UIDs come from the issue and the event's id, and
DTSTAMP from the issue's date, so the files are the same on every build.

A VTIMEZONE covers only the years its calendar's events span (icalendar's
default, 1970 to 2037, costs 7 ms and 3 KB per file), and each issue's files
are made again only when the issue changes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bulletin.cache import KeptApart
from bulletin.content.models import Event
from bulletin.content.schema import SiteConfig
from bulletin.outputs.files import OutputFile
from bulletin.outputs.sharing import Share, share_here
from bulletin.site import (
    CALENDAR,
    Site,
    event_calendar_path,
    event_path,
    issue_calendar_path,
    past_events_since,
)

if TYPE_CHECKING:
    import icalendar


@dataclass
class _Blocks(KeptApart):
    """An issue's events, each serialised as a VEVENT, by anchor (kept apart in the build
    cache: they are read only when the site's calendar must be joined again)."""

    by_anchor: dict[str, bytes]


@dataclass(frozen=True)
class _Facts:
    """What an issue's calendar files show of it and of the site: all a worker needs."""

    config: SiteConfig
    slug: str
    title: str
    date: dt.date
    events: tuple[Event, ...]


#: An issue's serialised events by anchor, and its calendar files (path and bytes).
_Made = tuple[dict[str, bytes], list[tuple[str, bytes]]]


class CalendarFiles:
    """Calendar files, assembled from each event's serialised VEVENT.

    An issue's events and files are made again only when that issue (or the
    settings) change; the site's calendar is then a join of every block.
    """

    def __init__(self) -> None:
        self._issues: dict[str, tuple[object, _Blocks, list[OutputFile]]] = {}
        self._whole: tuple[object, OutputFile] | None = None

    def files(
        self,
        site: Site,
        today: dt.date,
        keep: Callable[[OutputFile], OutputFile] = lambda file: file,
        share: Share = share_here,
    ) -> list[OutputFile]:
        """The site's calendar, one per issue with events, and one per event (each to `keep`).

        Each stale issue's files are made by `share`, which may hand them to a
        pool of processes (it gives results back in order).
        """
        config = site.config
        settings = config.model_dump_json()
        keys: dict[str, object] = {}
        stale: list[_Facts] = []
        for issue in site.issues:
            if not issue.events:
                continue
            # What the files show of the issue: an edit to its prose leaves them be.
            keys[issue.slug] = (settings, issue.slug, issue.title, issue.date, issue.events)
            previous = self._issues.get(issue.slug)
            if previous is None or previous[0] != keys[issue.slug]:
                stale.append(_Facts(config, issue.slug, issue.title, issue.date, issue.events))
        made = share(_issue_calendars, stale, len(stale))
        for facts, (serialised, files) in zip(stale, made, strict=True):
            kept = [keep(OutputFile(path, data=data)) for path, data in files]
            self._issues[facts.slug] = (keys[facts.slug], _Blocks(serialised), kept)
        self._issues = {slug: self._issues[slug] for slug in keys}
        # Each issue's key says all that its blocks show, so the keys stand for the blocks.
        since = past_events_since(today)
        whole_key = (settings, since, tuple(keys.values()))
        if self._whole is None or self._whole[0] != whole_key:
            events = site.current_events(today)
            blocks = {
                (e.issue_slug, e.anchor): self._issues[e.issue_slug][1].by_anchor[e.anchor]
                for e in events
            }
            whole = _assemble(config, events, blocks, config.title)
            self._whole = (whole_key, keep(OutputFile(CALENDAR, data=whole)))
        return [self._whole[1], *(f for *_, files in self._issues.values() for f in files)]


def _issue_calendars(facts: _Facts) -> _Made:
    """An issue's events serialised, and its calendar and each event's (a pool may call it)."""
    serialised = {e.anchor: _vevent(e, facts).to_ical() for e in facts.events}
    blocks = {(facts.slug, anchor): block for anchor, block in serialised.items()}
    config = facts.config
    name = f"{config.title}: {facts.title}"
    path = issue_calendar_path(facts)
    files = [(path, _assemble(config, facts.events, blocks, name))]
    for event in facts.events:
        files.append((event_calendar_path(event), _assemble(config, (event,), blocks, event.title)))
    return serialised, files


def _assemble(
    config: SiteConfig, events: tuple[Event, ...], blocks: dict[tuple[str, str], bytes], name: str
) -> bytes:
    """A VCALENDAR around some events' serialised VEVENTs, with a VTIMEZONE if any is timed."""
    import icalendar  # here, not above: a build with no calendar to remake need not load it

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//bulletin//{config.title}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", config.timezone)
    end = b"END:VCALENDAR\r\n"
    head: bytes = cal.to_ical().removesuffix(end)
    timed = [e for e in events if not e.all_day]
    zone = _timezone(config.timezone, *_years(tuple(timed))) if timed else b""
    return head + zone + b"".join(blocks[(e.issue_slug, e.anchor)] for e in events) + end


def _years(events: tuple[Event, ...]) -> tuple[int, int]:
    return min(e.start_date.year for e in events), max(e.end_date.year for e in events)


@functools.cache
def _timezone(name: str, first_year: int, last_year: int) -> bytes:
    """The site's time zone as a VTIMEZONE, with its rules for the years the events need."""
    import icalendar

    zone = icalendar.Timezone.from_tzinfo(
        ZoneInfo(name),
        tzid=name,
        first_date=dt.date(first_year - 1, 1, 1),
        last_date=dt.date(last_year + 2, 1, 1),
    )
    data: bytes = zone.to_ical()
    return data


def event_uid(event: Event, config: SiteConfig) -> str:
    """Stable while the issue's file name and the event's id (or title and day) stay the same."""
    host = urlsplit(config.base_url).hostname or "bulletin"
    return f"{event.issue_slug}-{event.anchor}@{host}"


def _vevent(event: Event, facts: _Facts) -> icalendar.Event:
    import icalendar

    page = facts.config.base_url + event_path(event)
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event, facts.config))
    vevent.add("dtstamp", dt.datetime.combine(facts.date, dt.time(0), tzinfo=dt.UTC))
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.start)
    if event.all_day:
        vevent.add("dtend", event.end_date + dt.timedelta(days=1))  # DTEND is exclusive
    elif event.end is not None:
        vevent.add("dtend", event.end)
    vevent.add("location", _location(event))
    vevent.add("url", event.booking or page)
    vevent.add("description", _description(event, facts, page))
    vevent.add("categories", [event.kind])
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return vevent


def _location(event: Event) -> str:
    if event.online and event.place:
        return f"Online, and at {event.place}"
    return "Online" if event.online else event.place or ""


def _description(event: Event, facts: _Facts, page: str) -> str:
    lines = [event.description_text] if event.description_text else []
    if event.organiser:
        lines.append(f"Organised by {event.organiser}.")
    if event.booking:
        lines.append(f"Book a place: {event.booking}")
    lines.append(f"From {facts.config.title}, {facts.title}: {page}")
    return "\n".join(lines)
