"""'Exit this page' in a real browser: a link without JavaScript, Shift three times with it.

The neutral site is answered by the browser itself (page.route), so no request
leaves the machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import serve_built

NEUTRAL = "https://www.bbc.co.uk/weather"


@pytest.fixture(scope="module")
def exit_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site with `exit_this_page: true` in its site.yaml."""
    from tests.conftest import REPO

    site = tmp_path_factory.mktemp("exit") / "site"
    shutil.copytree(REPO / "content", site / "content")
    settings = site / "content" / "site.yaml"
    settings.write_text(settings.read_text() + "\nexit_this_page: true\n")
    yield from serve_built(site, site / "_site")


def neutral_page(page: Any) -> None:
    page.route(NEUTRAL, lambda route: route.fulfill(body="<title>Weather</title>Sunny"))


def test_without_javascript_the_button_is_a_plain_link(browser: Any, exit_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(exit_site + "issues/2026-summer/")
    button = page.locator(".exit-this-page__button")
    assert button.get_attribute("href") == NEUTRAL
    assert button.text_content().split() == ["Emergency", "Exit", "this", "page"]
    assert not page.locator(".exit-this-page__hint").is_visible()  # no shortcut without script
    context.close()


def test_shift_three_times_leaves_for_the_neutral_site(browser: Any, exit_site: str) -> None:
    page = browser.new_page()
    neutral_page(page)
    page.goto(exit_site + "events/")
    assert page.locator(".exit-this-page__hint").is_visible()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert "1 more time" in page.inner_text("[data-exit-this-page] [role=status]")
    with page.expect_navigation():
        page.keyboard.press("Shift")
    assert page.url == NEUTRAL
    page.close()


def test_another_key_between_presses_starts_the_count_again(browser: Any, exit_site: str) -> None:
    page = browser.new_page()
    neutral_page(page)
    page.goto(exit_site + "events/")
    for key in ("Shift", "Shift", "a", "Shift"):
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == exit_site + "events/"
    page.close()


def test_the_button_replaces_the_page_in_the_history(browser: Any, exit_site: str) -> None:
    page = browser.new_page()
    neutral_page(page)
    page.goto(exit_site)
    page.goto(exit_site + "issues/2026-summer/")
    with page.expect_navigation():
        page.click(".exit-this-page__button")
    assert page.url == NEUTRAL
    page.go_back()
    assert page.url == exit_site  # the issue the reader was on is not in the history
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_button_has_no_violations(browser: Any, exit_site: str, scheme: str) -> None:
    from tests.browser.test_accessibility import axe_violations

    page = browser.new_page(color_scheme=scheme)
    page.goto(exit_site + "issues/2026-summer/")
    assert axe_violations(page) == []
    page.close()
