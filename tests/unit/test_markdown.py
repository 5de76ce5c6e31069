"""Markdown to safe HTML: quotes, content links, sanitising."""

from __future__ import annotations

import pickle

import pytest
from lxml import html as lxml_html

from bulletin.content.markdown import ROOT, Link, MarkdownRenderer


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


def test_a_quote_with_an_attribution_becomes_a_figure(renderer: MarkdownRenderer) -> None:
    fragment = renderer.render("> It opened my eyes.\n> -- a parent\n", 1)
    tree = lxml_html.fragment_fromstring(fragment.html, create_parent="div")
    assert tree.xpath("string(//figure/blockquote)").strip() == "It opened my eyes."
    assert tree.xpath("string(//figure/figcaption)") == "a parent"
    assert [(q.text, q.attribution) for q in fragment.quotes] == [
        ("It opened my eyes.", "a parent")
    ]


def test_a_plain_blockquote_stays_a_blockquote(renderer: MarkdownRenderer) -> None:
    fragment = renderer.render("> Just a quote.\n", 1)
    assert "<figure" not in fragment.html and "<blockquote>" in fragment.html


def test_links_to_issues_and_images_point_at_the_site_root(renderer: MarkdownRenderer) -> None:
    text = "[Spring](2022-spring.md#focus) and ![A chart](images/chart.png)\n[out](https://e.org)"
    fragment = renderer.render(text, 5)
    assert f'href="{ROOT}issues/2022-spring/#focus"' in fragment.html
    assert f'src="{ROOT}images/chart.png"' in fragment.html
    assert 'href="https://e.org"' in fragment.html
    assert [(link.target, link.line, link.is_image) for link in fragment.links] == [
        ("2022-spring.md#focus", 5, False),
        ("images/chart.png", 5, True),
        ("https://e.org", 6, False),
    ]


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="images/a.png" alt="a" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="data:text/html,<script>x</script>">x</a>', "data:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p style="background:url(https://tracker.example/x)">x</p>', "tracker.example"),
    ],
)
def test_raw_html_is_sanitised(renderer: MarkdownRenderer, markdown: str, forbidden: str) -> None:
    assert forbidden not in renderer.render(markdown, 1).html


def test_tables_and_typography(renderer: MarkdownRenderer) -> None:
    html = renderer.render('| A | B |\n| --- | --- |\n| 1 | 2 |\n\n"Quoted" -- text', 1).html
    assert "<table>" in html and "\u201cQuoted\u201d \u2013 text" in html


def test_inline_has_no_paragraph(renderer: MarkdownRenderer) -> None:
    assert renderer.inline("Lunch *is* provided.") == "Lunch <em>is</em> provided."


def test_links_read_back_share_their_addresses_and_words() -> None:
    renderer = MarkdownRenderer()
    text = "See [the plan](https://example.org/plan-" + "2026" + ")."
    first, second = (pickle.loads(pickle.dumps(renderer.render(text, 1))) for _ in range(2))
    (a,), (b,) = first.links, second.links
    assert a == b == Link("https://example.org/plan-2026", "the plan", 1)
    assert a.target is b.target and a.text is b.text  # one copy for every issue
