"""Site: every published issue in order, with prev/next, the archive by year, topics, events.

The site is made of issues' facts (`Issue`), never their prose: what lists,
topics and calendars need. Where pages live is `bulletin.urls`' business.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from bulletin import urls
from bulletin.content.models import Event, Issue, IssueSummary, event_order
from bulletin.content.schema import SiteConfig
from bulletin.content.slugs import slugify
from bulletin.errors import Problems

#: How much one page of a topic lists, so that no page grows as issues accumulate.
TOPIC_ISSUES_PER_PAGE = 20
TOPIC_ITEMS_PER_PAGE = 60
#: The archive's first page lists this many latest issues (and links every year's page).
ARCHIVE_LATEST = 52
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
    issue: IssueSummary
    anchor: str
    kind: str
    #: An event's own facts, so that a topic page shows it as every list of events does.
    event: Event | None = None

    @property
    def path(self) -> str:
        """Where the item is: in its issue's page, at its anchor."""
        return f"{self.issue.path}#{self.anchor}"


@dataclass(frozen=True)
class Topic:
    """Everything published on one subject."""

    name: str
    slug: str
    issues: tuple[IssueSummary, ...]
    items: tuple[TopicItem, ...]

    @property
    def path(self) -> str:
        """Where the topic's first page lives."""
        return urls.topic_path(self.slug)


@dataclass(frozen=True)
class TopicPage:
    """One page of a topic: some of its issues and items, and its place among the pages.

    It names its topic rather than holding it, so that a page shows (and is
    keyed on) only the issues and items it lists.
    """

    name: str
    slug: str
    number: int
    pages: int
    issues: tuple[IssueSummary, ...]
    items: tuple[TopicItem, ...]

    @property
    def path(self) -> str:
        """Where this page lives."""
        return urls.topic_path(self.slug, self.number)

    def page_path(self, number: int) -> str:
        """Where another page of the same topic lives."""
        return urls.topic_path(self.slug, number)


def topic_pages(topic: Topic) -> tuple[TopicPage, ...]:
    """A topic's pages, newest first: a few issues and items on each."""
    pages = max(
        1,
        -(-len(topic.issues) // TOPIC_ISSUES_PER_PAGE),
        -(-len(topic.items) // TOPIC_ITEMS_PER_PAGE),
    )
    return tuple(
        TopicPage(
            topic.name,
            topic.slug,
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


@dataclass(frozen=True)
class YearGroup:
    """The issues of one year, newest first."""

    year: int
    issues: tuple[IssueSummary, ...]

    @property
    def path(self) -> str:
        """The year's page."""
        return urls.year_path(self.year)


@dataclass(frozen=True)
class Site:
    """All published issues, newest first, and how they relate."""

    config: SiteConfig
    issues: tuple[Issue, ...]
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for n, issue in enumerate(self.issues):  # two issues at one address are refused later
            self._index.setdefault(issue.slug, n)

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

    def recent(self) -> tuple[IssueSummary, ...]:
        """The issues after the latest that the home page lists."""
        return tuple(issue.listed for issue in self.issues[1 : 1 + self.config.recent_issues])

    def issue_of(self, event: Event) -> Issue:
        """The issue an event was published in."""
        return self.issues[self._index[event.issue_slug]]

    def events(self) -> tuple[Event, ...]:
        """Every event of every issue, once, in date order.

        An event is known by its anchor (its `id:`, or its day and title): one
        that several issues announce (`bulletin new` carries forward the events
        still to come) is the same event, shown as the newest issue has it.
        """
        return self._events

    @functools.cached_property
    def _events(self) -> tuple[Event, ...]:
        """Every event, found once a build (the events page, the calendars and the topics
        all ask; a site of a thousand issues has thousands)."""
        every = _once(event for issue in self.issues for event in issue.events)
        return tuple(sorted(every, key=event_order))

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
        issues: dict[str, list[IssueSummary]] = defaultdict(list)
        items: dict[str, list[TopicItem]] = defaultdict(list)
        shown = {(e.issue_slug, e.anchor) for e in self.events()}  # once, from its newest issue
        for issue in self.issues:
            for name in issue.topics:
                issues[_file(name, names)].append(issue.listed)
            for item, topics in _filed_things(issue, shown):
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
    """Issues (newest first) grouped by year, newest year first, as lists show them."""
    return tuple(
        YearGroup(year, tuple(issue.listed for issue in group))
        for year, group in groupby(issues, key=lambda issue: issue.date.year)
    )


def _once(events: Iterable[Event]) -> list[Event]:
    """The first of the events with each anchor (issues come newest first)."""
    first: dict[str, Event] = {}
    for event in events:
        first.setdefault(event.anchor, event)
    return list(first.values())


def _file(name: str, names: dict[str, str]) -> str:
    """The slug a topic is filed under; its first spelling becomes its name."""
    slug = _topic_slug(name)
    names.setdefault(slug, name)
    return slug


@functools.lru_cache(maxsize=4096)
def _topic_slug(name: str) -> str:
    """A topic's slug, worked out once per spelling (a site names a few dozen topics
    thousands of times)."""
    return slugify(name) or "topic"


def _filed_things(
    issue: Issue, shown: set[tuple[str, str]]
) -> Iterator[tuple[TopicItem, tuple[str, ...]]]:
    """News items and events of an issue (those the site shows from it), with their topics."""
    for item in issue.tagged:
        yield TopicItem(item.title, issue.listed, item.anchor, "news"), item.topics
    for event in issue.events:
        if event.topics and (event.issue_slug, event.anchor) in shown:
            yield TopicItem(event.title, issue.listed, event.anchor, "event", event), event.topics


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
    ordered = sorted(chosen, key=lambda i: (i.date, i.number or 0, i.slug), reverse=True)
    return Site(config, tuple(ordered))
