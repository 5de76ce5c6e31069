"""Outputs: every HTML page of the site, each a product keyed on its inputs.

A page's inputs are its template's name, its address, its title and its view
(`bulletin.render.views`), the site's view, the published names of the
static files, and the theme's stamp. An issue page also reads its print
edition (for the download link and size): the PDF product's key is part of
its key. The home page, the archive, each year, the events, the topics,
each page of a topic, search, the accessibility statement, the 404 page,
and a page per issue, newest first (so that the search index's parts, each
made as soon as its issues' pages are, can start early).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from bulletin import urls
from bulletin.content.models import Issue
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import made
from bulletin.outputs.origins import of_issue
from bulletin.outputs.pdf import pdf_id
from bulletin.outputs.protocol import Made, Origin, Product, Results
from bulletin.outputs.search import bundles_of
from bulletin.outputs.static import asset_paths
from bulletin.render import views
from bulletin.render.pages import PageInputs, render_page
from bulletin.site import ARCHIVE_LATEST, topic_pages

PAGE = "page:"


class PagesOutput:
    """The site's web pages."""

    name = "pages"
    label = "Rendering pages"
    needs: tuple[str, ...] = ("static", "pdf")

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Product]) -> Iterable[Product]:
        """A product per page."""
        context = self.context
        site = context.site
        assets = views.Assets(tuple(sorted(asset_paths(declared).items())))
        config = site.config

        def page(template: str, path: str, title: str, view: views.View) -> Product:
            inputs = PageInputs(
                context.theme.stamp,
                context.view,
                assets,
                views.PageView(template, path, title, view),
            )
            origin = Origin(f"templates/{template}", what=f"the page {path or '/'}")
            return Product(PAGE + path, (urls.page_file(path),), origin, inputs, self._render)

        topics = site.topics()
        yield page("home.html", urls.HOME, config.title, views.home_view(site))
        yield page(
            "archive.html", urls.ARCHIVE, "All issues", views.archive_view(site, ARCHIVE_LATEST)
        )
        yield page(
            "events.html",
            urls.EVENTS,
            "Events and training",
            views.events_view(site, context.today),
        )
        yield page("topics.html", urls.TOPICS, "Topics", views.topics_view(topics))
        yield page("search.html", urls.SEARCH, "Search", views.SearchView(bundles_of(site.issues)))
        statement = views.StatementView(config.accessibility)
        yield page("accessibility.html", urls.ACCESSIBILITY, "Accessibility statement", statement)
        latest = site.latest.listed if site.latest else None
        yield page("404.html", urls.NOT_FOUND, "Page not found", views.NotFoundView(latest))
        groups = site.by_year()
        for n, group in enumerate(groups):
            later = groups[n - 1].year if n > 0 else None
            earlier = groups[n + 1].year if n + 1 < len(groups) else None
            year = views.YearView(group, later, earlier)
            yield page("archive-year.html", group.path, f"Issues of {group.year}", year)
        for topic in topics:
            for number in topic_pages(topic):
                title = (
                    topic.name
                    if number.number == 1
                    else (f"{topic.name}, page {number.number} of {number.pages}")
                )
                yield page("topic.html", number.path, title, views.TopicView(number))
        for issue in site.issues:
            newer, older = site.newer(issue), site.older(issue)
            view = views.IssueView(
                issue, newer.listed if newer else None, older.listed if older else None, None
            )
            product = page("issue.html", issue.path, issue.title, view)
            origin = of_issue(issue, f"the page of {issue.display_path}")
            yield replace(product, origin=origin, reads=(pdf_id(issue),), make=self._issue)

    def _render(self, inputs: PageInputs, results: Results) -> Made:
        html = render_page(self.context.theme, inputs, self.context.full)
        return Made((made(urls.page_file(inputs.page.path), html.encode("utf-8")),))

    def _issue(self, inputs: PageInputs, results: Results) -> Made:
        """An issue page, with a link to its print edition if one was made or kept."""
        view = inputs.page.view
        assert isinstance(view, views.IssueView)
        download = _download(results, view.issue)
        page = replace(inputs.page, view=replace(view, download=download))
        return self._render(replace(inputs, page=page), results)


def _download(results: Results, issue: Issue) -> views.Download | None:
    pdf = results.files(pdf_id(issue))
    return views.Download(pdf[0].path, human_size(pdf[0].size)) if pdf else None


def human_size(size: int) -> str:
    """245 KB, 1.2 MB: how big a download is, for the link that offers it."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"
