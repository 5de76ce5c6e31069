"""Render Markdown: curly quotes, dashes and ellipses, as Python-Markdown's smarty writes them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import INLINE_PLACEHOLDER, AtomicString, Registry


class Typography(Treeprocessor):
    """Curly quotes, dashes and ellipses, by the rules of Python-Markdown's smarty extension.

    Smarty's own pass tries each of its 18 patterns through Python-Markdown's
    inline machinery on every text, which took half of all Markdown time. Here
    the same patterns (taken from smarty itself) are applied in the same order
    with the same placeholders, so the output is the same (a test compares
    them), but only to texts holding a quote, two dashes or three dots.
    """

    _TRIGGER = re.compile(r"['\"]|--|\.\.\.")

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        smarty = SmartyExtension()
        smarty.inlinePatterns = Registry()
        smarty.educateEllipses(md)
        smarty.educateQuotes(md)
        smarty.educateDashes(md)
        self.patterns: list[tuple[re.Pattern[str], tuple[int | str, ...]]] = [
            (pattern.getCompiledRegExp(), tuple(pattern.replace))  # type: ignore[attr-defined]
            for pattern in smarty.inlinePatterns
            if isinstance(pattern, InlineProcessor)
        ]

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element is root:
                continue
            if element.text and not isinstance(element.text, AtomicString):
                element.text = self.educate(element.text)
            if element.tail and not isinstance(element.tail, AtomicString):
                element.tail = self.educate(element.tail)

    def educate(self, text: str, keep: Callable[[str], str] | None = None) -> str:
        """The text with smarty's replacements; each entity made is held by `keep` (the
        HTML stash, in a document; `str` keeps it in the text, for text outside one)."""
        if not self._TRIGGER.search(text):
            return text
        keep = keep or self.md.htmlStash.store
        made: list[str] = []
        for regex, replace in self.patterns:
            match = regex.search(text)
            while match:
                # As smarty does: the entities go to the HTML stash, and what the
                # match became is held out of reach of the patterns after it.
                made.append(
                    "".join(
                        match.group(part) if isinstance(part, int) else keep(part)
                        for part in replace
                    )
                )
                held = INLINE_PLACEHOLDER % f"{len(made) - 1:04d}"
                text = text[: match.start()] + held + text[match.end() :]
                match = regex.search(text, match.start() + len(held))
        for number, replacement in enumerate(made):
            text = text.replace(INLINE_PLACEHOLDER % f"{number:04d}", replacement)
        return text
