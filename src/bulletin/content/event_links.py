"""Assemble: links from an issue's text to its events by name: [7 September](#event:chair-q-and-a).

An event's anchor is made from its day and title (`event-2026-09-07-meet-the-chair`),
or is its `id:`. A link may name it by any of these: its id or whole anchor, its
anchor without `event-` (the day and title), or its title alone, so an editor
can link to an event without inventing an id. A title two events share names
neither: such a link must give the day as well.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from bulletin.content.markdown import EVENT_LINK, Fragment
from bulletin.content.models import Event
from bulletin.content.slugs import slugify
from bulletin.errors import Problems


def event_names(events: Iterable[Event]) -> dict[str, str | None]:
    """Each name a #event: link may use, and the anchor it leads to (None if ambiguous)."""
    names: dict[str, str | None] = {}
    claimed: dict[str, str] = {}
    for event in events:
        for name in _names_of(event):
            if claimed.setdefault(name, event.anchor) != event.anchor:
                names[name] = None
            else:
                names.setdefault(name, event.anchor)
    return names


def _names_of(event: Event) -> list[str]:
    # The title as the editor wrote it: typeset, "Children's" has a curly apostrophe, which
    # slugify drops where it reads a straight one as a break ("children-s").
    title = slugify(event.title.replace("\u2019", "'").replace("\u2018", "'"))
    short = event.anchor.removeprefix("event-")
    return list(dict.fromkeys(n for n in (event.anchor, short, title) if n))


def check_event_links(
    fragments: Iterable[Fragment],
    events: tuple[Event, ...],
    display: str,
    problems: Problems,
) -> None:
    """A #event: link that the renderer could not lead to an event is a mistake to explain."""
    names = event_names(events)
    for fragment in fragments:
        for link in fragment.links:
            if link.target.startswith(EVENT_LINK):
                problems.add(display, link.line, _why(link.target, names, events))


def _why(target: str, names: dict[str, str | None], events: tuple[Event, ...]) -> str:
    name = target.removeprefix(EVENT_LINK)
    if names.get(name.lower(), "") is None:
        both = [e for e in events if name.lower() in _names_of(e)]
        options = " or ".join(f"{EVENT_LINK}{e.anchor.removeprefix('event-')}" for e in both)
        return (
            f"the link to {target} could be to any of {len(both)} events of that name; "
            f"name one by its day as well: {options}"
        )
    shortest = [_shortest(e, names) for e in events]
    if not shortest:
        return (
            f"the link to {target} names an event, but this issue has no events; "
            "add the event to events: in the front matter, or link elsewhere"
        )
    close = difflib.get_close_matches(name.lower(), shortest, n=1)
    hint = f' (did you mean "{EVENT_LINK}{close[0]}"?)' if close else ""
    listing = ", ".join(EVENT_LINK + s for s in shortest)
    return f"the link to {target} names no event of this issue{hint}; its events are: {listing}"


def _shortest(event: Event, names: dict[str, str | None]) -> str:
    """The shortest name that leads to this event alone."""
    usable = [n for n in _names_of(event) if names.get(n) == event.anchor]
    return min(usable, key=len) if usable else event.anchor
