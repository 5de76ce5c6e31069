"""Render: each page's own view, the values its template shows besides what all pages share.

Lists hold issues as lists show them (`IssueSummary`: every fact, but not
the prose); an issue's page and its editions name the issue in `FULL`, and
the build joins its body before rendering (`views.with_bodies`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bulletin import urls
from bulletin.content.models import Event, Issue, IssueSummary
from bulletin.content.schema import AccessibilityFacts
from bulletin.render.structured import structured_data
from bulletin.render.views import Download, SiteView, View, previewable
from bulletin.site import EventYear, Site, Topic, TopicPage, YearGroup, by_year


@dataclass(frozen=True, eq=False)
class HomeView(View):
    """The home page leads with the latest issue in full, then lists recent ones."""

    FULL = ("latest",)
    latest: Issue | None
    recent: tuple[IssueSummary, ...]


@dataclass(frozen=True, eq=False)
class YearCount:
    """A year of the archive, as the list of years shows it."""

    year: int
    count: int

    @property
    def path(self) -> str:
        """The year's page."""
        return urls.year_path(self.year)


@dataclass(frozen=True, eq=False)
class ArchiveView(View):
    """The archive links every year's page, and lists the latest issues, by year."""

    years: tuple[YearGroup, ...]
    shown: int
    all_years: tuple[YearCount, ...]
    count: int


@dataclass(frozen=True, eq=False)
class YearView(View):
    """One year's issues, with the years either side."""

    group: YearGroup
    newer_year: int | None
    older_year: int | None


@dataclass(frozen=True, eq=False)
class EventEntry:
    """An event in a list of events, with the issue that announced it."""

    event: Event
    issue: IssueSummary


@dataclass(frozen=True, eq=False)
class PastYear:
    """The past year's events of one calendar year, most recent first."""

    year: int
    events: tuple[EventEntry, ...]


@dataclass(frozen=True, eq=False)
class EventsView(View):
    """Events to come across all issues, then the past year's by year."""

    upcoming: tuple[EventEntry, ...]
    past: tuple[PastYear, ...]


@dataclass(frozen=True, eq=False)
class TopicListed:
    """A topic in the list of topics: its name, address and how much it holds."""

    name: str
    path: str
    issues: int
    items: int


@dataclass(frozen=True, eq=False)
class TopicsView(View):
    """Every topic, alphabetically."""

    topics: tuple[TopicListed, ...]


@dataclass(frozen=True, eq=False)
class TopicView(View):
    """One page of a topic."""

    page: TopicPage


@dataclass(frozen=True, eq=False)
class SearchView(View):
    """The search page: the parts of the index it merges."""

    bundles: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class StatementView(View):
    """The accessibility statement."""

    statement: AccessibilityFacts | None


@dataclass(frozen=True, eq=False)
class NotFoundView(View):
    """The 404 page, served at any depth: its links start from the site's base path."""

    latest: IssueSummary | None

    def context(self, site: SiteView) -> dict[str, Any]:
        return {"latest": self.latest, "root": site.base_path, "canonical": None}


@dataclass(frozen=True, eq=False)
class IssueView(View):
    """An issue's page: the issue in full, its neighbours, its print edition if made."""

    FULL = ("issue",)
    issue: Issue
    newer: IssueSummary | None
    older: IssueSummary | None
    download: Download | None

    def context(self, site: SiteView) -> dict[str, Any]:
        cover = self.issue.cover
        image = cover if cover and previewable(cover) else None
        return {
            "issue": self.issue,
            "newer": self.newer,
            "older": self.older,
            "download": self.download,
            "social": {"type": "article", "image": image},
            "structured_data": structured_data(
                site.base_url, site.title, site.organisation, self.issue
            ),
        }


@dataclass(frozen=True, eq=False)
class EditionView(View):
    """An issue as an edition shows it (feed entry, email, print): the issue in full."""

    FULL = ("issue",)
    issue: Issue
    edition: str
    online: str
    email_css: str = ""


def home_view(site: Site) -> HomeView:
    """The home page's view."""
    return HomeView(site.latest, site.recent())


def archive_view(site: Site, latest: int) -> ArchiveView:
    """The archive's view: the latest issues by year, and every year's count."""
    years = site.by_year()
    return ArchiveView(
        by_year(site.issues[:latest]),
        min(len(site.issues), latest),
        tuple(YearCount(group.year, len(group.issues)) for group in years),
        len(site.issues),
    )


def year_views(site: Site) -> list[tuple[YearGroup, YearView]]:
    """Each year's page view, newest year first, with the years either side."""
    groups = site.by_year()
    return [
        (
            group,
            YearView(
                group,
                groups[n - 1].year if n > 0 else None,
                groups[n + 1].year if n + 1 < len(groups) else None,
            ),
        )
        for n, group in enumerate(groups)
    ]


def events_view(site: Site, today: dt.date) -> EventsView:
    """Upcoming events, then the past year's by year, each with its issue."""

    def entries(events: tuple[Event, ...]) -> tuple[EventEntry, ...]:
        return tuple(EventEntry(event, site.issue_of(event).listed) for event in events)

    past: tuple[EventYear, ...] = site.past_events(today)
    return EventsView(
        entries(site.upcoming_events(today)),
        tuple(PastYear(group.year, entries(group.events)) for group in past),
    )


def topics_view(topics: tuple[Topic, ...]) -> TopicsView:
    """The list of topics."""
    return TopicsView(
        tuple(TopicListed(t.name, t.path, len(t.issues), len(t.items)) for t in topics)
    )
