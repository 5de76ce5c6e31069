"""Markdown's inline pass, skipping the texts that no inline pattern can change.

Python-Markdown tries each of its inline patterns (links, emphasis, code,
inline HTML, ...) on every text in the document, one regular expression
search and a few Python calls each, even on a sentence of plain words. In a
newsletter most texts are plain words, and that pass was over a third of all
Markdown time. Every stock pattern needs one of a few characters to match
(a bracket for links and images, `*` or `_` for emphasis, `<` for HTML and
autolinks, and so on), so a text holding none of them is returned as it is,
which is what the patterns would have done one by one.

It overrides a private, name-mangled method of Python-Markdown, so it is
fenced twice. It is put in place only for the Python-Markdown versions it was
proven on (`PROVEN`: a property test compares its output with the stock
pass's on random Markdown; earlier versions, 3.8 to 3.10, were checked and
simply get the stock pass), and any other version gets the stock pass, which
is slower but the same. And it applies only while every registered pattern
is one whose characters are known here: when an extension adds another
pattern, even while converting, texts get the stock pass, unchanged. Tests
check that the quick pass is in use with the Python-Markdown that bulletin
installs, and that another version gets the stock pass.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown import inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

#: What each stock pattern needs in a text before it can match, by its regular expression.
_NEEDS = {
    inlinepatterns.BACKTICK_RE: r"[`\\]",
    inlinepatterns.ESCAPE_RE: r"\\",
    inlinepatterns.REFERENCE_RE: r"\[",
    inlinepatterns.LINK_RE: r"\[",
    inlinepatterns.IMAGE_LINK_RE: r"\[",
    inlinepatterns.IMAGE_REFERENCE_RE: r"\[",
    inlinepatterns.AUTOLINK_RE: "<",
    inlinepatterns.AUTOMAIL_RE: "<",
    inlinepatterns.HTML_RE: "<",
    inlinepatterns.ENTITY_RE: "&",
    inlinepatterns.LINE_BREAK_RE: "  \n",
}
#: The Python-Markdown versions (major, minor) this pass was proven to write the same on.
PROVEN = ((3, 11),)
#: Python-Markdown's own name for the inline pass, which this one replaces.
_STOCK_PASS = "_InlineProcessor__handleInline"
#: Where Python-Markdown registers its inline pass among the tree processors.
_STOCK_PRIORITY = 20


class QuickInline(InlineProcessor):
    """The stock inline pass, but a text that no pattern could match is left as it is."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._patterns: tuple[inlinepatterns.Pattern, ...] = ()
        self._needed: re.Pattern[str] | None = None

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Look again at the patterns first: an extension may add some as it converts."""
        patterns = tuple(self.md.inlinePatterns)  # held, so compared by identity safely
        if patterns != self._patterns:
            self._patterns, self._needed = patterns, _characters_needed(self.md)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Python-Markdown calls this (under its private name) for every text, recursively."""
        if isinstance(data, util.AtomicString):
            return data
        if self._needed is not None and not self._needed.search(data):
            return data
        stock = getattr(InlineProcessor, _STOCK_PASS)
        return stock(self, data, patternIndex)  # type: ignore[no-any-return]


def use_quick_inline(md: markdown.Markdown) -> bool:
    """Put the quick pass in place of the stock one; False if the stock one is not there.

    Call it once every extension is loaded.
    """
    if tuple(markdown.__version_info__[:2]) not in PROVEN:
        return False
    if type(md.treeprocessors["inline"]) is not InlineProcessor:
        return False
    if not hasattr(InlineProcessor, _STOCK_PASS):
        return False
    md.treeprocessors.register(QuickInline(md), "inline", _STOCK_PRIORITY)
    return True


def _characters_needed(md: markdown.Markdown) -> re.Pattern[str] | None:
    """One expression that finds anything any registered pattern needs; None if one is unknown."""
    needs: set[str] = set()
    for pattern in md.inlinePatterns:
        need = _need_of(pattern)
        if need is None:
            return None
        needs.add(need)
    return re.compile("|".join(sorted(needs)))


def _need_of(pattern: inlinepatterns.Pattern) -> str | None:
    """What one pattern needs before it can match, or None if this module does not know it."""
    if type(pattern).__module__ != inlinepatterns.__name__:
        return None
    if type(pattern).__name__ == "DelimiterProcessor":
        # Emphasis since Python-Markdown 3.11: its expression is just its delimiters.
        return pattern.pattern or None
    return _NEEDS.get(pattern.pattern)
