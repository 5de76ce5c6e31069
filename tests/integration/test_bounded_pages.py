"""No page grows without bound as issues accumulate: a weekly newsletter of 130 issues.

The archive links every year's page and lists only the latest 52 issues;
topics are paginated; the events page and the subscribed calendar hold what
is coming and the past year; the search index is in parts (the latest month, the two latest
years, then decades) so that an edit re-indexes a month, not the archive.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest

from benchmarks.corpus import generate
from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.site import ARCHIVE_LATEST, TOPIC_ISSUES_PER_PAGE
from tests.integration.helpers import broken_links, html_pages, page

ISSUES = 130  # weekly from July 2023 to December 2025
TODAY = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = generate(ISSUES, tmp_path_factory.mktemp("weekly") / "site")
    output = site / "_site"
    build(BuildOptions(site, today=TODAY, future=True))
    return output


def titles(tree: object, xpath: str) -> list[str]:
    return [str(t) for t in tree.xpath(xpath)]  # type: ignore[attr-defined]


def test_the_archive_lists_the_latest_issues_and_links_every_year(built: Path) -> None:
    archive = page(built, "issues/index.html")
    assert titles(archive, "//section[@class='archive-year']/h2/a/text()") == ["2025"]
    listed = archive.xpath("//section[@class='archive-year']//h3/a/text()")
    assert len(listed) == ARCHIVE_LATEST
    assert listed[0] == f"Issue {ISSUES}"
    years = archive.xpath("//nav[@class='year-links']//a/@href")
    assert years == ["../archive/2025/", "../archive/2024/", "../archive/2023/"]


def test_each_year_has_a_page_of_its_issues_with_links_to_its_neighbours(built: Path) -> None:
    counts = {}
    for year in (2023, 2024, 2025):
        tree = page(built, f"archive/{year}/index.html")
        counts[year] = len(tree.xpath("//main//h2/a"))
        assert all(f"{year}-" in d for d in tree.xpath("//main//time/@datetime"))
    assert sum(counts.values()) == ISSUES
    middle = page(built, "archive/2024/index.html")
    assert middle.xpath("//nav[@aria-label='Other years']//a/@href") == [
        "../../archive/2023/",
        "../../archive/2025/",
    ]


def test_topics_are_paginated_and_every_issue_is_on_one_page(built: Path) -> None:
    pages = -(-ISSUES // TOPIC_ISSUES_PER_PAGE)
    found: list[str] = []
    for number in range(1, pages + 1):
        path = "topics/training/" + (f"page/{number}/" if number > 1 else "") + "index.html"
        tree = page(built, path)
        issues = tree.xpath("//section[@aria-labelledby='topic-issues']//h3/a/text()")
        assert len(issues) <= TOPIC_ISSUES_PER_PAGE
        found += issues
    assert len(found) == len(set(found)) == ISSUES
    assert not (built / f"topics/training/page/{pages + 1}").exists()
    last = page(built, f"topics/training/page/{pages}/index.html")
    assert titles(last, "//h1/text()") == ["training"]
    assert "Page 7 of 7" in last.xpath("string(//p[@class='lead'])")


def test_the_events_page_shows_what_is_coming_and_the_past_year(built: Path) -> None:
    events = page(built, "events/index.html")
    past_years = titles(events, "//section[@aria-labelledby='past-title']/h3/text()")
    assert past_years == ["2025", "2024"]
    dates = [dt.date.fromisoformat(d[:10]) for d in events.xpath("//main//time/@datetime")]
    assert min(dates) >= TODAY - dt.timedelta(days=366)


def test_the_subscribed_calendar_holds_what_the_events_page_shows(built: Path) -> None:
    events = page(built, "events/index.html")
    shown = len(events.xpath("//ul[@class='event-list']/li"))
    calendar = icalendar.Calendar.from_ical((built / "events.ics").read_bytes())
    subscribed = list(calendar.walk("VEVENT"))
    every = sum(
        len(icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT"))
        for p in (built / "issues").glob("*/events.ics")
    )
    assert len(subscribed) == shown < every
    starts = [e.decoded("dtstart") for e in subscribed]
    days = [d.date() if isinstance(d, dt.datetime) else d for d in starts]
    assert min(days) >= TODAY - dt.timedelta(days=366)


def test_no_page_is_large(built: Path) -> None:
    sizes = {p.relative_to(built).as_posix(): p.stat().st_size for p in html_pages(built)}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] < 120_000, (largest, sizes[largest])


def test_the_search_index_is_in_parts_that_the_search_page_merges(built: Path) -> None:
    parts = sorted(p.name for p in (built / "pagefind").iterdir() if p.is_dir())
    assert parts == ["2020s", "2024", "2025", "2025-12"]
    for part in parts:
        assert (built / "pagefind" / part / "pagefind.js").is_file()
    assert (built / "pagefind" / "pagefind-ui.js").is_file()
    search = (built / "search" / "index.html").read_text()
    bundles = re.search(r'data-bundles="([^"]*)"', search)
    assert bundles and bundles.group(1).split() == [
        "../pagefind/2025-12/",
        "../pagefind/2025/",
        "../pagefind/2024/",
        "../pagefind/2020s/",
    ]


def test_every_link_works(built: Path) -> None:
    assert broken_links(built) == []
