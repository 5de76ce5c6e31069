"""Render: what templates see. Each page gets an explicit context built here.

Templates are given the assembled models (frozen, presentation-ready) and a
few values computed for them; they never see YAML, file paths or the
configuration's internals, so models and templates can change independently.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.models import Event, Issue
from bulletin.content.schema import Image
from bulletin.site import (
    ARCHIVE,
    ARCHIVE_LATEST,
    ATOM_FEED,
    CALENDAR,
    EVENTS,
    HOME,
    JSON_FEED,
    SEARCH,
    TOPICS,
    Site,
    by_year,
    event_calendar_path,
    event_path,
    issue_calendar_path,
    issue_path,
    topic_path,
    year_path,
)

#: Image types that social networks show in link previews (not SVG).
_PREVIEWABLE = (".png", ".jpg", ".jpeg", ".gif", ".webp")


@dataclass(frozen=True)
class SiteView:
    """The site-wide facts every page shows."""

    title: str
    organisation: str
    description: str
    language: str
    base_url: str
    logo: Image | None
    social_image: Image | None
    contributions: str
    csp: str
    search_csp: str


@dataclass(frozen=True)
class NavLink:
    """A link in the site's main navigation."""

    label: str
    path: str


NAVIGATION = (
    NavLink("Latest issue", HOME),
    NavLink("All issues", ARCHIVE),
    NavLink("Events", EVENTS),
    NavLink("Topics", TOPICS),
    NavLink("Search", SEARCH),
)


def content_security_policy(script_hashes: tuple[str, ...] = (), search: bool = False) -> str:
    """Only this site's own files may load; no inline script but those named by hash.

    Sent as a meta tag, so it holds wherever the site is hosted. Pages need no
    script of their own; the search page runs Pagefind, which needs
    WebAssembly ('wasm-unsafe-eval' allows compiling it, not eval of script)
    and data: images, and `serve` names its reload script's hash.
    """
    sources = ["'self'", *(f"'{h}'" for h in script_hashes)]
    images = "'self'"
    if search:  # Pagefind compiles WebAssembly; its stylesheet draws icons as data: images
        sources.append("'wasm-unsafe-eval'")
        images += " data:"
    return (
        f"default-src 'self'; script-src {' '.join(sources)}; style-src 'self'; "
        f"img-src {images}; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
    )


def site_view(site: Site, renderer: MarkdownRenderer, script_hashes: tuple[str, ...]) -> SiteView:
    """The site's settings, with its call for contributions rendered once."""
    config = site.config
    contributions = config.contributions or ""
    return SiteView(
        title=config.title,
        organisation=config.organisation,
        description=config.description or f"The newsletter of {config.organisation}",
        language=config.language,
        base_url=config.base_url,
        logo=config.logo,
        social_image=config.social_image
        if config.social_image and _previewable(config.social_image)
        else None,
        contributions=renderer.render(contributions, 0).html if contributions else "",
        csp=content_security_policy(script_hashes),
        search_csp=content_security_policy(script_hashes, search=True),
    )


def common(site_info: SiteView, path: str, assets: dict[str, str], title: str) -> dict[str, Any]:
    """What every page's context holds."""
    depth = path.count("/")
    return {
        "site": site_info,
        "path": path,
        "root": "../" * depth if depth else "./",
        "assets": assets,
        "page_title": title,
        "canonical": site_info.base_url + path,
        "navigation": NAVIGATION,
        "feeds": {"atom": ATOM_FEED, "json": JSON_FEED, "calendar": CALENDAR},
        "social": {"type": "website", "image": None},
        "structured_data": "",
        "edition": "web",
        "issue_path": issue_path,
        "topic_path": topic_path,
        "year_path": year_path,
        "event_path": event_path,
        "event_calendar_path": event_calendar_path,
        "issue_calendar_path": issue_calendar_path,
    }


def home_context(site: Site) -> dict[str, Any]:
    """The home page leads with the latest issue, then lists recent ones."""
    return {"latest": site.latest, "recent": site.recent()}


def archive_context(site: Site) -> dict[str, Any]:
    """The archive links every year's page, and lists the latest issues, by year."""
    return {
        "years": by_year(site.issues[:ARCHIVE_LATEST]),
        "shown": min(len(site.issues), ARCHIVE_LATEST),
        "all_years": by_year(site.issues),
        "count": len(site.issues),
    }


def events_context(site: Site, today: dt.date) -> dict[str, Any]:
    """Upcoming events across all issues, then past ones by year."""
    return {
        "upcoming": site.upcoming_events(today),
        "past": site.past_events(today),
        "issue_of": site.issue_of,
        "subscribe": "webcal://" + site.config.base_url.split("://", 1)[1] + CALENDAR,
    }


def issue_context(site: Site, issue: Issue) -> dict[str, Any]:
    """An issue page with its neighbours in time, its link preview and structured data."""
    cover = issue.cover if issue.cover and _previewable(issue.cover) else None
    return {
        "issue": issue,
        "newer": site.newer(issue),
        "older": site.older(issue),
        "social": {"type": "article", "image": cover},
        "structured_data": structured_data(site, issue),
    }


def not_found_context(site: Site) -> dict[str, Any]:
    """The 404 page is served at any depth, so its links start from the site's base path."""
    return {"root": site.config.base_path, "latest": site.latest, "canonical": None}


def _previewable(image: Image) -> bool:
    return image.src.lower().endswith(_PREVIEWABLE)


def structured_data(site: Site, issue: Issue) -> str:
    """schema.org JSON-LD for an issue and its events, safe to place inside a script tag."""
    config = site.config
    url = config.base_url + issue_path(issue)
    publisher = {"@type": "Organization", "name": config.organisation, "url": config.base_url}
    graph: list[dict[str, Any]] = [
        {
            "@type": "PublicationIssue",
            "@id": url,
            "url": url,
            "name": issue.title,
            "description": issue.summary,
            "datePublished": issue.date.isoformat(),
            "isPartOf": {"@type": "Periodical", "name": config.title, "publisher": publisher},
            **({"issueNumber": str(issue.number)} if issue.number else {}),
            **({"keywords": ", ".join(issue.topics)} if issue.topics else {}),
        }
    ]
    graph += [_event_data(event, config.base_url, publisher) for event in issue.events]
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    # Inside <script>, "</script>" or "<!--" in a value would end or confuse the block.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _event_data(event: Event, base_url: str, publisher: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Event",
        "name": event.title,
        "url": base_url + event_path(event),
        "startDate": _moment(event.start),
        "eventStatus": "https://schema.org/EventScheduled",
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
