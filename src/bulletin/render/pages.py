"""Render: every HTML page of the site, as output files.

Each page has a key made of everything it shows: an issue page's key is its
issue's fingerprint and the titles of its neighbours; the archive's is the
list of every issue's title, date and summary. A page whose key is the same
as last time is not rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.models import Issue
from bulletin.outputs.files import OutputFile
from bulletin.render import views
from bulletin.render.theme import load_template, render_template
from bulletin.site import ARCHIVE, HOME, NOT_FOUND, Site, issue_path, page_file


@dataclass
class PageCache:
    """Pages from the previous build, by path, with the key they were rendered for."""

    pages: dict[str, tuple[object, OutputFile]] = field(default_factory=dict)
    rendered_last_time: int = 0


@dataclass(frozen=True)
class _Page:
    template: str
    path: str
    title: str
    context: dict[str, Any]
    key: object


def listed(issue: Issue | None) -> object:
    """What a list of issues shows of one: enough to know when to re-render the list."""
    if issue is None:
        return None
    return (issue.slug, issue.title, issue.date, issue.number, issue.summary, issue.draft)


def _pages(site: Site) -> list[_Page]:
    """Home, archive, one page per issue and the 404 page, each with its key."""
    latest = site.latest
    everything = tuple(listed(issue) for issue in site.issues)
    pages = [
        _Page(
            "home.html",
            HOME,
            site.config.title,
            views.home_context(site),
            (latest.fingerprint if latest else None, everything[: 1 + site.config.recent_issues]),
        ),
        _Page("archive.html", ARCHIVE, "All issues", views.archive_context(site), everything),
        _Page(
            "404.html", NOT_FOUND, "Page not found", views.not_found_context(site), listed(latest)
        ),
    ]
    for issue in site.issues:
        newer, older = site.newer(issue), site.older(issue)
        key = (issue.fingerprint, listed(newer), listed(older))
        pages.append(
            _Page(
                "issue.html", issue_path(issue), issue.title, views.issue_context(site, issue), key
            )
        )
    return pages


def render_pages(
    site: Site,
    env: jinja2.Environment,
    assets: dict[str, str],
    renderer: MarkdownRenderer,
    site_root: Path,
    cache: PageCache,
    theme_key: str,
    csp: str,
) -> list[OutputFile]:
    """Render every page whose key changed since the cached build; reuse the rest."""
    info = views.site_view(site, renderer, csp)
    outputs: list[OutputFile] = []
    fresh: dict[str, tuple[object, OutputFile]] = {}
    rendered = 0
    for page in _pages(site):
        key = (theme_key, csp, page.template, page.key)
        previous = cache.pages.get(page.path)
        if previous is not None and previous[0] == key:
            output = previous[1]
        else:
            template = load_template(env, page.template, site_root)
            context = views.common(info, page.path, assets, page.title) | page.context
            html = render_template(template, context, site_root)
            output = OutputFile(page_file(page.path), data=html.encode("utf-8"))
            rendered += 1
        fresh[page.path] = (key, output)
        outputs.append(output)
    cache.pages, cache.rendered_last_time = fresh, rendered
    return outputs
