"""Validate: the settings in site.yaml that change how the site looks, not what it says.

Apart from `content.schema` so that the look (typeface, sign-up link, the
email's logo, "Exit this page") can grow without crowding the site's facts.
"""

from __future__ import annotations

from typing import Literal

from bulletin.content.fields import fail

#: The theme's own self-hosted typeface, or the reader's device fonts (no font download).
Typeface = Literal["Atkinson Hyperlegible Next", "system"]

#: Pictures every email program shows (SVG is not among them).
EMAIL_PICTURES = (".png", ".jpg", ".jpeg", ".gif")

#: Where "Exit this page" leads when the site says only `exit_this_page: true`:
#: a busy, neutral page that looks ordinary on a shared screen.
NEUTRAL_PAGE = "https://www.bbc.co.uk/weather"


def exit_page(value: object) -> object:
    """`true` means the neutral page; `false` or nothing means no button; else an address."""
    if value is True:
        return NEUTRAL_PAGE
    if value is False or value is None:
        return None
    if not isinstance(value, str):
        raise fail(
            "is true (a button to leave for a neutral site) or the address of a neutral "
            f"site to leave for (exit_this_page: {NEUTRAL_PAGE})"
        )
    return value
