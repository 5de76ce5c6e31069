"""Outputs: an Atom feed (/feed.xml) and a JSON Feed (/feed.json) of the latest issues.

Each entry carries the issue's full content with absolute URLs, so it reads
the same in a feed reader as on the site: each is a product of its own (the
`feed-entry.html` template, rendered with the issue in full), which both
feeds read. An entry's id is the issue's address, which does not change when
the issue is edited. Times are the issue's date at midnight in the site's
time zone: no build-machine clock, so two builds of the same content give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bulletin import __version__, urls
from bulletin.content.models import Issue
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import made
from bulletin.outputs.protocol import Declared, Made, Origin, Product, Results
from bulletin.outputs.static import asset_paths
from bulletin.render import page_views, views
from bulletin.render.pages import PageInputs, render_page

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ENTRY = "feed-entry:"


@dataclass(frozen=True)
class Feed:
    """What a feed is made from: the site's description and the issues it carries."""

    title: str
    subtitle: str
    base_url: str
    language: str
    organisation: str
    timezone: str
    entries: tuple[Issue, ...]


class FeedsOutput:
    """Both feeds, and the content of each of their entries."""

    name = "feeds"
    needs: tuple[str, ...] = ("static",)

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Declared]) -> Iterable[Product]:
        """An entry product per issue carried, then the two feeds that read them."""
        context = self.context
        config = context.site.config
        entries = context.site.issues[: config.feed_items]
        assets = views.Assets(tuple(sorted(asset_paths(declared).items())))
        for issue in entries:
            edition = page_views.EditionView(issue, "feed", config.base_url + issue.path)
            page = views.PageView(
                "feed-entry.html", f"feed/{issue.slug}", issue.title, edition, root=config.base_url
            )
            inputs = PageInputs(context.theme.stamp, context.view, assets, page)
            origin = Origin(issue.display_path, what="a feed entry")
            yield Product(ENTRY + issue.slug, (), origin, inputs, self._entry)
        feed = Feed(
            config.title,
            context.view.description,
            config.base_url,
            config.language,
            config.organisation,
            config.timezone,
            entries,
        )
        reads = tuple(ENTRY + issue.slug for issue in entries)
        origin = Origin("content/site.yaml", what="the site's feed")
        yield Product("feed:atom", (urls.ATOM_FEED,), origin, feed, _atom, reads)
        yield Product("feed:json", (urls.JSON_FEED,), origin, feed, _json, reads)

    def _entry(self, inputs: PageInputs, results: Results) -> Made:
        return Made(value=render_page(self.context.theme, inputs, self.context.full))


def _content(results: Results, issue: Issue) -> str:
    html = results.value(ENTRY + issue.slug)
    assert isinstance(html, str)
    return html


def published(issue: Issue, zone: dt.tzinfo) -> str:
    """An issue's date as a moment: midnight at the start of that day, site time."""
    return dt.datetime.combine(issue.date, dt.time(0), tzinfo=zone).isoformat()


def _atom(feed: Feed, results: Results) -> Made:
    """RFC 4287 Atom, full content, newest first."""
    zone = ZoneInfo(feed.timezone)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed.language})
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.subtitle)
    _text(root, "id", feed.base_url)
    updated = published(feed.entries[0], zone) if feed.entries else "1970-01-01T00:00:00+00:00"
    _text(root, "updated", updated)
    _link(root, feed.base_url + urls.ATOM_FEED, "self", "application/atom+xml")
    _link(root, feed.base_url + urls.HOME, "alternate", "text/html")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", feed.organisation)
    _text(root, "generator", "bulletin").set("version", __version__)
    for issue in feed.entries:
        _entry(root, issue, feed, zone, _content(results, issue))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Made((made(urls.ATOM_FEED, data + b"\n"),))


def _entry(root: ET.Element, issue: Issue, feed: Feed, zone: dt.tzinfo, content: str) -> None:
    url = feed.base_url + issue.path
    entry = ET.SubElement(root, f"{{{ATOM}}}entry")
    _text(entry, "title", issue.title)
    _text(entry, "id", url)
    _link(entry, url, "alternate", "text/html")
    when = published(issue, zone)
    _text(entry, "published", when)
    _text(entry, "updated", when)
    _text(entry, "summary", issue.summary)
    _text(entry, "content", content).set("type", "html")
    for topic in issue.topics:
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": topic})


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, "rel": rel, "type": media_type})


def _json(feed: Feed, results: Results) -> Made:
    """JSON Feed 1.1, full content, newest first."""
    zone = ZoneInfo(feed.timezone)
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.base_url,
        "feed_url": feed.base_url + urls.JSON_FEED,
        "description": feed.subtitle,
        "language": feed.language,
        "authors": [{"name": feed.organisation}],
        "items": [
            {
                "id": feed.base_url + issue.path,
                "url": feed.base_url + issue.path,
                "title": issue.title,
                "summary": issue.summary,
                "content_html": _content(results, issue),
                "date_published": published(issue, zone),
                "tags": list(issue.topics),
            }
            for issue in feed.entries
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Made((made(urls.JSON_FEED, text.encode("utf-8")),))
