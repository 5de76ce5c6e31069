"""Assemble: an issue's call for contributions, its own fields first, then site.yaml's.

The order is written once, here: each of heading, text and contact is the
issue's if it gives one, else the site's; the deadline is the issue's alone
(a deadline in site.yaml would be wrong by the next issue). An issue with
nothing to ask, and a site with nothing either, has no call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bulletin.content.assembled_parts import Call
from bulletin.content.frontmatter import Document
from bulletin.content.markdown import Fragment
from bulletin.content.schema_calls import Contributions, SiteContributions
from bulletin.errors import Problems, Severity

#: The call's heading when neither the issue nor the site gives one.
HEADING = "Get involved"


def call_for_contributions(
    own: Contributions | None,
    site: SiteContributions | None,
    render: Callable[[str, int], Fragment],
    typeset: Callable[[str], str],
    document: Document,
) -> Call | None:
    """The call this issue ends with, or None if neither it nor the site makes one."""
    mine = own or Contributions()
    theirs = site or SiteContributions()
    text, own_text = (mine.text, True) if mine.text else (theirs.text, False)
    contact = mine.contact or theirs.contact
    if not text and contact is None and mine.deadline is None:
        return None
    line = document.line_of(("contributions", "text")) if own_text else 0
    return Call(
        heading=typeset(mine.heading or theirs.heading or HEADING),
        text=render(text, line) if text else Fragment(""),
        contact=contact,
        deadline=mine.deadline,
        own_text=own_text,
    )


def check_deadline(
    own: Contributions | None,
    issue_date: dt.date,
    document: Document,
    display: str,
    problems: Problems,
) -> None:
    """A deadline before the issue is published has passed before anyone reads it."""
    if own is None or own.deadline is None or own.deadline >= issue_date:
        return
    problems.add(
        display,
        document.line_of(("contributions", "deadline")),
        f"the deadline for contributions ({own.deadline.isoformat()}) is before this "
        f"issue's date ({issue_date.isoformat()}); check the date",
        "contributions.deadline",
        Severity.WARNING,
    )
