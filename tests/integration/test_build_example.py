"""The example site, built whole and read back."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, run
from tests.integration.helpers import broken_links, html_pages, page

SLUGS = ("2026-autumn", "2026-summer", "2026-spring")
SEVEN = ["foreword", "partnership-report", "priorities", "focus", "events", "news", "contacts"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("example") / "_site"
    result = run("build", "--site", REPO, "--output", output, "--no-cache")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"Built 3 issues, 19 pages in \d+\.\d\d s -> .+_site/\n", result.stdout)
    return output


def test_writes_every_page(built: Path) -> None:
    expected = ["404.html", "index.html", "issues/index.html", "events/index.html"]
    expected += ["search/index.html", "topics/index.html", "accessibility/index.html"]
    expected += ["archive/2026/index.html"]
    expected += [f"issues/{slug}/index.html" for slug in SLUGS]
    topics = ["annual-report", "exploitation", "fostering", "learning-from-reviews", "neglect"]
    topics += ["priorities", "training", "transitional-safeguarding"]
    expected += [f"topics/{topic}/index.html" for topic in topics]
    assert sorted(p.relative_to(built).as_posix() for p in html_pages(built)) == sorted(expected)


def test_every_page_has_the_landmarks_and_one_h1(built: Path) -> None:
    for path in html_pages(built):
        tree = page(built, path.relative_to(built).as_posix())
        assert tree.get("lang") == "en-GB"
        assert len(tree.xpath("//h1")) == 1, path
        assert tree.xpath("//a[@class='skip-link']/@href") == ["#main-content"]
        assert tree.xpath("//main/@id") == ["main-content"]
        for landmark in ("header", "nav", "main", "footer"):
            assert tree.xpath(f"//{landmark}"), (path, landmark)


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    assert broken_links(built) == []


def test_issue_with_all_sections_in_order_with_stable_ids(built: Path) -> None:
    tree = page(built, "issues/2026-summer/index.html")
    assert tree.xpath("//main//section[contains(@class,'section')]/@id") == SEVEN
    assert tree.xpath("//nav[contains(@class,'contents')]//a/@href") == [f"#{s}" for s in SEVEN]


def test_priorities_are_in_number_order_whatever_the_writing_order(built: Path) -> None:
    tree = page(built, "issues/2026-summer/index.html")
    titles = tree.xpath("//section[@id='priorities']//h3/text()")
    assert titles == [
        "Priority 1: Safeguarding adolescents",
        "Priority 2: Learning from reviews, locally and nationally",
        "Priority 3: Sexual abuse within the family",
    ]


def test_foreword_is_signed_and_report_has_its_meeting(built: Path) -> None:
    tree = page(built, "issues/2026-summer/index.html")
    assert (
        tree.xpath("string(//section[@id='foreword']//*[@class='signature__name'])")
        == "Alex Example"
    )
    subtitle = tree.xpath("string(//section[@id='partnership-report']/p[@class='section__meta'])")
    assert subtitle == "What the partnership discussed at its meeting \N{EN DASH} 6 July 2026"
    autumn = page(built, "issues/2026-autumn/index.html")  # no subtitle: the meeting's date
    meeting = autumn.xpath("//section[@id='partnership-report']//time/@datetime")
    assert meeting[0] == "2026-10-05"


def test_focus_quotes_are_attributed(built: Path) -> None:
    tree = page(built, "issues/2026-summer/index.html")
    captions = tree.xpath("//section[@id='focus']//figure/figcaption/text()")
    assert captions == ["a young person who took part in a group", "a parent"]


def test_event_times_are_machine_readable_in_the_site_timezone(built: Path) -> None:
    tree = page(built, "issues/2026-summer/index.html")
    times = tree.xpath("//section[@id='events']//div[@class='event']//time/@datetime")
    assert "2026-09-17T12:00+01:00" in times
    assert "2026-10-14" in times  # an all-day event has a date alone
    assert tree.xpath("//h3[@id='practice-day-2026']/text()") == ["Safeguarding practice day"]
    autumn = page(built, "issues/2026-autumn/index.html")
    across_dst = autumn.xpath("//h3[starts-with(@id,'event-2026-10-24')]/..//time/@datetime")
    assert across_dst == ["2026-10-24T09:00+01:00", "2026-10-26T17:00+00:00"]


def test_phone_numbers_are_shown_as_written_and_dialled_in_international_form(
    built: Path,
) -> None:
    statement = page(built, "accessibility/index.html")
    assert [
        (a.get("href"), a.text) for a in statement.xpath("//a[starts-with(@href, 'tel:')]")
    ] == [("tel:+442079460281", "020 7946 0281")]
    contacts = page(built, "issues/2026-summer/index.html").xpath("//section[@id='contacts']")[0]
    duty = contacts.xpath(".//a[@href='tel:+443069990461']/text()")
    assert duty == ["03069 990461"]


def test_contacts_and_actions_are_real_links(built: Path) -> None:
    tree = page(built, "issues/2026-summer/index.html")
    contacts = tree.xpath("//section[@id='contacts']")[0]
    assert "tel:+442079460350" in contacts.xpath(".//a/@href")
    assert "mailto:lado@northbrook.example" in contacts.xpath(".//a/@href")
    hours = contacts.xpath("string(.//h3[@id='contact-referrals']/..)")
    assert "Evenings, weekends and bank holidays" in hours
    actions = tree.xpath("//h3[@id='fostering']/..//ul[@class='actions']//a/@href")
    assert actions == [
        "tel:+442079460668",
        "mailto:fostering@northbrook.example",
        "https://www.northbrook.example/fostering",
    ]


def test_previous_and_next_issue_links(built: Path) -> None:
    summer = page(built, "issues/2026-summer/index.html")
    assert summer.xpath("//a[@rel='prev']/@href") == ["../../issues/2026-spring/"]
    assert summer.xpath("//a[@rel='next']/@href") == ["../../issues/2026-autumn/"]
    assert page(built, "issues/2026-autumn/index.html").xpath("//a[@rel='next']") == []


def test_headings_never_skip_a_level(built: Path) -> None:
    for path in html_pages(built):
        levels = [
            int(h.tag[1])
            for h in page(built, path.relative_to(built).as_posix()).iter(
                "h1", "h2", "h3", "h4", "h5", "h6"
            )
        ]
        assert levels[0] == 1, path
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (path, levels)


def test_home_leads_with_the_latest_issue(built: Path) -> None:
    home = page(built, "index.html")
    assert "Autumn 2026" in home.xpath("string(//section[@class='latest']/h2)")
    assert home.xpath("//section[@class='recent']//h3/a/text()") == ["Summer 2026", "Spring 2026"]


def test_archive_is_grouped_by_year_newest_first(built: Path) -> None:
    archive = page(built, "issues/index.html")
    assert archive.xpath("//section[@class='archive-year']/h2/a/text()") == ["2026"]
    assert archive.xpath("//nav[@class='year-links']//a/@href") == ["../archive/2026/"]
    titles = archive.xpath("//section[@class='archive-year']//h3/a/text()")
    assert titles == ["Autumn 2026", "Summer 2026", "Spring 2026"]
    year = page(built, "archive/2026/index.html")
    assert year.xpath("//h1/text()") == ["Issues of 2026"]
    assert year.xpath("//main//h2/a/text()") == ["Autumn 2026", "Summer 2026", "Spring 2026"]


def test_drafts_are_left_out(built: Path) -> None:
    assert not (built / "issues" / "winter-2026").exists()


def test_css_file_names_carry_a_content_hash(built: Path) -> None:
    stylesheets = page(built, "index.html").xpath("//link[@rel='stylesheet']/@href")
    assert stylesheets and all(re.search(r"\.[0-9a-f]{10}\.css$", s) for s in stylesheets)


def test_no_page_loads_anything_from_another_site(built: Path) -> None:
    for path in html_pages(built):
        tree = page(built, path.relative_to(built).as_posix())
        sources = tree.xpath("//img/@src | //script/@src | //link[@rel='stylesheet']/@href")
        assert not [s for s in sources if "://" in s or s.startswith("//")], path


def test_the_accessibility_statement_is_filled_from_site_yaml(built: Path) -> None:
    statement = page(built, "accessibility/index.html")
    assert statement.xpath("string(//h1)") == (
        "Accessibility statement for Northbrook Safeguarding Bulletin"
    )
    text = statement.xpath("string(//main)")
    assert "Northbrook Safeguarding Children Partnership runs this website." in text
    assert "mailto:accessibility@northbrook.example" in statement.xpath("//main//a/@href")
    assert "fully compliant with the Web Content Accessibility Guidelines version 2.2" in text
    assert statement.xpath("//main//time/@datetime") == ["2026-04-15", "2026-11-02"]
    footer = page(built, "issues/2026-summer/index.html").xpath("//footer//a/@href")
    assert "../../accessibility/" in footer
