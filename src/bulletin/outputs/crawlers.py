"""Outputs: what search engines read, /sitemap.xml and /robots.txt.

The sitemap is written as text (addresses escaped), not built as an XML tree:
at a thousand issues the tree took longer than the rest of a one-edit build.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from bulletin.outputs.files import OutputFile
from bulletin.site import NOT_FOUND, ROBOTS, SITEMAP, Site, issue_path

SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def crawler_files(site: Site, pages: list[OutputFile]) -> list[OutputFile]:
    """A sitemap of every page (but the 404 page and the editor's) with absolute URLs, and
    robots.txt naming it."""
    base = site.config.base_url
    dates = {issue_path(issue) + "index.html": issue.date.isoformat() for issue in site.issues}
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAPS}">']
    for path in sorted(page.path for page in pages):
        if not path.endswith(".html") or path == NOT_FOUND or path.startswith("admin/"):
            continue
        lines += ["  <url>", f"    <loc>{escape(base + path.removesuffix('index.html'))}</loc>"]
        if path in dates:
            lines.append(f"    <lastmod>{dates[path]}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>\n")
    sitemap = "\n".join(lines).encode("utf-8")
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}{SITEMAP}\n"
    return [OutputFile(SITEMAP, data=sitemap), OutputFile(ROBOTS, data=robots.encode())]
