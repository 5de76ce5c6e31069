"""Outputs: an Atom feed (/feed.xml) and a JSON Feed (/feed.json) of the latest issues.

Each entry carries the issue's full content with absolute URLs, so it reads
the same in a feed reader as on the site. An entry's id is the issue's
address, which does not change when the issue is edited. Times are the
issue's date at midnight in the site's time zone: no build-machine clock, so
two builds of the same content give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

from bulletin import __version__
from bulletin.content.models import Issue
from bulletin.outputs.files import OutputFile
from bulletin.site import ATOM_FEED, HOME, JSON_FEED, Site, issue_path

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Renders an issue's content as HTML with absolute URLs.
ContentRenderer = Callable[[Issue], str]


def feed_files(site: Site, content: ContentRenderer) -> list[OutputFile]:
    """The Atom and JSON feeds of the latest issues."""
    entries = site.issues[: site.config.feed_items]
    return [
        OutputFile(ATOM_FEED, data=atom_feed(site, entries, content)),
        OutputFile(JSON_FEED, data=json_feed(site, entries, content)),
    ]


def published(issue: Issue, zone: dt.tzinfo) -> str:
    """An issue's date as a moment: midnight at the start of that day, site time."""
    return dt.datetime.combine(issue.date, dt.time(0), tzinfo=zone).isoformat()


def atom_feed(site: Site, entries: tuple[Issue, ...], content: ContentRenderer) -> bytes:
    """RFC 4287 Atom, full content, newest first."""
    config = site.config
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: config.language})
    _text(feed, "title", config.title)
    _text(feed, "subtitle", config.description or f"The newsletter of {config.organisation}")
    _text(feed, "id", config.base_url)
    updated = published(entries[0], config.zone) if entries else "1970-01-01T00:00:00+00:00"
    _text(feed, "updated", updated)
    _link(feed, config.base_url + ATOM_FEED, "self", "application/atom+xml")
    _link(feed, config.base_url + HOME, "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", config.organisation)
    generator = _text(feed, "generator", "bulletin")
    generator.set("version", __version__)
    for issue in entries:
        _entry(feed, issue, site, content)
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _entry(feed: ET.Element, issue: Issue, site: Site, content: ContentRenderer) -> None:
    url = site.config.base_url + issue_path(issue)
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "title", issue.title)
    _text(entry, "id", url)
    _link(entry, url, "alternate", "text/html")
    when = published(issue, site.config.zone)
    _text(entry, "published", when)
    _text(entry, "updated", when)
    _text(entry, "summary", issue.summary)
    _text(entry, "content", content(issue)).set("type", "html")
    for topic in issue.topics:
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": topic})


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, "rel": rel, "type": media_type})


def json_feed(site: Site, entries: tuple[Issue, ...], content: ContentRenderer) -> bytes:
    """JSON Feed 1.1, full content, newest first."""
    config = site.config
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "home_page_url": config.base_url,
        "feed_url": config.base_url + JSON_FEED,
        "description": config.description or f"The newsletter of {config.organisation}",
        "language": config.language,
        "authors": [{"name": config.organisation}],
        "items": [
            {
                "id": config.base_url + issue_path(issue),
                "url": config.base_url + issue_path(issue),
                "title": issue.title,
                "summary": issue.summary,
                "content_html": content(issue),
                "date_published": published(issue, config.zone),
                "tags": list(issue.topics),
            }
            for issue in entries
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
