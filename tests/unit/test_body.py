"""Splitting an issue body into sections and items."""

from __future__ import annotations

import pytest

from bulletin.content.body import section_kind, split_body
from bulletin.errors import Problems


@pytest.mark.parametrize(
    ("title", "anchor", "kind"),
    [
        ("Foreword", None, "foreword"),
        ("Foreword from the Independent Chair", None, "foreword"),
        ("Partnership report", None, "partnership-report"),
        ("Board Report", None, "partnership-report"),
        ("Safeguarding Priorities", None, "priorities"),
        ("Focus on ... the Families Team", None, "focus"),
        ("Events and training", None, "events"),
        ("News", None, "news"),
        ("Contact information", None, "contacts"),
        ("Our year ahead", "priorities", "priorities"),
        ("Learning from a review", None, "section"),
    ],
)
def test_section_kinds_come_from_headings_or_ids(title: str, anchor: str | None, kind: str) -> None:
    assert section_kind(title, anchor) == kind


def test_sections_items_and_lines() -> None:
    body = "\n".join(
        [
            "Intro text.",
            "## Foreword",
            "Hello.",
            "## News {#latest}",
            "Intro.",
            "### First story",
            "One.",
            "### Second {#second-story}",
            "Two.",
        ]
    )
    problems = Problems()
    raw = split_body(body, 10, "issue.md", problems)
    assert problems.items == []
    assert raw.preamble == "Intro text."
    foreword, news = raw.sections
    assert (foreword.kind, foreword.anchor, foreword.line) == ("foreword", "foreword", 11)
    assert (news.kind, news.anchor, news.title) == ("news", "latest", "News")
    assert [(i.title, i.anchor, i.line) for i in news.items] == [
        ("First story", "first-story", 15),
        ("Second", "second-story", 17),
    ]


def test_headings_inside_fenced_code_are_text() -> None:
    body = "## News\n\n```\n## Not a section\n```\n\n~~~\n### nor an item\n~~~\n"
    raw = split_body(body, 1, "issue.md", Problems())
    assert [s.title for s in raw.sections] == ["News"]
    assert raw.sections[0].items == ()


def test_reference_definitions_are_shared_with_every_section() -> None:
    raw = split_body(
        "## News\n\nSee [the site][s].\n\n[s]: https://example.org\n", 1, "f", Problems()
    )
    assert raw.references == "[s]: https://example.org"
