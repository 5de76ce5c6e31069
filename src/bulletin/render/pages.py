"""Render: every HTML page of the site, and issue content for the feeds.

Each page has a key made of everything it shows: an issue page's key is its
issue's fingerprint and the titles of its neighbours; the archive's is the
list of every issue's title, date and summary. A page whose key is the same
as last time is not rendered again.
"""

from __future__ import annotations

import datetime as dt
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
    issue_path,
    page_file,
    topic_path,
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
    context: dict[str, Any]
    key: object
    root: str | None = None  # where links start; by default, relative to the page


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
            context |= spec.context
            if spec.root is not None:
                context["root"] = spec.root
            html = render_template(template, context, self.site_root)
            output = OutputFile(page_file(spec.path), data=html.encode("utf-8"))
            self.rendered += 1
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
    with_events = tuple(issue.fingerprint for issue in site.issues if issue.events)
    topics = site.topics()
    topic_list = tuple((t.slug, t.name, len(t.issues), len(t.items)) for t in topics)
    recent = (latest.fingerprint if latest else None, everything[: 1 + site.config.recent_issues])
    pages = [
        PageSpec("home.html", HOME, site.config.title, views.home_context(site), recent),
        PageSpec("archive.html", ARCHIVE, "All issues", views.archive_context(site), everything),
        PageSpec(
            "events.html",
            EVENTS,
            "Events and training",
            views.events_context(site, today),
            (today, with_events),
        ),
        PageSpec("topics.html", TOPICS, "Topics", {"topics": topics}, topic_list),
        PageSpec("search.html", SEARCH, "Search", {}, ()),
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
    for topic in topics:
        key = (
            tuple(listed(i) for i in topic.issues),
            tuple((t.title, t.issue.slug, t.anchor, t.kind) for t in topic.items),
        )
        pages.append(PageSpec("topic.html", topic_path(topic), topic.name, {"topic": topic}, key))
    for issue in site.issues:
        newer, older = site.newer(issue), site.older(issue)
        download = downloads.get(issue.slug)
        shows: object = (issue.fingerprint, listed(newer), listed(older), download)
        context = views.issue_context(site, issue) | {"download": download}
        pages.append(PageSpec("issue.html", issue_path(issue), issue.title, context, shows))
    return pages
