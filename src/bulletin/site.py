"""Site: every issue in order, with prev/next, the archive by year, and the URL scheme.

This is the only module that knows where pages live. Paths here are relative
to the site root and end in / for pretty URLs; templates turn them into links
that work at a domain root and under a sub-path alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Protocol

from bulletin.content.fields import slugify
from bulletin.content.models import Event, Issue
from bulletin.content.schema import SiteConfig
from bulletin.errors import Problems

HOME = ""
ARCHIVE = "issues/"
EVENTS = "events/"
TOPICS = "topics/"
SEARCH = "search/"
ACCESSIBILITY = "accessibility/"
NOT_FOUND = "404.html"
ATOM_FEED = "feed.xml"
JSON_FEED = "feed.json"
CALENDAR = "events.ics"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SEARCH_INDEX = "pagefind/"


def issue_path(issue: Issue) -> str:
    """Where an issue's page lives."""
    return f"issues/{issue.slug}/"


class Slugged(Protocol):
    """An issue, or anything that stands for one by its slug."""

    @property
    def slug(self) -> str: ...


def issue_calendar_path(issue: Slugged) -> str:
    """An issue's events as one calendar file."""
    return f"issues/{issue.slug}/events.ics"


def event_calendar_path(event: Event) -> str:
    """One event as a calendar file, for an "add to calendar" link."""
    return f"issues/{event.issue_slug}/{event.anchor}.ics"


def event_path(event: Event) -> str:
    """Where an event is described: in its issue, at its anchor."""
    return f"issues/{event.issue_slug}/#{event.anchor}"


