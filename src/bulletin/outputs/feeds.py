"""Outputs: an Atom feed (/feed.xml) and a JSON Feed (/feed.json) of the latest issues.

Each entry carries the issue's full content with absolute URLs, so it reads
the same in a feed reader as on the site: each is a product of its own (the
`feed-entry.html` template, rendered with the issue in full). A second
product per entry writes it out once as an Atom `<entry>` and a JSON Feed
item; the two feeds only join those fragments, so one edit re-serialises one
entry, not the 20 or so the feeds carry. An entry's id is the issue's
address, which does not change when the issue is edited. Times are the
issue's date at midnight in the site's time zone: no build-machine clock, so
two builds of the same content give the same bytes.
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
FRAGMENT = "feed-fragment:"


@dataclass(frozen=True, eq=False)
class Feed:
    """What a feed is made from: the site's description, when it last changed (the
    newest issue's date) and the slugs of the issues it carries, newest first."""

    title: str
    subtitle: str
    base_url: str
    language: str
    organisation: str
    updated: str
    entries: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class EntryFacts:
    """What one entry shows besides its content: its fragment's key is these and the content's."""

    slug: str
    url: str
    title: str
    published: str
    summary: str
    topics: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Fragment:
    """One entry written out for each feed: an Atom `<entry>` and a JSON Feed item."""

    atom: str
    json: str


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
        zone = ZoneInfo(config.timezone)
        for issue in entries:
            edition = page_views.EditionView(issue, "feed", config.base_url + issue.path)
            page = views.PageView(
                "feed-entry.html", f"feed/{issue.slug}", issue.title, edition, root=config.base_url
            )
            inputs = PageInputs(context.theme.stamp, context.view, assets, page)
            origin = Origin(issue.display_path, what="a feed entry")
            yield Product(ENTRY + issue.slug, (), origin, inputs, self._entry)
            facts = _facts(issue, config.base_url, zone)
            entry_read: tuple[str, ...] = (ENTRY + issue.slug,)
            yield Product(FRAGMENT + issue.slug, (), origin, facts, _fragment, entry_read)
        feed = Feed(
            config.title,
            context.view.description,
            config.base_url,
            config.language,
            config.organisation,
            published(entries[0], zone) if entries else "1970-01-01T00:00:00+00:00",
            tuple(issue.slug for issue in entries),
        )
        reads = tuple(FRAGMENT + issue.slug for issue in entries)
        origin = Origin("content/site.yaml", what="the site's feed")
        yield Product("feed:atom", (urls.ATOM_FEED,), origin, feed, _atom, reads)
        yield Product("feed:json", (urls.JSON_FEED,), origin, feed, _json, reads)

    def _entry(self, inputs: PageInputs, results: Results) -> Made:
        return Made(value=render_page(self.context.theme, inputs, self.context.full))


def _facts(issue: Issue, base_url: str, zone: dt.tzinfo) -> EntryFacts:
    when = published(issue, zone)
    url = base_url + issue.path
    return EntryFacts(issue.slug, url, issue.title, when, issue.summary, tuple(issue.topics))


def published(issue: Issue, zone: dt.tzinfo) -> str:
    """An issue's date as a moment: midnight at the start of that day, site time."""
    return dt.datetime.combine(issue.date, dt.time(0), tzinfo=zone).isoformat()


def _fragment(facts: EntryFacts, results: Results) -> Made:
    """One entry in both feeds' forms, indented to the depth each feed puts it at."""
    content = results.value(ENTRY + facts.slug)
    assert isinstance(content, str)
    return Made(value=Fragment(_atom_entry(facts, content), _json_item(facts, content)))


def _atom_entry(facts: EntryFacts, content: str) -> str:
    """An `<entry>` in the feed's default namespace, indented one level."""
    entry = ET.Element("entry")
    _text(entry, "title", facts.title)
    _text(entry, "id", facts.url)
    _link(entry, facts.url, "alternate", "text/html")
    _text(entry, "published", facts.published)
    _text(entry, "updated", facts.published)
    _text(entry, "summary", facts.summary)
    _text(entry, "content", content).set("type", "html")
    for topic in facts.topics:
        ET.SubElement(entry, "category", {"term": topic})
    ET.indent(entry, level=1)
    return ET.tostring(entry, encoding="unicode")


def _json_item(facts: EntryFacts, content: str) -> str:
    """A JSON Feed item, indented to its place in the items list (JSON strings hold no
    raw line breaks, so every line break is indentation)."""
    item = {
        "id": facts.url,
        "url": facts.url,
        "title": facts.title,
        "summary": facts.summary,
        "content_html": content,
        "date_published": facts.published,
        "tags": list(facts.topics),
    }
    return json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def _fragments(feed: Feed, results: Results) -> list[Fragment]:
    fragments = [results.value(FRAGMENT + slug) for slug in feed.entries]
    assert all(isinstance(f, Fragment) for f in fragments)
    return fragments  # type: ignore[return-value]


def _atom(feed: Feed, results: Results) -> Made:
    """RFC 4287 Atom, full content, newest first: the feed's head, then its entries."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed.language})
    _text(root, "title", feed.title, ATOM)
    _text(root, "subtitle", feed.subtitle, ATOM)
    _text(root, "id", feed.base_url, ATOM)
    _text(root, "updated", feed.updated, ATOM)
    _link(root, feed.base_url + urls.ATOM_FEED, "self", "application/atom+xml", ATOM)
    _link(root, feed.base_url + urls.HOME, "alternate", "text/html", ATOM)
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", feed.organisation, ATOM)
    _text(root, "generator", "bulletin", ATOM).set("version", __version__)
    ET.indent(root)
    head = ET.tostring(root, encoding="unicode", xml_declaration=True)
    entries = "".join(f"  {fragment.atom}\n" for fragment in _fragments(feed, results))
    text = head.removesuffix("</feed>") + entries + "</feed>\n"
    return Made((made(urls.ATOM_FEED, text.encode("utf-8")),))


def _text(parent: ET.Element, name: str, text: str, namespace: str = "") -> ET.Element:
    element = ET.SubElement(parent, f"{{{namespace}}}{name}" if namespace else name)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str, namespace: str = "") -> None:
    tag = f"{{{namespace}}}link" if namespace else "link"
    ET.SubElement(parent, tag, {"href": href, "rel": rel, "type": media_type})


def _json(feed: Feed, results: Results) -> Made:
    """JSON Feed 1.1, full content, newest first: the feed's fields, then its items."""
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.base_url,
        "feed_url": feed.base_url + urls.JSON_FEED,
        "description": feed.subtitle,
        "language": feed.language,
        "authors": [{"name": feed.organisation}],
    }
    head = json.dumps(data, ensure_ascii=False, indent=2).removesuffix("\n}")
    items = ",\n    ".join(fragment.json for fragment in _fragments(feed, results))
    body = f'  "items": [\n    {items}\n  ]' if items else '  "items": []'
    text = f"{head},\n{body}\n}}\n"
    return Made((made(urls.JSON_FEED, text.encode("utf-8")),))
