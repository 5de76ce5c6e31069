"""Content: what can be told of a link from its words and address alone, without the site.

Run on every link before it is followed, and on their own for an issue whose
front matter has mistakes (which is not built, so its links cannot be followed).
"""

from __future__ import annotations

import re

from bulletin.content.link_policy import LINK_SCHEMES, scheme_of
from bulletin.content.markdown import Link
from bulletin.errors import Problems, Severity

#: Link words that say nothing about where the link goes (WCAG 2.4.4).
VAGUE_WORDS = {"click here", "here", "click", "read more", "more", "link", "this link", "this"}
_PLACEHOLDER = re.compile(r"^\s*(#|todo|tbc|tbd|xxx|\.\.\.)?\s*$", re.IGNORECASE)


def check_link_alone(where: str, link: Link, problems: Problems) -> bool:
    """Record what is wrong with a link's words or address; True if it is worth following."""
    if link.is_image and not _is_placeholder(link.target):
        return False  # images were checked when the issue was assembled
    refusal = _refusal(link)
    if refusal:
        problems.add(where, link.line, refusal)
        return False
    if link.text.lower().strip(" .!") in VAGUE_WORDS:
        problems.add(
            where,
            link.line,
            f"the link text '{link.text}' does not say where it goes; use words that do, "
            "such as 'the training programme'",
            severity=Severity.WARNING,
        )
    if link.target.startswith("/"):
        problems.add(
            where,
            link.line,
            f"the link to {link.target} starts with /, which breaks when the site lives under "
            "a sub-path; link to the issue's file instead, such as 2022-spring.md",
        )
        return False
    return True


def _is_placeholder(target: str) -> bool:
    """An address an editor left to fill in later ('#', 'TODO', 'tbc', '...')."""
    return bool(_PLACEHOLDER.match(target)) or "todo" in target.lower()


def _refusal(link: Link) -> str | None:
    """Why a link cannot be published as written, in the editor's terms, or None."""
    if _is_placeholder(link.target):
        return (
            f"the link '{link.text}' has a placeholder address ({link.target or 'empty'}); "
            "write the real address"
        )
    scheme = scheme_of(link.target)
    if scheme and scheme not in LINK_SCHEMES:
        return (
            f"the link '{link.text}' goes to a {scheme}: address, which is never published; "
            "link to a web page (https://...), an email address (mailto:...) or a phone "
            "number (tel:...)"
        )
    if not link.text.strip():
        return (
            f"the link to {link.target} has no words, so screen readers announce only its "
            f"address; write what it leads to between the brackets: [the plan]({link.target})"
        )
    return None
