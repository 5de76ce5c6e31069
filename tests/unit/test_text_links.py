"""Links an editor does not write: phone numbers and addresses in the text, #event: names;
headings typeset as the body is; and when a link's words already say where it leads."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from bulletin.content.event_links import event_names
from bulletin.content.markdown import MarkdownRenderer, Surroundings
from bulletin.content.models import Event
from bulletin.render.link_targets import mark_print_targets, says_target, target_to_print


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


def links(html: str) -> list[tuple[str, str]]:
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    return [(a.get("href"), a.text_content()) for a in tree.iter("a")]


def test_numbers_and_addresses_in_the_text_become_links(renderer: MarkdownRenderer) -> None:
    fragment = renderer.render(
        "Call us on 020 7946 0668 or (020) 7946 0388, or email team@example.org.", 1
    )
    assert links(fragment.html) == [
        ("tel:+442079460668", "020 7946 0668"),
        ("tel:+442079460388", "(020) 7946 0388"),
        ("mailto:team@example.org", "team@example.org"),
    ]
    assert fragment.html.endswith("team@example.org</a>.</p>")  # the full stop stays text
    assert [link.target for link in fragment.links] == [href for href, _ in links(fragment.html)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2025 to 2026, 465 referrals; 22% (99 cases) met the threshold.",
        "The meeting on 2026-07-06 at 14:00 heard 1,460 practitioners.",
        "If a child is in danger, call 999.",
        "`020 7946 0668` in code, and [the team](https://example.org) are left alone.",
        "[020 7946 0668](tel:+442079460668) is a link already.",
    ],
)
def test_other_figures_and_links_stay_as_written(renderer: MarkdownRenderer, text: str) -> None:
    found = links(renderer.render(text, 1).html)
    assert len(found) == text.count("](")  # only the links written as links


def test_numbers_are_read_in_the_sites_region(renderer: MarkdownRenderer) -> None:
    dublin = Surroundings(region="IE")
    assert links(renderer.render("Ring 01 234 5678.", 1, around=dublin).html) == [
        ("tel:+35312345678", "01 234 5678")
    ]


def event(title: str, day: str, anchor: str = "") -> Event:
    return Event(
        title=title,
        anchor=anchor or f"event-{day}-{title.lower().replace(' ', '-')}",
        start=dt.date.fromisoformat(day),
        end=None,
        kind="event",
        series=None,
        online=True,
        place=None,
        organiser=None,
        booking=None,
        description="",
        description_text="",
        topics=(),
        issue_slug="2026-summer",
        line=1,
    )


def test_an_event_is_named_by_its_title_its_day_and_title_or_its_id() -> None:
    chair, review = event("Meet the Chair", "2026-09-07"), event("Review day", "2026-10-01")
    names = event_names([chair, review, event("Launch", "2026-11-01", "launch-2026")])
    assert names["meet-the-chair"] == names["2026-09-07-meet-the-chair"] == chair.anchor
    assert names[chair.anchor] == chair.anchor and names["launch-2026"] == "launch-2026"
    rights = event("Children\u2019s rights day", "2026-11-20")  # its title typeset
    assert event_names([rights])["children-s-rights-day"] == rights.anchor
    twice = event_names([chair, event("Meet the Chair", "2026-10-05")])
    assert twice["meet-the-chair"] is None  # two events share it: the day must be given
    assert twice["2026-10-05-meet-the-chair"] == "event-2026-10-05-meet-the-chair"


def test_an_event_link_leads_to_the_events_anchor(renderer: MarkdownRenderer) -> None:
    around = Surroundings(events=event_names([event("Meet the Chair", "2026-09-07")]))
    fragment = renderer.render("On [7 September](#event:Meet-the-Chair).", 3, around=around)
    assert links(fragment.html) == [("#event-2026-09-07-meet-the-chair", "7 September")]
    assert fragment.links[0].target == "#event-2026-09-07-meet-the-chair"
    unknown = renderer.render("On [a day](#event:nothing).", 3, around=around)
    assert unknown.links[0].target == "#event:nothing"  # left for the issue to explain


def test_headings_are_typeset_as_the_body_is(renderer: MarkdownRenderer) -> None:
    assert renderer.typeset('Research in Practice "open" -- access') == (
        "Research in Practice \u201copen\u201d \u2013 access"
    )
    assert renderer.typeset("Focus on ... the team's work --- and more") == (
        "Focus on \u2026 the team\u2019s work \u2014 and more"
    )
    assert renderer.typeset("Fish & chips <3") == "Fish & chips <3"


@pytest.mark.parametrize(
    ("words", "href", "says"),
    [
        ("team@example.org", "mailto:team@example.org", True),
        ("Email: Team@Example.org", "mailto:team@example.org", True),
        ("the team", "mailto:team@example.org", False),
        ("020 7946 0668", "tel:+442079460668", True),
        ("Call the fostering team", "tel:+442079460668", False),
        ("999", "tel:999", True),
        ("www.example.org/fostering", "https://www.example.org/fostering/", True),
        ("Book a place", "https://events.example.org/book", False),
    ],
)
def test_whether_a_links_words_say_where_it_leads(words: str, href: str, says: bool) -> None:
    assert says_target(words, href) is says


def test_the_print_edition_marks_only_links_worth_writing_out() -> None:
    html = (
        '<a href="mailto:a@b.org">a@b.org</a> <a href="mailto:a@b.org">us</a> '
        '<a href="#report">the report</a> <a href="https://e.org/x?a=1&amp;b=2">book</a>'
    )
    marked = links_marked(mark_print_targets(html))
    assert marked == [None, "a@b.org", None, "https://e.org/x?a=1&b=2"]
    assert target_to_print("the report", "#report") is None


def links_marked(html: str) -> list[str | None]:
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    return [a.get("data-print-target") for a in tree.iter("a")]


@given(st.text(alphabet="0123456789 ().-a\n", max_size=60))
def test_the_quick_look_for_a_number_finds_seven_digits_however_they_are_spaced(
    text: str,
) -> None:
    """Seven digits, each after at most two separators: the look that spares most texts."""
    import re

    from bulletin.content.autolink import may_hold_links

    seven = re.compile(r"(?:\d[\s().\-]{0,2}){7}")  # the digits, spelt out one by one
    assert may_hold_links(text) == (seven.search(text) is not None)