def search_bundles(issues: Iterable[Issue]) -> dict[str, str]:
    """Which part of the search index each issue is in, by slug (see bulletin.outputs.search).

    Each of the two latest years has a part of its own, except that once the
    latest year has more than SEARCH_RECENT_MOST issues (a weekly, by April),
    the latest issue's month is a part of its own: editors work on the newest
    issues, and an edit re-indexes a month's pages, not a year's. Before them,
    each decade is a part, or each half of a decade when the decade has more
    than SEARCH_PART_MOST issues (a weekly), or each year when a half still
    has more (a daily): Pagefind holds a part's pages in memory. Parts keep
    their bounds as issues are added within a month, so that a new issue
    re-indexes one part (the first issue of a month folds the last month back
    into its year).
    """
    listed = list(issues)
    if not listed:
        return {}
    newest = max(issue.date for issue in listed)
    latest = newest.year
    older = [issue.date.year for issue in listed if issue.date.year < latest - 1]
    decades = Counter(year // 10 for year in older)
    halves = Counter(year // 5 for year in older)
    split = sum(1 for issue in listed if issue.date.year == latest) > SEARCH_RECENT_MOST

    def part(day: dt.date) -> str:
        if split and (day.year, day.month) == (latest, newest.month):
            return f"{latest}-{day.month:02}"
        if day.year >= latest - 1 or halves[day.year // 5] > SEARCH_PART_MOST:
            return str(day.year)
        if decades[day.year // 10] > SEARCH_PART_MOST:
            first = day.year // 5 * 5
            return f"{first}-{first + 4}"
        return f"{day.year // 10 * 10}s"

    return {issue.slug: f"{SEARCH_INDEX}{part(issue.date)}/" for issue in listed}


def topic_path(topic: Topic, page: int = 1) -> str:
    """Where a topic's page lives; later pages of a long topic follow it."""
    return f"topics/{topic.slug}/" if page == 1 else f"topics/{topic.slug}/page/{page}/"


def year_path(year: int) -> str:
    """Where the list of one year's issues lives."""
    return f"archive/{year}/"


#: How much one page of a topic lists, so that no page grows as issues accumulate.
TOPIC_ISSUES_PER_PAGE = 20
TOPIC_ITEMS_PER_PAGE = 60
#: The archive's first page lists this many latest issues (and links every year's page).
ARCHIVE_LATEST = 52
#: A decade with more issues than this is indexed for search in halves (a weekly's:
#: 260 pages, which Pagefind indexes in about 120 MB), and a half with more a year
#: at a time (a daily).
SEARCH_PART_MOST = 300
#: A latest year with more issues than this has its latest month indexed apart.
SEARCH_RECENT_MOST = 13
#: The events page and the site's calendar hold past events of this many days (older
#: ones stay in their issues' pages and calendars).
PAST_EVENTS_DAYS = 365


def past_events_since(today: dt.date) -> dt.date:
    """The first day whose finished events are still shown and subscribed to."""
    return today - dt.timedelta(days=PAST_EVENTS_DAYS)


@dataclass(frozen=True)
class TopicItem:
    """A news item or event filed under a topic, with the issue it appeared in."""

    title: str
    issue: Issue
    anchor: str
    kind: str


@dataclass(frozen=True)
class Topic:
    """Everything published on one subject."""

    name: str
    slug: str
    issues: tuple[Issue, ...]
    items: tuple[TopicItem, ...]


@dataclass(frozen=True)
class TopicPage:
    """One page of a topic: some of its issues and items, and its place among the pages."""

    topic: Topic
    number: int
    pages: int
    issues: tuple[Issue, ...]
    items: tuple[TopicItem, ...]

    @property
    def path(self) -> str:
        """Where this page lives."""
        return topic_path(self.topic, self.number)


def topic_pages(topic: Topic) -> tuple[TopicPage, ...]:
    """A topic's pages, newest first: a few issues and items on each."""
    pages = max(
        1,
        -(-len(topic.issues) // TOPIC_ISSUES_PER_PAGE),
        -(-len(topic.items) // TOPIC_ITEMS_PER_PAGE),
    )
    return tuple(
        TopicPage(
            topic,
            n,
            pages,
            topic.issues[(n - 1) * TOPIC_ISSUES_PER_PAGE : n * TOPIC_ISSUES_PER_PAGE],
            topic.items[(n - 1) * TOPIC_ITEMS_PER_PAGE : n * TOPIC_ITEMS_PER_PAGE],
        )
        for n in range(1, pages + 1)
    )


@dataclass(frozen=True)
class EventYear:
    """Past events of one year, most recent first."""

    year: int
    events: tuple[Event, ...]


def page_file(path: str) -> str:
    """The file that serves a path: issues/x/ is issues/x/index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True)
class YearGroup:
    """The issues of one year, newest first."""

    year: int
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class Site:
    """All published issues, newest first, and how they relate."""

    config: SiteConfig
    issues: tuple[Issue, ...]
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({issue.slug: n for n, issue in enumerate(self.issues)})

    @property
    def latest(self) -> Issue | None:
        """The newest issue, which the home page leads with."""
        return self.issues[0] if self.issues else None

    def newer(self, issue: Issue) -> Issue | None:
        """The next issue in time, if there is one."""
        position = self._index[issue.slug]
        return self.issues[position - 1] if position > 0 else None

    def older(self, issue: Issue) -> Issue | None:
        """The previous issue in time, if there is one."""
        position = self._index[issue.slug] + 1
        return self.issues[position] if position < len(self.issues) else None

    def recent(self) -> tuple[Issue, ...]:
        """The issues after the latest that the home page lists."""
        return self.issues[1 : 1 + self.config.recent_issues]

    def issue_of(self, event: Event) -> Issue:
        """The issue an event was published in."""
        return self.issues[self._index[event.issue_slug]]

    def events(self) -> tuple[Event, ...]:
        """Every event in every issue, in date order."""
        every = [event for issue in self.issues for event in issue.events]
        return tuple(sorted(every, key=lambda e: (e.start_date, _clock(e), e.title)))

    def upcoming_events(self, today: dt.date) -> tuple[Event, ...]:
        """Events that have not finished by the start of today, soonest first."""
        return tuple(e for e in self.events() if e.end_date >= today)

    def current_events(self, today: dt.date) -> tuple[Event, ...]:
        """Events to come and those that finished in the last year, in date order: what the
        events page shows, and the site's calendar holds (so neither grows without bound)."""
        since = past_events_since(today)
        return tuple(e for e in self.events() if e.end_date >= since)

    def past_events(self, today: dt.date) -> tuple[EventYear, ...]:
        """Events that finished in the last year, by year, most recent first."""
        since = past_events_since(today)
        past = [e for e in reversed(self.events()) if since <= e.end_date < today]
        return tuple(
            EventYear(year, tuple(group))
            for year, group in groupby(past, key=lambda e: e.start_date.year)
        )

    def topics(self) -> tuple[Topic, ...]:
        """Every topic named by an issue, news item or event, alphabetically."""
        names: dict[str, str] = {}
        issues: dict[str, list[Issue]] = defaultdict(list)
        items: dict[str, list[TopicItem]] = defaultdict(list)
        for issue in self.issues:
            for name in issue.topics:
                issues[_file(name, names)].append(issue)
            for item, topics in _filed_things(issue):
                for name in topics:
                    items[_file(name, names)].append(item)
        return tuple(
            Topic(names[slug], slug, tuple(issues[slug]), tuple(items[slug]))
            for slug in sorted(names)
        )

    def by_year(self) -> tuple[YearGroup, ...]:
        """The archive: years newest first, each with its issues newest first."""
        return by_year(self.issues)


def by_year(issues: Iterable[Issue]) -> tuple[YearGroup, ...]:
    """Issues (newest first) grouped by year, newest year first."""
    return tuple(
        YearGroup(year, tuple(group))
        for year, group in groupby(issues, key=lambda issue: issue.date.year)
    )


def _clock(event: Event) -> dt.time:
    return event.start.time() if isinstance(event.start, dt.datetime) else dt.time(0)


def _file(name: str, names: dict[str, str]) -> str:
    """The slug a topic is filed under; its first spelling becomes its name."""
    slug = slugify(name) or "topic"
    names.setdefault(slug, name)
    return slug


def _filed_things(issue: Issue) -> Iterator[tuple[TopicItem, tuple[str, ...]]]:
    """News items and events of an issue, with the topics each is filed under."""
    for item in issue.tagged:
        yield TopicItem(item.title, issue, item.anchor, "news"), item.topics
    for event in issue.events:
        if event.topics:
            yield TopicItem(event.title, issue, event.anchor, "event"), event.topics


def assemble_site(
    config: SiteConfig,
    issues: Iterable[Issue],
    problems: Problems,
    *,
    drafts: bool,
    future: bool,
    today: dt.date,
) -> Site:
    """Order the issues newest first, leaving out drafts and issues dated after today.

    An issue dated in the future goes live on its date: the daily scheduled
    build publishes it without anyone pushing a change.
    """
    chosen = [
        issue for issue in issues if (drafts or not issue.draft) and (future or issue.date <= today)
    ]
    _check_unique_slugs(chosen, problems)
    ordered = sorted(chosen, key=lambda i: (i.date, i.number or 0, i.slug), reverse=True)
    return Site(config, tuple(ordered))


def _check_unique_slugs(issues: list[Issue], problems: Problems) -> None:
    """Two issues at one address would overwrite each other."""
    first: dict[str, Issue] = {}
    for issue in sorted(issues, key=lambda i: i.display_path):
        other = first.setdefault(issue.slug, issue)
        if other is not issue:
            problems.add(
                issue.display_path,
                None,
                f"has the same address (issues/{issue.slug}/) as {other.display_path}; "
                "rename one file or give it its own 'slug:'",
                "slug",
            )
