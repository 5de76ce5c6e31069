"""Render Markdown: phone numbers and email addresses written in the text become links.

"Call us on 020 7946 0668" or "write to team@example.org" is a link in a
word processor, and so it is here: a reader on a phone taps the number to
call it. Numbers are found by libphonenumber in the site's region (the
numbering plan `phone_region` names), so "465 referrals" or "2026 to 2027"
stay text, and each link dials the number in international form. Text that
is already a link, or code, is left alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import phonenumbers
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from bulletin.content.phones import DEFAULT_REGION

#: Seven digits, with spaces, dots, dashes or brackets between them: the least a
#: number to dial has (short numbers such as 999 are not linked).
_MAY_HOLD_A_NUMBER = re.compile(r"\d(?:[\s().\-]{0,2}\d){6}")
_EMAIL = re.compile(r"(?<![\w.+\-@])[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
#: Elements whose text is never made into links.
_LEAVE_ALONE = {"a", "code", "pre", "kbd", "samp"}


class TextLinks(Treeprocessor):
    """Links the phone numbers and email addresses in texts that are not links already.

    Runs after inline processing (which makes the links an editor wrote), and
    before the pass that records every link.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.region = DEFAULT_REGION
        #: Whether the Markdown being converted could hold anything to link (most does not).
        self.wanted = True

    def run(self, root: etree.Element) -> None:
        if self.wanted:
            self._link_within(root)

    def _link_within(self, element: etree.Element) -> None:
        if element.tag in _LEAVE_ALONE:
            return
        if element.text and not isinstance(element.text, AtomicString):
            element.text, links = self._pieces(element.text)
            for position, link in enumerate(links):
                element.insert(position, link)
        for child in list(element):
            self._link_within(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, links = self._pieces(child.tail)
                index = list(element).index(child)
                for offset, link in enumerate(links, start=1):
                    element.insert(index + offset, link)

    def _pieces(self, text: str) -> tuple[str, list[etree.Element]]:
        """The text before the first link, then each link with the text after it as its tail."""
        matches = _apart(sorted(_emails(text) + self._numbers(text)))
        if not matches:
            return text, []
        links: list[etree.Element] = []
        for number, (start, end, href) in enumerate(matches):
            following = matches[number + 1][0] if number + 1 < len(matches) else len(text)
            link = etree.Element("a", {"href": href})
            link.text = AtomicString(text[start:end])
            link.tail = text[end:following]
            links.append(link)
        return text[: matches[0][0]], links

    def _numbers(self, text: str) -> list[tuple[int, int, str]]:
        if not _MAY_HOLD_A_NUMBER.search(text):
            return []
        found = phonenumbers.PhoneNumberMatcher(text, self.region, phonenumbers.Leniency.VALID)
        e164 = phonenumbers.PhoneNumberFormat.E164
        return [
            (match.start, match.end, "tel:" + phonenumbers.format_number(match.number, e164))
            for match in found
        ]


def _apart(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Matches that do not overlap an earlier one (digits inside an address are not a number)."""
    kept: list[tuple[int, int, str]] = []
    for match in matches:
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept


def _emails(text: str) -> list[tuple[int, int, str]]:
    if "@" not in text:
        return []
    return [(m.start(), m.end(), "mailto:" + m.group(0)) for m in _EMAIL.finditer(text)]


def may_hold_links(text: str) -> bool:
    """Whether a text could hold a phone number or an email address at all: a quick look
    that spares most fragments the walk through every element."""
    return "@" in text or _MAY_HOLD_A_NUMBER.search(text) is not None
