"""Outputs: what search engines read, /sitemap.xml and /robots.txt.

The sitemap lists every web page the pages output declares (but the 404
page), so it is made from declarations, before any page is rendered. It is
written as text (addresses escaped), not built as an XML tree: at a thousand
issues the tree took longer than the rest of a one-edit build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from bulletin import urls
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import made
from bulletin.outputs.pages import PAGE
from bulletin.outputs.protocol import Declared, Made, Origin, Product, Results

SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True, eq=False)
class Sitemap:
    """What the sitemap lists: every page's address, and each issue page's date."""

    base_url: str
    pages: tuple[str, ...]
    dates: tuple[tuple[str, str], ...]


class CrawlersOutput:
    """The sitemap and robots.txt."""

    name = "crawlers"
    needs: tuple[str, ...] = ("pages",)

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Declared]) -> Iterable[Product]:
        """The sitemap, from the pages declared, and robots.txt naming it."""
        base = self.context.site.config.base_url
        pages = sorted(
            path
            for product in declared
            if product.id.startswith(PAGE)
            for path in product.paths
            if path.endswith(".html") and path != urls.NOT_FOUND
        )
        dates = tuple(
            (urls.page_file(issue.path), issue.date.isoformat())
            for issue in self.context.site.issues
        )
        origin = Origin("content/site.yaml", what="the sitemap")
        yield Product(
            "crawlers:sitemap",
            (urls.SITEMAP,),
            origin,
            Sitemap(base, tuple(pages), dates),
            _sitemap,
        )
        robots = Origin("content/site.yaml", what="robots.txt")
        yield Product("crawlers:robots", (urls.ROBOTS,), robots, base, _robots)


def _sitemap(sitemap: Sitemap, results: Results) -> Made:
    dates = dict(sitemap.dates)
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAPS}">']
    for path in sitemap.pages:
        lines += [
            "  <url>",
            f"    <loc>{escape(sitemap.base_url + urls.page_of_file(path), quote=False)}</loc>",
        ]
        if path in dates:
            lines.append(f"    <lastmod>{dates[path]}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return Made((made(urls.SITEMAP, "\n".join(lines).encode("utf-8")),))


def _robots(base: str, results: Results) -> Made:
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}{urls.SITEMAP}\n"
    return Made((made(urls.ROBOTS, robots.encode()),))
