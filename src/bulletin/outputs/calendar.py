"""Outputs: iCalendar files: the site's, each issue's, and each event's.

`/events.ics` can be subscribed to: it holds the events to come and those
of the past year, as the events page shows them, so that calendar apps
fetch a file that stays the same size however long the newsletter runs.
Each issue has `events.ics` for all its own events, and each event a file
of its own for an "add to calendar" link.

An issue's events are serialised once, by a product that may run in the
pool of processes, writes the issue's calendar and each event's file, and
whose value (each event's VEVENT) the site's calendar is assembled from: one
product an issue (declared in a group of the issue's own), not one an event,
as nothing in an event's file can change without its issue's events
changing. Its inputs are what the files
show of the issue and of the site (`IssueEvents`), so an edit to an issue's
prose leaves its calendars alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bulletin import urls
from bulletin.content.models import Event, Issue
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import made
from bulletin.outputs.ical import CalendarSettings, IssueEvents, assemble, vevents
from bulletin.outputs.origins import of_issue
from bulletin.outputs.protocol import Declared, Group, Made, Origin, Product, Results, Task

CALENDAR = "calendar:"


def issue_calendar_id(slug: str) -> str:
    """The id of the product that serialises an issue's events and writes its calendar."""
    return f"{CALENDAR}{slug}"


@dataclass(frozen=True, eq=False)
class Listing:
    """What a calendar of some events is made from: the site, a name, the events."""

    settings: CalendarSettings
    name: str
    path: str
    events: tuple[Event, ...]


class CalendarOutput:
    """The site's calendar, one per issue with events, and one per event."""

    name = "calendar"
    needs: tuple[str, ...] = ()

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Declared]) -> Iterable[Product | Group]:
        """Each issue's serialised events and calendar, each event's file (a group an issue),
        and the site's file."""
        config = self.context.site.config
        settings = CalendarSettings(config.title, config.timezone, config.base_url)
        for issue in self.context.site.issues:
            if issue.events:
                own = issue_calendar_id(issue.slug)
                yield Group(own, IssueCalendar(settings, issue), _issue_products)
        current = self.context.site.current_events(self.context.today)
        reads = tuple(dict.fromkeys(issue_calendar_id(e.issue_slug) for e in current))
        listing = Listing(settings, config.title, urls.CALENDAR, current)
        origin = Origin("content/site.yaml", what="the site's calendar of events")
        yield Product(CALENDAR + "site", (urls.CALENDAR,), origin, listing, _listing, reads)


@dataclass(frozen=True, eq=False)
class IssueCalendar:
    """What an issue's calendar products are declared from: the site's settings, the issue."""

    settings: CalendarSettings
    issue: Issue


def _issue_products(calendar: IssueCalendar) -> Iterable[Product]:
    """The product that serialises an issue's events and writes its calendar and each
    event's file; an event whose file would be the issue's own is declared apart, so that
    the clash is reported on the event's line."""
    settings, issue = calendar.settings, calendar.issue
    own = issue_calendar_id(issue.slug)
    apart = [e for e in issue.events if e.calendar_path == issue.calendar_path]
    paths = (issue.calendar_path, *(e.calendar_path for e in issue.events if e not in apart))
    events = IssueEvents(settings, issue.slug, issue.title, issue.date, issue.events)
    origin = of_issue(issue, "the issue's own calendar")
    yield Product(own, paths, origin, events, _serialise, pooled=True)
    for event in apart:
        listing = Listing(settings, event.title, event.calendar_path, (event,))
        yield Product(
            f"{own}#{event.anchor}",
            (event.calendar_path,),
            _event_origin(issue, event),
            listing,
            _listing,
            (own,),
        )


def _event_origin(issue: Issue, event: Event) -> Origin:
    field = "id" if event.explicit_anchor else "title"
    value = event.anchor if event.explicit_anchor else event.title
    return Origin(
        issue.display_path,
        event.anchor_line,
        subject=f'events[{event.position}].{field} "{value}"',
        what=f"the calendar file of {event.title}",
        fix="choose another id" if event.explicit_anchor else "give the event an id:",
    )


def _serialise(events: IssueEvents, results: Results) -> Task:
    return Task(serialise_issue, events)


def serialise_issue(events: IssueEvents) -> Made:
    """An issue's events serialised, its calendar and each event's (a pool may call it)."""
    serialised = vevents(events)
    blocks = {(events.slug, anchor): block for anchor, block in serialised.items()}
    name = f"{events.settings.title}: {events.title}"
    path = urls.issue_calendar_path(events.slug)
    files = [made(path, assemble(events.settings, events.events, blocks, name))]
    for event in events.events:
        if event.calendar_path != path:
            data = assemble(events.settings, (event,), blocks, event.title)
            files.append(made(event.calendar_path, data))
    return Made(tuple(files), serialised)


def _listing(listing: Listing, results: Results) -> Made:
    """A calendar of some events, from their issues' serialised VEVENTs."""
    blocks: dict[tuple[str, str], bytes] = {}
    for pid in results.reads:
        serialised = results.value(pid)
        assert isinstance(serialised, dict)
        slug = pid.removeprefix(CALENDAR)
        blocks.update({(slug, anchor): block for anchor, block in serialised.items()})
    data = assemble(listing.settings, listing.events, blocks, listing.name)
    return Made((made(listing.path, data),))
