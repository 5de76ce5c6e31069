"""Render: every HTML page of the site, and issue content for the feeds.

Each page has a key made of everything it shows: an issue page's key is its
issue's fingerprint and the titles of its neighbours; the archive's is the
list of every issue's title, date and summary. A page whose key is the same
as last time is not rendered again.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from bulletin.content.models import Issue
from bulletin.outputs.files import OutputFile
from bulletin.render import views
from bulletin.render.theme import load_template, render_template
from bulletin.site import (
    ACCESSIBILITY,
    ARCHIVE,
    EVENTS,
    HOME,
    NOT_FOUND,
    SEARCH,
    TOPICS,
    Site,
    Topic,
    issue_path,
    page_file,
    search_bundles,
    topic_pages,
    year_path,
)


@dataclass
class PageCache:
    """Pages from the previous build, by path, with the key they were rendered for."""

    pages: dict[str, tuple[object, OutputFile]] = field(default_factory=dict)
    rendered_last_time: int = 0


@dataclass(frozen=True)
class PageSpec:
    """A page to render: its template, address, title, context and key."""

    template: str
    path: str
    title: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]  # a function if costly to make
    key: object
    root: str | None = None  # where links start; by default, relative to the page
    # Kept for the next build? Not a page rendered only as the input of another
    # file with a cache of its own (an email's HTML before inlining).
    reuse: bool = True


def listed(issue: Issue | None) -> object:
    """What a list of issues shows of one: enough to know when to re-render the list."""
    if issue is None:
        return None
    return (issue.slug, issue.title, issue.date, issue.number, issue.summary, issue.draft)


class PageRenderer:
    """Renders pages through the theme, reusing any whose key is unchanged."""

    def __init__(
        self,
        env: jinja2.Environment,
        info: views.SiteView,
        assets: dict[str, str],
        site_root: Path,
        cache: PageCache,
        theme_key: object,
    ) -> None:
        self.env, self.info, self.assets = env, info, assets
        self.site_root, self.theme_key = site_root, theme_key
        self._previous = cache.pages
        self._fresh: dict[str, tuple[object, OutputFile]] = {}
        self._cache = cache
        self.rendered = 0

    def render(self, spec: PageSpec) -> OutputFile:
        """The page's file, rendered now or reused from the previous build."""
        key = (self.theme_key, spec.template, spec.root, spec.key)
        previous = self._previous.get(spec.path)
        if previous is not None and previous[0] == key:
            output = previous[1]
        else:
            template = load_template(self.env, spec.template, self.site_root)
            context = views.common(self.info, spec.path, self.assets, spec.title)
            context |= spec.context() if callable(spec.context) else spec.context
            if spec.root is not None:
                context["root"] = spec.root
            html = render_template(template, context, self.site_root)
            output = OutputFile(page_file(spec.path), data=html.encode("utf-8"))
            self.rendered += 1
        if spec.reuse:
            self._fresh[spec.path] = (key, output)
        return output

    def finish(self) -> None:
        """Keep what this build rendered for the next one."""
        self._cache.pages, self._cache.rendered_last_time = self._fresh, self.rendered

    def issue_content(self, issue: Issue) -> str:
        """An issue's sections as HTML with absolute links, for feed readers."""
        base = self.info.base_url
        spec = PageSpec(
            "feed-entry.html",
            f"feed/{issue.slug}",
            issue.title,
            {"issue": issue},
            issue.fingerprint,
            root=base,
        )
        return self.render(spec).read().decode("utf-8")


def site_pages(site: Site, today: dt.date, downloads: dict[str, Any]) -> list[PageSpec]:
    """Every HTML page of the site, each with its key."""
    latest = site.latest
    everything = tuple(listed(issue) for issue in site.issues)
    topics = site.topics()
    topic_list = tuple((t.slug, t.name, len(t.issues), len(t.items)) for t in topics)
    recent = (latest.fingerprint if latest else None, everything[: 1 + site.config.recent_issues])
    bundles = tuple(dict.fromkeys(search_bundles(site.issues).values()))
    pages = [
        PageSpec("home.html", HOME, site.config.title, views.home_context(site), recent),
        _archive_page(site),
        _events_page(site, today),
        PageSpec("topics.html", TOPICS, "Topics", {"topics": topics}, topic_list),
        PageSpec("search.html", SEARCH, "Search", {"bundles": bundles}, bundles),
        PageSpec(
            "accessibility.html",
            ACCESSIBILITY,
            "Accessibility statement",
            {"statement": site.config.accessibility},
            site.config.accessibility,
        ),
        PageSpec(
            "404.html", NOT_FOUND, "Page not found", views.not_found_context(site), listed(latest)
        ),
    ]
    pages.extend(_year_pages(site))
    for topic in topics:
        pages.extend(_topic_pages(topic))
    for issue in site.issues:
        newer, older = site.newer(issue), site.older(issue)
        download = downloads.get(issue.slug)
        shows: object = (issue.fingerprint, listed(newer), listed(older), download)
        context = functools.partial(_issue_context, site, issue, download)
        pages.append(PageSpec("issue.html", issue_path(issue), issue.title, context, shows))
    return pages


def _issue_context(site: Site, issue: Issue, download: object) -> dict[str, Any]:
    """An issue page's context: made only if the page is rendered (most builds reuse most)."""
    return views.issue_context(site, issue) | {"download": download}


def _archive_page(site: Site) -> PageSpec:
    """The archive's first page: every year, and the latest issues in full."""
    context = views.archive_context(site)
    shown = tuple(listed(issue) for group in context["years"] for issue in group.issues)
    years = tuple((group.year, len(group.issues)) for group in context["all_years"])
    return PageSpec("archive.html", ARCHIVE, "All issues", context, (shown, years))


def _year_pages(site: Site) -> list[PageSpec]:
    """A page for each year's issues, which is how the archive stays short."""
    groups = site.by_year()
    specs = []
    for n, group in enumerate(groups):
        newer = groups[n - 1].year if n > 0 else None
        older = groups[n + 1].year if n + 1 < len(groups) else None
        context = {"group": group, "newer_year": newer, "older_year": older}
        key = (tuple(listed(issue) for issue in group.issues), newer, older)
        specs.append(
            PageSpec(
                "archive-year.html", year_path(group.year), f"Issues of {group.year}", context, key
            )
        )
    return specs


def _events_page(site: Site, today: dt.date) -> PageSpec:
    """Events coming up and of the past year; its key is what it shows, so that an
    edit elsewhere in an issue does not render it again."""
    context = views.events_context(site, today)
    shown = [*context["upcoming"], *(e for year in context["past"] for e in year.events)]
    key = (today, tuple((event, listed(site.issue_of(event))) for event in shown))
    return PageSpec("events.html", EVENTS, "Events and training", context, key)


def _topic_pages(topic: Topic) -> list[PageSpec]:
    """A topic's pages, each listing some of its issues and items."""
    specs = []
    for page in topic_pages(topic):
        title = (
            topic.name if page.number == 1 else f"{topic.name}, page {page.number} of {page.pages}"
        )
        key = (
            tuple(listed(i) for i in page.issues),
            tuple((t.title, t.issue.slug, t.anchor, t.kind, t.issue.title) for t in page.items),
            page.pages,
        )
        specs.append(PageSpec("topic.html", page.path, title, {"topic": topic, "page": page}, key))
    return specs
