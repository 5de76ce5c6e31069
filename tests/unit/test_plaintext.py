"""The email's text part: bulletin's quick HTML tokenizer reads HTML as HTMLParser does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.commands.build import build_in_memory
from bulletin.content.markdown import MarkdownRenderer
from bulletin.options import BuildOptions
from bulletin.render.plaintext import WIDTH, _Converter, html_to_text, joined
from tests.conftest import REPO


def by_htmlparser(html: str) -> str:
    """The reference: the same converter, fed by the standard library's parser."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return joined(converter.blocks, WIDTH)


@pytest.fixture(scope="module")
def emails() -> list[str]:
    result = build_in_memory(BuildOptions(REPO, drafts=True, future=True))
    return [f.read().decode() for f in result.files if f.path.endswith("/email.html")]


def test_every_email_of_the_example_site_reads_the_same(emails: list[str]) -> None:
    assert emails
    for html in emails:
        assert html_to_text(html) == by_htmlparser(html)


PIECES = st.sampled_from(
    [
        "word", " ", "\n", "\n\n", "- ", "1. ", "> ", "> -- A. Speaker\n", "## Heading\n",
        "### Item\n", "[a link](https://e.org/?a=1&b=2)", "<mailto:x@example.org>",
        "![a picture](p.png)", "&amp;", "&lt;", "&copy;", "a < b", "*em*", "**strong**",
        "`code`", "| a | b |\n| - | - |\n| c | d |\n", "Term\n: meaning\n", "<br>", "---\n",
    ]
)  # fmt: skip
RENDERER = MarkdownRenderer()


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_random_prose_reads_the_same(text: str) -> None:
    html = RENDERER.render(text, 1).html
    assert html_to_text(html) == by_htmlparser(html)


@pytest.mark.parametrize(
    "html",
    [
        '<p data-text="skip">hidden</p><p>shown</p>',
        "<!DOCTYPE html><html><head><style>a > b { x: '<' }</style><title>T</title></head>"
        "<body><!--[if mso]><p>outlook</p><![endif]--><p>body</p></body></html>",
        "<p>one<br/>two<br>three</p><img alt='a &amp; b' src=x><IMG ALT=\"c\">",
        "<ul><li>a<ol><li>b</li></ol></li></ul><blockquote><p>q</p></blockquote>",
        "<p><a href=\"mailto:a@b.org\">a@b.org</a> <a href='#x'>x</a> <a>none</a></p>",
        "<p>unterminated <b>bold",
        "<dl><dt>When</dt><dd>Now</dd><dt>Where</dt><dd><a href='tel:+4420'>020</a></dd></dl>",
        "<p><span>Alex</span><span data-text='line'>Chair</span><br>after</p><dd>alone</dd>",
    ],
)
def test_awkward_html_reads_the_same(html: str) -> None:
    assert html_to_text(html) == by_htmlparser(html)


def test_the_text_of_an_email_is_wrapped_and_marked(tmp_path: Path) -> None:
    text = html_to_text("<h2>News</h2><ul><li>" + "word " * 30 + "</li></ul>")
    assert text.startswith("News\n====\n\n- word")
    assert all(len(line) <= WIDTH for line in text.splitlines())


def test_a_term_and_its_description_share_a_line() -> None:
    html = (
        "<h3>Meet the Chair</h3><dl><dt>When</dt><dd>Monday 7 September 2026, time to be "
        "confirmed</dd><dt>Where</dt><dd>To be confirmed</dd><dt>Organised by</dt><dd>"
        + "the partnership " * 6
        + "</dd></dl><p>After.</p>"
    )
    assert html_to_text(html) == (
        "Meet the Chair\n--------------\n\n"
        "When: Monday 7 September 2026, time to be confirmed\n"
        "Where: To be confirmed\n"
        "Organised by: the partnership the partnership the partnership the\n"
        "  partnership the partnership the partnership\n\n"
        "After.\n"
    )


def test_line_breaks_keep_their_lines() -> None:
    signature = (
        '<p class="signature"><span>Alex Example</span>'
        '<span data-text="line">Independent Chair and Scrutineer</span></p>'
    )
    assert html_to_text(signature) == "Alex Example\nIndependent Chair and Scrutineer\n"
    assert html_to_text("<p>020 7946 0388<br>cp@example.org<br></p>") == (
        "020 7946 0388\ncp@example.org\n"
    )


def test_a_links_address_is_written_only_when_its_words_do_not_say_it() -> None:
    html = (
        '<p><a href="tel:+442079460388">020 7946 0388</a> (office hours), '
        '<a href="mailto:cp@example.org">cp@example.org</a>, '
        '<a href="mailto:cp@example.org">the team</a>, '
        '<a href="https://www.example.org/fostering">www.example.org/fostering</a>, '
        '<a href="https://e.org/book">Book</a>, '
        '<a href="https://e.org/issues/x/#report">the report</a>.</p>'
    )
    assert " ".join(html_to_text(html, here="https://e.org/issues/x/").split()) == (
        "020 7946 0388 (office hours), cp@example.org, the team (cp@example.org), "
        "www.example.org/fostering, Book (https://e.org/book), the report."
    )
