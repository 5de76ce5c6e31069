"""bulletin's typography pass writes exactly what Python-Markdown's smarty extension writes."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension

from bulletin.content.typography import Typography

EXTENSIONS = ["tables", "sane_lists", "abbr", "def_list"]


class _OnlyTypography(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(Typography(md), "bulletin-typography", 6)


def ours(text: str) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, _OnlyTypography()])


def smarty(text: str) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, "smarty"])


PIECES = st.sampled_from(
    [
        "word", "it's", "the '80s", "'tis", " ", " ", "\n", "\n\n", "'", '"', "''", '""', "-",
        "--", "---", "----", ".", "..", "...", "....", ",", "!", "?", "(", ")", "[", "]", "*",
        "**", "_", "`", "`code's`", "[a link](https://e.org/x'y)", "![pic](p.png)", "&amp;",
        "&nbsp;", "&mdash;", "<b>", "</b>", "<br>", "1990", "> ", "- ", "1. ", "    ", "\u2013",
        "# ", "| a | b |\n| - | - |\n| 'x' | \"y\" |", "*term*\n: its 'meaning'",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_random_prose_comes_out_as_smarty_would_write_it(text: str) -> None:
    assert ours(text) == smarty(text)


def test_quotes_dashes_and_ellipses_are_educated() -> None:
    html = ours("She said \"it's done\" -- at last... in the '80s --- or so.")
    assert html == smarty("She said \"it's done\" -- at last... in the '80s --- or so.")
    assert "&ldquo;it&rsquo;s done&rdquo; &ndash; at last&hellip;" in html
    assert "&rsquo;80s &mdash; or so" in html


def test_code_is_left_alone() -> None:
    assert ours("`it's -- ...`") == "<p><code>it's -- ...</code></p>"
