"""What readers' software reads: feeds (feedparser), calendars (icalendar), sitemaps (XML)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
import pytest
from lxml import html as lxml_html

from bulletin.commands.build import build
from bulletin.options import BuildOptions
from tests.conftest import REPO, TODAY
from tests.integration.helpers import broken_links, html_pages, page

BASE = "https://bulletin.northbrook.example/"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("readers") / "_site"
    build(BuildOptions(REPO, output=output, today=TODAY))
    return output


def test_atom_feed_reads_cleanly_newest_first_with_full_content(built: Path) -> None:
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Northbrook Safeguarding Bulletin"
    assert [e.title for e in feed.entries] == ["Autumn 2026", "Summer 2026", "Spring 2026"]
    summer = feed.entries[1]
    assert summer.id == summer.link == BASE + "issues/2026-summer/"
    assert summer.updated == "2026-07-22T00:00:00+01:00"
    content = summer.content[0].value
    assert "Welcome to the summer issue" in content and "Seeing it through the headset" in content
    assert 'href="../' not in content and "__bulletin_root__" not in content
    assert f'href="{BASE}issues/2026-spring/#priorities"' in content
    assert [t.term for t in summer.tags] == [
        "transitional safeguarding",
        "exploitation",
        "training",
        "fostering",
    ]


#: What JSON Feed 1.1 (jsonfeed.org/version/1.1) requires of a feed and its items.
JSON_FEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "authors": {"type": "array", "items": {"type": "object", "required": ["name"]}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}


def test_json_feed_meets_the_spec_and_matches_the_atom_feed(built: Path) -> None:
    # feedparser (6.0.14, the latest release) reads only XML feeds, so the JSON
    # Feed is checked against the spec's requirements and against the Atom feed.
    data = json.loads((built / "feed.json").read_text())
    jsonschema.validate(data, JSON_FEED_SCHEMA, format_checker=jsonschema.FormatChecker())
    atom = feedparser.parse((built / "feed.xml").read_bytes())
    for item, entry in zip(data["items"], atom.entries, strict=True):
        assert (item["id"], item["url"], item["title"]) == (entry.id, entry.link, entry.title)
        assert item["date_published"] == entry.published
        assert _words(item["content_html"]) == _words(entry.content[0].value)
    assert data["items"][0]["date_published"] == "2026-10-14T00:00:00+01:00"


def _words(html: str) -> str:
    """The text of some HTML, as a reader sees it (feedparser drops aria attributes)."""
    return " ".join(lxml_html.fromstring(f"<div>{html}</div>").text_content().split())


def test_feed_ids_do_not_change_when_an_issue_is_edited(example_site: Path, tmp_path: Path) -> None:
    before = feedparser.parse(_build(example_site, tmp_path / "a") / "feed.xml")
    issue = example_site / "content" / "issues" / "2026-summer.md"
    issue.write_text(
        issue.read_text().replace("title: Summer 2026", "title: Summer 2026 (updated)")
    )
    after = feedparser.parse(_build(example_site, tmp_path / "b") / "feed.xml")
    assert [e.id for e in before.entries] == [e.id for e in after.entries]
    assert after.entries[1].title == "Summer 2026 (updated)"


def _build(site: Path, output: Path) -> Path:
    build(BuildOptions(site, output=output, today=TODAY))
    return output


def test_every_page_links_its_feeds_and_calendar(built: Path) -> None:
    for path in html_pages(built):
        tree = page(built, path.relative_to(built).as_posix())
        types = tree.xpath("//link[@rel='alternate']/@type")
        assert types == ["application/atom+xml", "application/feed+json", "text/calendar"], path
    assert broken_links(built) == []


def events_in(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_the_site_calendar_has_every_event_as_written(built: Path) -> None:
    events = {str(e["summary"]): e for e in events_in(built / "events.ics")}
    assert len(events) == 11
    seminar = events["Learning from case reviews about young adults"]
    assert seminar.decoded("dtstart") == dt.datetime(2026, 9, 17, 12, 0, tzinfo=LONDON)
    assert seminar.decoded("dtend") == dt.datetime(2026, 9, 17, 13, 0, tzinfo=LONDON)
    assert str(seminar["location"]) == "Online"
    assert str(seminar["url"]) == "https://events.regional-network.example/young-adults-reviews"
    practice_day = events["Safeguarding practice day"]
    assert str(practice_day["location"]) == "Northbrook Civic Centre"
    assert str(practice_day["url"]) == BASE + "issues/2026-summer/#practice-day-2026"
    uids = [str(e["uid"]) for e in events.values()]
    assert len(set(uids)) == 11
    assert "practice-day-2026@bulletin.northbrook.example" in uids
    assert all(e.get("dtstamp") for e in events.values())


def test_the_site_calendar_keeps_a_year_of_past_events_as_the_events_page_does(
    tmp_path: Path,
) -> None:
    later = dt.date(2027, 12, 1)  # a year after the example's last events but one
    output = tmp_path / "_site"
    build(BuildOptions(REPO, output=output, today=later))
    subscribed = [  # a postponed event's summary says so in front of its title
        str(e["summary"]).removeprefix("Postponed: ") for e in events_in(output / "events.ics")
    ]
    events_page = page(output, "events/index.html")
    shown = events_page.xpath("//section[@aria-labelledby='past-title']//h4/a/text()")
    assert sorted(subscribed) == sorted(shown)
    assert 0 < len(subscribed) < 10
    assert "Meet the Chair" not in subscribed  # September 2026: more than a year before
    issue_calendars = [events_in(p) for p in (output / "issues").glob("*/events.ics")]
    assert sum(map(len, issue_calendars)) == 11  # each issue's calendar keeps all its own


def test_an_event_across_the_clocks_going_back(built: Path) -> None:
    calendar = icalendar.Calendar.from_ical((built / "events.ics").read_bytes())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    conference = next(
        e for e in calendar.walk("VEVENT") if e["summary"] == "Regional safeguarding conference"
    )
    start, end = conference.decoded("dtstart"), conference.decoded("dtend")
    assert start.utcoffset() == dt.timedelta(hours=1)  # summer time on 24 October
    assert end.utcoffset() == dt.timedelta(0)  # Greenwich time on 26 October
    assert (start.astimezone(dt.UTC).hour, end.astimezone(dt.UTC).hour) == (8, 17)
    assert "TZID=Europe/London:20261024T090000" in (built / "events.ics").read_text()


def test_all_day_events_have_dates_alone(built: Path) -> None:
    events = {str(e["summary"]): e for e in events_in(built / "events.ics")}
    practice_day = events["Safeguarding practice day"]
    assert practice_day.decoded("dtstart") == dt.date(2026, 10, 14)
    assert practice_day.decoded("dtend") == dt.date(2026, 10, 15)  # exclusive
    two_days = events["Harm between children"]
    assert (two_days.decoded("dtstart"), two_days.decoded("dtend")) == (
        dt.date(2027, 2, 10),
        dt.date(2027, 2, 12),
    )


def test_issue_and_event_calendars(built: Path) -> None:
    summer = events_in(built / "issues" / "2026-summer" / "events.ics")
    assert len(summer) == 6
    single = events_in(built / "issues" / "2026-summer" / "practice-day-2026.ics")
    assert [str(e["summary"]) for e in single] == ["Safeguarding practice day"]
    issue_page = page(built, "issues/2026-summer/index.html")
    links = issue_page.xpath("//section[@id='events']//a[@download]/@href")
    assert "../../issues/2026-summer/events.ics" in links
    assert "../../issues/2026-summer/practice-day-2026.ics" in links


def test_events_page_lists_upcoming_then_past_by_year(built: Path) -> None:
    events = page(built, "events/index.html")
    upcoming = events.xpath("//section[@aria-labelledby='upcoming-title']//h3/a/text()")
    assert upcoming == [
        "Working together and safer settings",
        "Partnership open afternoon",
        "Harm between children",
    ]
    years = events.xpath("//section[@aria-labelledby='past-title']/h3/text()")
    assert years == ["2026"]
    past = events.xpath("//section[@aria-labelledby='past-title']//h4/a/text()")
    assert past[0] == "Neglect practice guide briefing"
    assert past[-1] == "Drop-in for designated safeguarding leads"
    links = events.xpath("//section[@aria-labelledby='upcoming-title']//h3/a/@href")
    assert links[0] == "../issues/2026-autumn/#event-2026-12-03-working-together-and-safer-settings"
    assert events.xpath("//a[starts-with(@href, 'webcal://')]/@href") == [
        "webcal://bulletin.northbrook.example/events.ics"
    ]


def test_topics_list_issues_and_items(built: Path) -> None:
    topics = page(built, "topics/index.html").xpath("//ul[@class='topic-list']//a/text()")
    assert "fostering" in topics and "training" in topics
    fostering = page(built, "topics/fostering/index.html")
    assert fostering.xpath("//section[@aria-labelledby='topic-issues']//h3/a/text()") == [
        "Summer 2026"
    ]
    items = fostering.xpath("//ul[@class='topic-items']//a/@href")
    assert items == [
        "../../issues/2026-summer/#fostering",
        "../../issues/2026-summer/#private-fostering",
    ]
    summer = page(built, "issues/2026-summer/index.html")
    assert "../../topics/fostering/" in summer.xpath("//p[@class='topics']/a/@href")


def test_sitemap_and_robots(built: Path) -> None:
    root = ET.fromstring((built / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    pages = [p.relative_to(built).as_posix() for p in html_pages(built) if p.name != "404.html"]
    assert sorted(locations) == sorted(BASE + p.removesuffix("index.html") for p in pages)
    summer = root.find(f"s:url[s:loc='{BASE}issues/2026-summer/']/s:lastmod", ns)
    assert summer is not None and summer.text == "2026-07-22"
    assert (
        built / "robots.txt"
    ).read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


def test_canonical_and_link_previews_on_every_page(built: Path) -> None:
    for path in html_pages(built):
        relative = path.relative_to(built).as_posix()
        tree = page(built, relative)
        meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.xpath("//meta")}
        assert meta["og:title"] and meta["og:description"] and meta["twitter:card"], relative
        assert meta["og:image"] == BASE + "images/social-card.png"
        assert (
            meta["og:image:alt"]
            == "Northbrook Safeguarding Bulletin, with the partnership's shield"
        )
        if relative != "404.html":
            canonical = BASE + relative.removesuffix("index.html")
            assert tree.xpath("//link[@rel='canonical']/@href") == [canonical]
            assert meta["og:url"] == canonical


def test_structured_data_for_issues_and_events(built: Path) -> None:
    summer = page(built, "issues/2026-summer/index.html")
    data = json.loads(summer.xpath("//script[@type='application/ld+json']/text()")[0])
    issue, *events = data["@graph"]
    assert (issue["@type"], issue["name"], issue["datePublished"], issue["issueNumber"]) == (
        "PublicationIssue",
        "Summer 2026",
        "2026-07-22",
        "8",
    )
    assert len(events) == 6 and all(e["@type"] == "Event" for e in events)
    webinar = next(e for e in events if e["name"].startswith("Learning from case reviews"))
    assert webinar["startDate"] == "2026-09-17T12:00+01:00"
    assert webinar["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert webinar["location"]["@type"] == "VirtualLocation"
