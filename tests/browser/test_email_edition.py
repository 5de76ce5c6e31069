"""The email edition on a phone, in a real browser: as wide as the screen, never wider."""

from __future__ import annotations

from typing import Any

import pytest

SLUGS = ("2026-summer", "2026-autumn", "2026-spring")


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("slug", SLUGS)
def test_the_email_needs_no_sideways_scrolling_on_a_phone(
    browser: Any, static_example: str, slug: str, width: int
) -> None:
    """Long addresses and links (partnership.training@northbrook.example) break, as email
    clients on phones show the HTML at the screen's width."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{static_example}issues/{slug}/email.html")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    widths = page.evaluate("[...document.images].map(i => i.getBoundingClientRect().width)")
    assert all(w <= width for w in widths)
