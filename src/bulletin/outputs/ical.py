"""Outputs: iCalendar serialisation with the icalendar library: events, calendars, zones.

Timed events carry the site's time zone with a full VTIMEZONE, so a calendar
app shows an event on 24 October (summer time) and one on 26 October (winter
time) each at the right hour; events given dates alone are all-day events.
UIDs come from the issue and the event's id, and DTSTAMP from the issue's
date, so the files are the same on every build. A VTIMEZONE covers only the
years its calendar's events span (icalendar's default, 1970 to 2037, costs
7 ms and 3 KB per file).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bulletin.content.models import Event
from bulletin.digest import Keyed

if TYPE_CHECKING:
    import icalendar


@dataclass(frozen=True, eq=False)
class CalendarSettings(Keyed):
    """What calendar files show of the site's settings."""

    title: str
    timezone: str
    base_url: str


@dataclass(frozen=True, eq=False)
class IssueEvents:
    """What an issue's calendar files show of it: all a worker needs to make them."""

    settings: CalendarSettings
    slug: str
    title: str
    date: dt.date
    events: tuple[Event, ...]


#: Each event's serialised VEVENT, by (issue slug, anchor).
Blocks = Mapping[tuple[str, str], bytes]


def vevents(issue: IssueEvents) -> dict[str, bytes]:
    """Each of an issue's events serialised as a VEVENT, by anchor."""
    return {event.anchor: _vevent(event, issue).to_ical() for event in issue.events}


def assemble(
    settings: CalendarSettings, events: tuple[Event, ...], blocks: Blocks, name: str
) -> bytes:
    """A VCALENDAR around some events' serialised VEVENTs, with a VTIMEZONE if any is timed."""
    import icalendar  # here, not above: a build with no calendar to remake need not load it

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//bulletin//{settings.title}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.timezone)
    end = b"END:VCALENDAR\r\n"
    head: bytes = cal.to_ical().removesuffix(end)
    timed = [e for e in events if not e.all_day]
    zone = _timezone(settings.timezone, *_years(tuple(timed))) if timed else b""
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


def event_uid(event: Event, base_url: str) -> str:
    """Stable while the event's id (or its title and day) stays the same, whichever issue
    announces it: an event carried forward into the next issue is the same event."""
    host = urlsplit(base_url).hostname or "bulletin"
    return f"{event.anchor}@{host}"


def _vevent(event: Event, issue: IssueEvents) -> icalendar.Event:
    import icalendar

    settings = issue.settings
    page = settings.base_url + event.path
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event, settings.base_url))
    vevent.add("dtstamp", dt.datetime.combine(issue.date, dt.time(0), tzinfo=dt.UTC))
    vevent.add("summary", _summary(event))
    vevent.add("dtstart", event.start)
    if event.all_day:
        vevent.add("dtend", event.end_date + dt.timedelta(days=1))  # DTEND is exclusive
    elif event.end is not None:
        vevent.add("dtend", event.end)
    vevent.add("location", _location(event))
    vevent.add("url", event.booking or page)
    vevent.add("description", _description(event, issue, page))
    vevent.add("categories", [event.kind])
    vevent.add("status", _status(event))
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return vevent


def _status(event: Event) -> str:
    """CANCELLED for an event that will not happen as announced (postponed ones too: the
    new date is a new entry), TENTATIVE while its time or place is to be confirmed."""
    if event.status is not None:
        return "CANCELLED"
    return "TENTATIVE" if event.to_be_confirmed else "CONFIRMED"


def _summary(event: Event) -> str:
    """The title, with what has become of it in front for apps that do not show STATUS."""
    return f"{event.status.capitalize()}: {event.title}" if event.status else event.title


def _location(event: Event) -> str:
    return event.where


def _description(event: Event, issue: IssueEvents, page: str) -> str:
    lines = [_news(event)] if event.status or event.to_be_confirmed else []
    lines += [event.description_text] if event.description_text else []
    if event.organiser:
        lines.append(f"Organised by {event.organiser}.")
    if event.booking:
        lines.append(f"Book a place: {event.booking}")
    lines.append(f"From {issue.settings.title}, {issue.title}: {page}")
    return "\n".join(lines)


def _news(event: Event) -> str:
    """What a reader must know before the rest: it is off, or not yet settled."""
    if event.status == "cancelled":
        return "Cancelled: this event will not take place."
    if event.status == "postponed":
        return "Postponed: a new date will be announced."
    unsettled = " and ".join(event.to_be_confirmed)
    return f"The {unsettled} {'are' if len(event.to_be_confirmed) > 1 else 'is'} to be confirmed."
