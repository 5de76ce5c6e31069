"""A real issue, whole, in every edition: each construct an issue can use, in the web page, the
email's HTML and text parts, the print edition (PDF) and the calendars.

The issue is the reference newsletter's shape with invented words: its own call
for contributions, an event whose time and place are to be confirmed, one
cancelled and one postponed, figures beside the report item they belong to,
courses without dates, the report's own subtitle, links to a section and to an
event, phone numbers and addresses written in the text, and headings with
quotes and dashes in them.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import icalendar
import pytest
from lxml import html as lxml_html
from lxml.html import HtmlElement
from pypdf import PdfReader

from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.render.plaintext import WIDTH
from tests.conftest import TODAY

BASE = "https://news.riverside.example/"
ONLINE = BASE + "issues/2026-summer/"
TBC_ANCHOR = "event-2026-09-07-meet-the-chair"

SITE_YAML = """\
title: Riverside Bulletin
organisation: Riverside Partnership
base_url: https://news.riverside.example/
accessibility:
  email: access@riverside.example
  prepared: 2026-01-10
  reviewed: 2026-06-01
contributions:
  heading: Get involved
  text: Write to us about anything that matters to you.
  contact:
    name: Pat Placeholder
    email: editor@riverside.example
contacts:
  office:
    name: The partnership office
    email: office@riverside.example
    phone: 020 7946 0000
"""

ISSUE = """\
---
title: Summer 2026
date: 2026-07-22
summary: Everything an issue can say, in one issue.
topics: [training]
next_issue: 2026-10-30
foreword:
  author: Alex Example
  role: Independent Chair and Scrutineer
partnership_report:
  meeting: 2026-07-04
  subtitle: Feedback from the partnership meeting -- 4 July 2026
  figures:
    - value: "60"
      label: courses in the year
    - value: "465"
      label: referrals to the LADO in the year
      item: lado
    - value: "22%"
      label: went on to an investigation (99 cases)
      item: lado
events:
  - title: Transitional safeguarding and homelessness
    start: 2026-09-26T14:00
    end: 2026-09-26T16:00
    online: true
    booking: https://events.example.org/homelessness
  - title: Meet the Chair
    start: 2026-09-07
    to_be_confirmed: [time, place]
  - title: Summer drop-in
    start: 2026-08-12T15:00
    online: true
    status: cancelled
    booking: https://events.example.org/drop-in
  - title: Open afternoon
    start: 2026-10-20T14:00
    place: Riverside Town Hall
    status: postponed
courses:
  - title: Professional curiosity in practice
    series: Understanding safeguarding risks
    audience: Everyone who works with children
    new: true
    interest: https://training.riverside.example/list
  - title: Trauma-informed practice
    series: Working together
    booking: https://training.riverside.example/trauma
news:
  fostering:
    image:
      src: images/family.png
      alt: A family at a kitchen table
contacts: [office]
contributions:
  heading: Your views count
  text: Articles should be 200 to 300 words long.
  contact:
    name: Sam Sample
    role: Partnership Manager
    email: sam.sample@riverside.example
    phone:
      - number: 020 7946 0282
        label: Mobile
  deadline: 2026-10-16
---

## Foreword

