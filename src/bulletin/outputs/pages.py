"""Outputs: every HTML page of the site, each a product keyed on its inputs.

A page's inputs are its template's name, its address, its title and its view
(`bulletin.render.views`), the site's view, the published names of the
static files, and the theme's stamp. An issue page also reads its print
edition (for the download link and size): the PDF product's key is part of
its key. Each issue's page is declared in a group of its own, from the issue,
its neighbours and what every page shares, so that a build declares only the
pages of issues that changed or whose neighbours did. The home page, the
archive, each year, the events, the topics, each page of a topic, search,
the accessibility statement, the 404 page, and a page per issue, newest
first (so that the search index's parts, each made as soon as its issues'
pages are, can start early).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from bulletin import urls
from bulletin.content.models import Issue, IssueSummary
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import made
from bulletin.outputs.origins import of_issue
from bulletin.outputs.pdf import pdf_id
from bulletin.outputs.protocol import Declared, Group, Made, Origin, Product, Results
from bulletin.outputs.search import bundles_of
from bulletin.outputs.static import asset_paths
from bulletin.render import page_views, views
from bulletin.render.pages import PageInputs, Shared, render_page
from bulletin.site import ARCHIVE_LATEST, Topic, topic_pages

PAGE = "page:"


@dataclass(frozen=True, eq=False)
class IssuePage:
    """What an issue's page is declared from: the issue, its neighbours, what pages share."""

    shared: Shared
    issue: Issue
    newer: IssueSummary | None
    older: IssueSummary | None


class PagesOutput:
    """The site's web pages."""

    name = "pages"
    label = "Rendering pages"
    needs: tuple[str, ...] = ("static", "pdf")

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Declared]) -> Iterable[Product | Group]:
        """A group per issue's page, newest first, then a product per page of the site's
        own, each year's and each topic's. Issue pages come first because the search
        index's parts read them: after an edit, Pagefind then indexes beside the list
        pages being rendered, instead of after them."""
        assets = views.Assets(tuple(sorted(asset_paths(declared).items())))
        shared = Shared(self.context.theme.stamp, self.context.view, assets)
        declare = functools.partial(_issue_page, self._issue)
        site = self.context.site
        for issue in site.issues:
            newer, older = site.newer(issue), site.older(issue)
            facts = IssuePage(
                shared, issue, newer.listed if newer else None, older.listed if older else None
            )
            yield Group(PAGE + issue.path, facts, declare, (pdf_id(issue),))
        topics = site.topics()
        yield from self._site_pages(assets, topics)
        for group, view in page_views.year_views(site):
            yield self._page(
                "archive-year.html", group.path, f"Issues of {group.year}", view, assets
            )
        for topic in topics:
            for page in topic_pages(topic):
                title = (
                    topic.name
                    if page.number == 1
                    else (f"{topic.name}, page {page.number} of {page.pages}")
                )
                yield self._page("topic.html", page.path, title, page_views.TopicView(page), assets)

    def _site_pages(self, assets: views.Assets, topics: tuple[Topic, ...]) -> Iterable[Product]:
        """The pages there is one of: home, archive, events, topics, search, statement, 404."""
        site = self.context.site
        config = site.config
        latest = site.latest.listed if site.latest else None
        archive = page_views.archive_view(site, ARCHIVE_LATEST)
        events = page_views.events_view(site, self.context.today)
        statement = page_views.StatementView(config.accessibility)
        pages: list[tuple[str, str, str, views.View]] = [
            ("home.html", urls.HOME, config.title, page_views.home_view(site)),
            ("archive.html", urls.ARCHIVE, "All issues", archive),
            ("events.html", urls.EVENTS, "Events and training", events),
            ("topics.html", urls.TOPICS, "Topics", page_views.topics_view(topics)),
            ("search.html", urls.SEARCH, "Search", page_views.SearchView(bundles_of(site.issues))),
            ("accessibility.html", urls.ACCESSIBILITY, "Accessibility statement", statement),
            ("404.html", urls.NOT_FOUND, "Page not found", page_views.NotFoundView(latest)),
        ]
        for template, path, title, view in pages:
            yield self._page(template, path, title, view, assets)

    def _page(
        self, template: str, path: str, title: str, view: views.View, assets: views.Assets
    ) -> Product:
        page = views.PageView(template, path, title, view)
        inputs = PageInputs(self.context.theme.stamp, self.context.view, assets, page)
        origin = Origin(f"templates/{template}", what=f"the page {path or '/'}")
        return Product(PAGE + path, (urls.page_file(path),), origin, inputs, self._render)

    def _render(self, inputs: PageInputs, results: Results) -> Made:
        html = render_page(self.context.theme, inputs, self.context.full)
        return Made((made(urls.page_file(inputs.page.path), html.encode("utf-8")),))

    def _issue(self, inputs: PageInputs, results: Results) -> Made:
        """An issue page, with a link to its print edition if one was made or kept."""
        view = inputs.page.view
        assert isinstance(view, page_views.IssueView)
        download = _download(results, view.issue)
        page = replace(inputs.page, view=replace(view, download=download))
        return self._render(replace(inputs, page=page), results)


def _issue_page(make: Callable[[PageInputs, Results], Made], page: IssuePage) -> Iterable[Product]:
    """An issue's page, reading its print edition (for the link to it, if it is there)."""
    issue = page.issue
    view = page_views.IssueView(issue, page.newer, page.older, None)
    inputs = page.shared.inputs(views.PageView("issue.html", issue.path, issue.title, view))
    origin = of_issue(issue, f"the page of {issue.display_path}")
    paths = (urls.page_file(issue.path),)
    yield Product(PAGE + issue.path, paths, origin, inputs, make, (pdf_id(issue),))


def _download(results: Results, issue: Issue) -> views.Download | None:
    pdf = results.files(pdf_id(issue))
    return views.Download(pdf[0].path, human_size(pdf[0].size)) if pdf else None


def human_size(size: int) -> str:
    """245 KB, 1.2 MB: how big a download is, for the link that offers it."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"
