"""The quick inline pass writes exactly what Python-Markdown's stock pass writes."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor

from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.quick_inline import QuickInline, use_quick_inline


def stock_renderer() -> MarkdownRenderer:
    """bulletin's renderer with Python-Markdown's own inline pass put back."""
    renderer = MarkdownRenderer()
    md = renderer._md
    md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    return renderer


QUICK, STOCK = MarkdownRenderer(), stock_renderer()

PIECES = st.sampled_from(
    [
        "word", "plain words here", " ", "  \n", "\n", "\n\n", "*", "**", "_", "__", "`", "``",
        "\\", "\\*", "[", "]", "(", ")", "[a link](https://e.org/x)", "![pic](p.png \"t\")",
        "[ref][r]", "[r]", "\n\n[r]: https://e.org/r\n", "<https://e.org>", "<me@e.org>",
        "<b>", "</b>", "<br>", "&amp;", "&copy;", "&#169;", "&", "<", ">", "> ", "- ", "1. ",
        "    ", "# ", "'quoted'", "\"it's\"", "--", "...", "*term*\n: its meaning",
        "| a | b |\n| - | - |\n| *x* | [y](z) |", "\n*[HTML]: Hyper Text\n", "HTML",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_random_markdown_comes_out_as_the_stock_pass_writes_it(text: str) -> None:
    assert QUICK.render(text, 1) == STOCK.render(text, 1)


def test_bulletin_uses_the_quick_pass_with_the_python_markdown_it_installs() -> None:
    md = QUICK._md
    assert isinstance(md.treeprocessors["inline"], QuickInline)
    QUICK.render("Some *words*.", 1)
    assert md.treeprocessors["inline"]._needed is not None  # every pattern was known


def test_a_pattern_it_does_not_know_gets_the_stock_pass() -> None:
    class Highlight(InlinePattern):
        def handleMatch(self, m: object, data: str) -> tuple[etree.Element, int, int]:
            element = etree.Element("mark")
            element.text = m.group(1)  # type: ignore[attr-defined]
            return element, m.start(0), m.end(0)  # type: ignore[attr-defined]

    md = markdown.Markdown()
    assert use_quick_inline(md)
    assert md.convert("plain words") == "<p>plain words</p>"
    md.inlinePatterns.register(Highlight(r"==(.+?)=="), "highlight", 75)
    assert md.convert("some ==marked== words") == "<p>some <mark>marked</mark> words</p>"
    assert md.treeprocessors["inline"]._needed is None


def test_a_python_markdown_it_was_not_proven_on_gets_the_stock_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(markdown, "__version_info__", (3, 12, 0, "final", 0))
    md = markdown.Markdown()
    assert not use_quick_inline(md)
    assert type(md.treeprocessors["inline"]) is InlineProcessor
    assert md.convert("plain *words*") == "<p>plain <em>words</em></p>"


def test_it_is_not_put_in_place_over_another_inline_pass() -> None:
    md = markdown.Markdown()
    md.treeprocessors.register(QuickInline(md), "inline", 20)
    assert not use_quick_inline(md)