What the partnership discussed is [in its report](#partnership-report). My
last session with frontline staff is on [7 September](#event:meet-the-chair).

## Partnership report

Among other items, the partnership discussed these.

### The LADO annual report {#lado}

Referrals rose again this year.

## Focus on ... the Families Team

The team works with families.

## Events and training

Our new programme starts in September.

### Learning resources

Two guides are worth reading.

## News

### Could you foster? {#fostering}

Please call us on 020 7946 0668 or email fostering@riverside.example to find out more.

### Research in Practice: "open" resources -- for partners

For an account, write to partnership@riverside.example.

## Contacts

In an emergency, call 999.
"""


def tiny_png() -> bytes:
    """A valid 2 by 1 pixel PNG: a picture every email client can show."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x1d\x4f\x91" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("whole-issue")
    (site / "content" / "issues").mkdir(parents=True)
    (site / "content" / "images").mkdir()
    (site / "content" / "site.yaml").write_text(SITE_YAML)
    (site / "content" / "issues" / "2026-summer.md").write_text(ISSUE)
    (site / "content" / "images" / "family.png").write_bytes(tiny_png())
    built = site / "_site"
    build(BuildOptions(site, output=built, pdf=("*",), today=TODAY))
    return built


def read_page(output: Path, relative: str) -> HtmlElement:
    return lxml_html.fromstring((output / relative).read_bytes())


def text_of(element: HtmlElement, xpath: str) -> list[str]:
    return [" ".join(found.text_content().split()) for found in element.xpath(xpath)]


@pytest.fixture(scope="module")
def web(output: Path) -> HtmlElement:
    return read_page(output, "issues/2026-summer/index.html")


@pytest.fixture(scope="module")
def email(output: Path) -> HtmlElement:
    return read_page(output, "issues/2026-summer/email.html")


@pytest.fixture(scope="module")
def text(output: Path) -> str:
    return (output / "issues" / "2026-summer" / "email.txt").read_text()


@pytest.fixture(scope="module")
def pdf(output: Path) -> PdfReader:
    return PdfReader(output / "issues" / "2026-summer" / "2026-summer.pdf")


def pdf_words(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


EVENTS_BY_DATE = [
    "Summer drop-in",
    "Meet the Chair",
    "Transitional safeguarding and homelessness",
    "Open afternoon",
]


@pytest.mark.parametrize("edition", ["web", "email"])
def test_both_html_editions_show_every_construct(
    edition: str, web: HtmlElement, email: HtmlElement
) -> None:
    tree = web if edition == "web" else email
    call = tree.xpath("//*[@id='get-involved']/..")[0]
    assert text_of(call, ".//*[@id='get-involved']") == ["Your views count"]
    words = " ".join(call.text_content().split())
    assert "Articles should be 200 to 300 words long." in words
    assert "Send your contributions to Sam Sample, Partnership Manager, by 16 October 2026." in (
        words
    )
    assert "The next issue is due by 30 October 2026." in words
    assert {"mailto:sam.sample@riverside.example", "tel:+442079460282"} <= set(
        call.xpath(".//a/@href")
    )
    events = tree.xpath("//section[@id='events']")[0]
    assert text_of(events, ".//div[@class='event']/h3") == EVENTS_BY_DATE
    meeting = events.xpath(f".//h3[@id='{TBC_ANCHOR}']/..")[0]
    assert text_of(meeting, ".//dd")[:2] == [
        "Monday 7 September 2026, time to be confirmed",
        "To be confirmed",
    ]
    statuses = text_of(events, ".//p[@class='event__status']")
    assert statuses == [
        "Cancelled: this event will not take place.",
        "Postponed: a new date will be announced.",
    ]
    assert "https://events.example.org/drop-in" not in events.xpath(".//a/@href")
    report = tree.xpath("//section[@id='partnership-report']")[0]
    assert text_of(report, "./p[@class='section__meta']") == [
        "Feedback from the partnership meeting \N{EN DASH} 4 July 2026"
    ]
    assert text_of(report, "./ul[@class='figures']/li") == ["60 courses in the year"]
    assert text_of(report, ".//h3[@id='lado']/../ul[@class='figures']/li") == [
        "465 referrals to the LADO in the year",
        "22% went on to an investigation (99 cases)",
    ]


@pytest.mark.parametrize("edition", ["web", "email"])
def test_courses_links_and_headings_in_both_html_editions(
    edition: str, web: HtmlElement, email: HtmlElement
) -> None:
    tree = web if edition == "web" else email
    events = tree.xpath("//section[@id='events']")[0]
    order = [h.get("id") or h.text_content() for h in events.xpath(".//h3")]
    assert order[:2] == ["learning-resources", "events-courses"]  # text, then courses
    assert text_of(events, ".//div[contains(@class, 'course')]/h4") == [
        "Professional curiosity in practice",
        "Trauma-informed practice",
    ]
    course = events.xpath(".//h4[@id='course-professional-curiosity-in-practice']/..")[0]
    assert text_of(course, ".//dd") == [
        "Understanding safeguarding risks",
        "Everyone who works with children",
        "To be announced",
    ]
    assert text_of(course, ".//p[@class='course__new']") == ["New course"]
    assert course.xpath(".//a/@href") == ["https://training.riverside.example/list"]
    assert "Register your interest" in course.xpath("string(.//a)")
    here = "" if edition == "web" else ONLINE
    foreword = tree.xpath("//section[@id='foreword']")[0]
    assert foreword.xpath(".//a[normalize-space()='7 September']/@href") == [f"{here}#{TBC_ANCHOR}"]
    assert foreword.xpath(".//a[normalize-space()='in its report']/@href") == [
        f"{here}#partnership-report"
    ]
    news = tree.xpath("//section[@id='news']")[0]
    assert news.xpath(".//a[@href='tel:+442079460668']/text()") == ["020 7946 0668"]
    assert news.xpath(".//a[@href='mailto:fostering@riverside.example']/text()") == [
        "fostering@riverside.example"
    ]
    assert (
        "Research in Practice: \N{LEFT DOUBLE QUOTATION MARK}open\N{RIGHT DOUBLE QUOTATION MARK}"
        in (" ".join(text_of(news, ".//h3")))
    )
    assert text_of(tree, "//section[@id='focus']/h2") == [
        "Focus on \N{HORIZONTAL ELLIPSIS} the Families Team"
    ]


def test_the_email_html_is_valid_for_narrow_screens_and_outlook(email: HtmlElement) -> None:
    apple = email.xpath("//meta[@name='x-apple-disable-message-reformatting']")[0]
    assert apple.get("content") == ""
    picture = email.xpath("//img[@alt='A family at a kitchen table']")[0]
    assert picture.get("width") == "552"
    assert "max-width: 100%" in picture.get("style")
    content = email.xpath("//td[contains(@class, 'content')]")[0]
    assert "overflow-wrap: anywhere" in content.get("style")


def test_the_text_part_reads_as_plain_text(text: str) -> None:
    assert "Alex Example\nIndependent Chair and Scrutineer\n" in text
    assert "When: Monday 7 September 2026, time to be confirmed\nWhere: To be confirmed\n" in text
    assert "Cancelled: this event will not take place." in text
    assert "Email: sam.sample@riverside.example\nMobile: 020 7946 0282\n" in text
    assert "Email: office@riverside.example\nTelephone: 020 7946 0000\n" in text
    assert "(tel:" not in text and "(mailto:" not in text and "((" not in text
    assert "020 7946 0668 or email fostering@riverside.example to find out more" in " ".join(
        text.split()
    )
    words = " ".join(text.split())
    assert "Send your contributions to Sam Sample, Partnership Manager, by 16 October 2026." in (
        words
    )
    assert "The next issue is due by 30 October 2026." in words
    assert "Series: Understanding safeguarding risks\nFor: Everyone who works with children\n" in (
        text
    )
    assert "Register your interest: Professional curiosity in practice (https://training" in words
    assert "Feedback from the partnership meeting \N{EN DASH} 4 July 2026" in text
    assert "- 465 referrals to the LADO in the year" in text
    assert "#partnership-report" not in text and TBC_ANCHOR not in text  # this issue's own parts
    for line in text.splitlines():  # a longer line is one address that cannot be broken
        assert len(line) <= WIDTH or len(line.split()) == 1, line


def page_starting(reader: PdfReader, heading: str) -> int:
    """The page (from 1) whose text has a heading as a line of its own, after the contents."""
    for number, page in enumerate(reader.pages[2:], start=3):
        if heading in [line.strip() for line in page.extract_text().splitlines()]:
            return number
    raise AssertionError(f"no page has the heading {heading!r}")


def test_the_pdf_gives_page_numbers_for_links_within_the_issue(pdf: PdfReader) -> None:
    words = pdf_words(pdf)
    report = page_starting(pdf, "Partnership report")
    meeting = page_starting(pdf, "Meet the Chair")
    assert f"in its report (page {report})" in words
    assert f"7 September (page {meeting})" in words
    assert report >= 3 and meeting > report


def test_the_pdf_prints_a_link_target_only_where_the_words_do_not_say_it(pdf: PdfReader) -> None:
    words = pdf_words(pdf)
    assert "mailto:" not in words
    assert "(fostering@riverside.example)" not in words.replace(" ", "")
    assert "(office@riverside.example)" not in words.replace(" ", "")
    squeezed = words.replace(" ", "")
    assert "(https://events.example.org/homelessness)" in squeezed  # "Book a place" says nothing
    assert "(https://training.riverside.example/list)" in squeezed


def test_the_pdf_carries_every_construct(pdf: PdfReader) -> None:
    words = pdf_words(pdf)
    for expected in (
        "Your views count",
        "Articles should be 200 to 300 words long.",
        "Send your contributions to Sam Sample, Partnership Manager, by 16 October 2026.",
        "The next issue is due by 30 October 2026.",
        "Monday 7 September 2026, time to be confirmed",
        "this event will not take place",
        "a new date will be announced",
        "Feedback from the partnership meeting \N{EN DASH} 4 July 2026",
        "465 referrals to the LADO in the year",
        "Professional curiosity in practice",
        "To be announced",
        "Focus on \N{HORIZONTAL ELLIPSIS} the Families Team",
        "Topics: training",
    ):
        assert expected in words, expected
    cover = pdf.pages[0].extract_text()
    assert "Summer 2026" in cover and "Topics: training" in cover
    order = [words.index(title) for title in EVENTS_BY_DATE[1:]]  # "Summer drop-in" is first
    assert order == sorted(order)


def test_calendars_say_what_is_tentative_cancelled_or_postponed(output: Path) -> None:
    calendar = icalendar.Calendar.from_ical(
        (output / "issues" / "2026-summer" / "events.ics").read_bytes()
    )
    found = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        "Cancelled: Summer drop-in",
        "Meet the Chair",
        "Transitional safeguarding and homelessness",
        "Postponed: Open afternoon",
    ]
    assert str(found["Meet the Chair"]["status"]) == "TENTATIVE"
    assert str(found["Meet the Chair"]["location"]) == "To be confirmed"
    assert "The time and place are to be confirmed." in str(found["Meet the Chair"]["description"])
    assert str(found["Cancelled: Summer drop-in"]["status"]) == "CANCELLED"
    assert str(found["Postponed: Open afternoon"]["status"]) == "CANCELLED"
    assert str(found["Transitional safeguarding and homelessness"]["status"]) == "CONFIRMED"


def test_the_events_page_shows_them_by_date_with_their_state(output: Path) -> None:
    page = read_page(output, "events/index.html")
    assert text_of(page, "//li[@class='event-summary']/h4") == list(reversed(EVENTS_BY_DATE))
    meeting = page.xpath(f"//a[contains(@href, '{TBC_ANCHOR}')]/../..")[0]
    assert "time to be confirmed" in meeting.text_content()
    assert "To be confirmed" in meeting.text_content()
    statuses = text_of(page, "//p[@class='event__status']")
    assert statuses == [
        "Postponed: a new date will be announced.",
        "Cancelled: this event will not take place.",
    ]


def test_the_events_page_promises_past_events_only_when_it_lists_some(
    output: Path, tmp_path: Path
) -> None:
    later = tmp_path / "later"
    site = output.parent
    build(BuildOptions(site, output=later, today=TODAY.replace(year=TODAY.year + 2)))
    page = read_page(later, "events/index.html")
    said = " ".join(page.xpath("string(//main)").split())
    assert "No events are coming up." in said
    assert "listed below" not in said and not page.xpath("//*[@id='past-title']")
    assert re.search(r"Earlier events are described in the issues", said)
