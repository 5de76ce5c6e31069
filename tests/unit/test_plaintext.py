"""The email's text part: bulletin's quick HTML tokenizer reads HTML as HTMLParser does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.commands.build import build_in_memory
from bulletin.content.markdown import MarkdownRenderer
from bulletin.options import BuildOptions
from bulletin.render.plaintext import WIDTH, _Converter, _wrapped, html_to_text
from tests.conftest import REPO


def by_htmlparser(html: str) -> str:
    """The reference: the same converter, fed by the standard library's parser."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return "\n\n".join(_wrapped(block, WIDTH) for block in converter.blocks) + "\n"


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
    ],
)
def test_awkward_html_reads_the_same(html: str) -> None:
    assert html_to_text(html) == by_htmlparser(html)


def test_the_text_of_an_email_is_wrapped_and_marked(tmp_path: Path) -> None:
    text = html_to_text("<h2>News</h2><ul><li>" + "word " * 30 + "</li></ul>")
    assert text.startswith("News\n====\n\n- word")
    assert all(len(line) <= WIDTH for line in text.splitlines())
