"""Assemble: the ids the theme gives parts of an issue page, which content's ids must avoid.

Sections, stories and events get ids from their titles, so that links and the
contents list can lead to them; the theme has ids of its own on the same
page (the skip link's target, the title, the contents list, each contact).
Two elements with one id break the skip link and the contents list without
a word, so content's ids step aside: a story titled "Main content" gets
`main-content-2`, as a second story of the same title would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

#: The theme's fixed ids on pages that show an issue (templates/base.html, issue.html,
#: partials/contributions.html) and on the pages beside them.
THEME_IDS = frozenset(
    {
        "main-content",
        "issue-title",
        "get-involved",
        "search",
        "latest-title",
        "recent-title",
        "upcoming-title",
        "past-title",
        "topic-issues",
        "topic-items",
    }
)


#: Ids the theme makes from data on the pages beside an issue's (events.html's heading of
#: each year, "past-2025"), which an event's summary may share a page with.
THEME_ID_PATTERN = re.compile(r"past-[0-9]+")


def theme_ids(
    display: str, slug: str | None, sections: Iterable[str], contacts: Iterable[str]
) -> set[str]:
    """Every id the theme gives an issue's page, from its sections' ids and its contacts."""
    ids = set(THEME_IDS)
    ids.add(f"contents-{slug or PurePath(display).stem}")
    ids.update(f"contact-{key}" for key in contacts)
    for anchor in sections:
        ids.update((f"{anchor}-title", f"{anchor}-courses"))
    return ids


def free_id(wanted: str, used: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... if something on the page has it; now used."""
    anchor, count = wanted, 1
    while anchor in used or THEME_ID_PATTERN.fullmatch(anchor):
        count += 1
        anchor = f"{wanted}-{count}"
    used.add(anchor)
    return anchor
