"""Render: where a link leads, written out for readers of paper and of plain text.

A reader who cannot click needs a link's address, unless its words already
say it: `<a href="mailto:team@example.org">team@example.org</a>` is written
once, not as "team@example.org (mailto:team@example.org)", and a phone
number whose words are the number is not followed by its tel: address. The
print edition and the email's text part follow the same rule, from here.
"""

from __future__ import annotations

import html as entities
import re

_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.DOTALL | re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_NOT_DIGIT = re.compile(r"\D")


def shown_target(href: str) -> str:
    """An address as a reader would type it: the email address alone, the number to dial."""
    if href.startswith("mailto:"):
        return href.removeprefix("mailto:").split("?", 1)[0]
    if href.startswith("tel:"):
        return href.removeprefix("tel:")
    return href


def says_target(text: str, href: str) -> bool:
    """Whether a link's words already say where it leads (so it need not be written out)."""
    if href.startswith("tel:"):
        written = _NOT_DIGIT.sub("", text).lstrip("0")
        return len(written) >= 3 and _NOT_DIGIT.sub("", href).endswith(written)
    words = _plain(text)
    return bool(words) and _plain(shown_target(href)) in words


def _plain(address: str) -> str:
    """An address without what readers leave off: the scheme, a trailing slash, capitals."""
    bare = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", address.strip().lower())
    return bare.rstrip("/")


def target_to_print(text: str, href: str) -> str | None:
    """What paper shows after a link's words, or None: nothing for a link within the issue
    (the print edition gives its page number) or one whose words say where it leads."""
    if not href or href.startswith("#") or says_target(text, href):
        return None
    return shown_target(href)


def mark_print_targets(html: str) -> str:
    """Each link whose address is worth printing gets it as data-print-target, for the print
    stylesheet to write after the link's words."""

    def mark(match: re.Match[str]) -> str:
        attributes, inner = match.groups()
        found = _HREF.search(attributes)
        if not found or "data-print-target" in attributes:
            return match.group(0)
        href = entities.unescape(found.group(1) or found.group(2) or "")
        words = entities.unescape(_TAG.sub("", inner))
        target = target_to_print(words, href)
        if target is None:
            return match.group(0)
        value = entities.escape(target, quote=True)
        return f'<a{attributes} data-print-target="{value}">{inner}</a>'

    return _LINK.sub(mark, html)
