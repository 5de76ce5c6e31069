"""Render: schema.org JSON-LD for an issue and its events, for search engines.

Made from the issue's facts and the site's view alone, so that an issue
page's key (its view) covers it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bulletin.content.models import Event, Issue


def structured_data(base_url: str, periodical: str, organisation: str, issue: Issue) -> str:
    """schema.org JSON-LD for an issue and its events, safe to place inside a script tag."""
    url = base_url + issue.path
    publisher = {"@type": "Organization", "name": organisation, "url": base_url}
    graph: list[dict[str, Any]] = [
        {
            "@type": "PublicationIssue",
            "@id": url,
            "url": url,
            "name": issue.title,
            "description": issue.summary,
            "datePublished": issue.date.isoformat(),
            "isPartOf": {"@type": "Periodical", "name": periodical, "publisher": publisher},
            **({"issueNumber": str(issue.number)} if issue.number else {}),
            **({"keywords": ", ".join(issue.topics)} if issue.topics else {}),
        }
    ]
    graph += [_event_data(event, base_url, publisher) for event in issue.events]
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    # Inside <script>, "</script>" or "<!--" in a value would end or confuse the block.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: schema.org's words for an event that will not happen as announced.
_STATUS = {"cancelled": "EventCancelled", "postponed": "EventPostponed"}


def _event_data(event: Event, base_url: str, publisher: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Event",
        "name": event.title,
        "url": base_url + event.path,
        "startDate": _moment(event.start),
        "eventStatus": f"https://schema.org/{_STATUS.get(event.status or '', 'EventScheduled')}",
        "organizer": {"@type": "Organization", "name": event.organiser or publisher["name"]},
    }
    if event.end:
        data["endDate"] = _moment(event.end)
    if event.description_text:
        data["description"] = event.description_text
    places: list[dict[str, Any]] = []
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.booking or data["url"]})
    if event.place:
        places.append({"@type": "Place", "name": event.place, "address": event.place})
    if places:  # none while the place is to be confirmed
        data["location"] = places[0] if len(places) == 1 else places
    mode = "Mixed" if event.online and event.place else "Online" if event.online else "Offline"
    data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if event.booking:
        data["offers"] = {"@type": "Offer", "url": event.booking}
    return data


def _moment(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
