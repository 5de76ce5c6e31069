"""Outputs: what search engines read, /sitemap.xml and /robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bulletin.outputs.files import OutputFile
from bulletin.site import NOT_FOUND, ROBOTS, SITEMAP, Site, issue_path

SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def crawler_files(site: Site, pages: list[OutputFile]) -> list[OutputFile]:
    """A sitemap of every page (but the 404 page) with absolute URLs, and robots.txt naming it."""
    base = site.config.base_url
    dates = {issue_path(issue) + "index.html": issue.date.isoformat() for issue in site.issues}
    ET.register_namespace("", SITEMAPS)
    urlset = ET.Element(f"{{{SITEMAPS}}}urlset")
    for page in sorted(pages, key=lambda p: p.path):
        if not page.path.endswith(".html") or page.path == NOT_FOUND:
            continue
        url = ET.SubElement(urlset, f"{{{SITEMAPS}}}url")
        ET.SubElement(url, f"{{{SITEMAPS}}}loc").text = base + page.path.removesuffix("index.html")
        if page.path in dates:
            ET.SubElement(url, f"{{{SITEMAPS}}}lastmod").text = dates[page.path]
    ET.indent(urlset)
    sitemap = ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}{SITEMAP}\n"
    return [OutputFile(SITEMAP, data=sitemap), OutputFile(ROBOTS, data=robots.encode())]
