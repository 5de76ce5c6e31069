"""Outputs: iCalendar files, written with the icalendar library.

`/events.ics` holds every event and can be subscribed to; each issue has
`events.ics` for its own events, and each event a file of its own for an
"add to calendar" link. Timed events carry the site's time zone with a full
VTIMEZONE, so a calendar app shows an event on 24 October (summer time) and
one on 26 October (winter time) each at the right hour. Events given dates
alone are all-day events. UIDs come from the issue and the event's id, and
DTSTAMP from the issue's date, so the files are the same on every build.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar

from bulletin.content.models import Event, Issue
from bulletin.outputs.files import OutputFile
from bulletin.site import (
    CALENDAR,
    Site,
    event_calendar_path,
    event_path,
    issue_calendar_path,
    issue_path,
)


def calendar_files(site: Site) -> list[OutputFile]:
    """The site's calendar, one per issue with events, and one per event."""
    files = [OutputFile(CALENDAR, data=calendar(site, site.events(), site.config.title))]
    for issue in site.issues:
        if not issue.events:
            continue
        name = f"{site.config.title}: {issue.title}"
        files.append(
            OutputFile(issue_calendar_path(issue), data=calendar(site, issue.events, name))
        )
        for event in issue.events:
            data = calendar(site, (event,), event.title)
            files.append(OutputFile(event_calendar_path(event), data=data))
    return files


def calendar(site: Site, events: tuple[Event, ...], name: str) -> bytes:
    """One VCALENDAR holding some events."""
    config = site.config
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//bulletin//{config.title}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", config.timezone)
    for event in events:
        cal.add_component(_vevent(event, site.issue_of(event), site))
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def event_uid(event: Event, site: Site) -> str:
    """Stable while the issue's file name and the event's id (or title and day) stay the same."""
    host = urlsplit(site.config.base_url).hostname or "bulletin"
    return f"{event.issue_slug}-{event.anchor}@{host}"


def _vevent(event: Event, issue: Issue, site: Site) -> icalendar.Event:
    page = site.config.base_url + event_path(event)
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event, site))
    vevent.add("dtstamp", dt.datetime.combine(issue.date, dt.time(0), tzinfo=dt.UTC))
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.start)
    if event.all_day:
        vevent.add("dtend", event.end_date + dt.timedelta(days=1))  # DTEND is exclusive
    elif event.end is not None:
        vevent.add("dtend", event.end)
    vevent.add("location", _location(event))
    vevent.add("url", event.booking or page)
    vevent.add("description", _description(event, issue, page, site))
    vevent.add("categories", [event.kind])
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return vevent


def _location(event: Event) -> str:
    if event.online and event.place:
        return f"Online, and at {event.place}"
    return "Online" if event.online else event.place or ""


def _description(event: Event, issue: Issue, page: str, site: Site) -> str:
    lines = [event.description_text] if event.description_text else []
    if event.organiser:
        lines.append(f"Organised by {event.organiser}.")
    if event.booking:
        lines.append(f"Book a place: {event.booking}")
    lines.append(f"From {site.config.title}, {issue.title}: {page}")
    return "\n".join(lines)


__all__ = ["calendar", "calendar_files", "event_uid", "issue_path"]
