"""bulletin serve in a real browser: edits show, broken saves show errors, fixes recover."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.browser.conftest import WATCH_LIVERELOAD, Served, wait_until


def open_connected(browser: Any, url: str) -> Any:
    page = browser.new_page()
    page.add_init_script(WATCH_LIVERELOAD)
    page.goto(url)
    wait_until(page, "window.__connected === true")
    return page


def wait_for_text(page: Any, text: str) -> None:
    wait_until(page, "text => document.body && document.body.innerText.includes(text)", text)
    wait_until(page, "window.__connected === true")


def test_edit_break_and_fix_an_issue_while_serving(
    browser: Any, served_example: tuple[Served, Path]
) -> None:
    served, site = served_example
    assert f"Serving Northbrook Safeguarding Bulletin at {served.url} " in served.output()
    issue = site / "content" / "issues" / "2026-summer.md"
    original = issue.read_text()
    page = open_connected(browser, served.url + "issues/2026-summer/")
    assert page.title() == "Summer 2026 \u2013 Northbrook Safeguarding Bulletin"

    issue.write_text(original.replace("Welcome to the summer issue", "Hello from the summer issue"))
    wait_for_text(page, "Hello from the summer issue")

    issue.write_text(original.replace("date: 2026-07-22", "date: 22nd July"))
    wait_for_text(page, "The preview could not be rebuilt")
    message = 'content/issues/2026-summer.md:3: date: "22nd July" is not a date (write 2026-07-22)'
    assert message in page.inner_text("main")
    assert message in served.output()
    # The failed page is answered 500, in words only: no web server's log line.
    assert "GET /" not in served.output() and "wsgi:" not in served.output()

    issue.write_text(original)
    wait_for_text(page, "Welcome to the summer issue")
    assert page.inner_text("h1") == "Summer 2026"


def test_a_save_after_a_pause_shows_the_saved_page(
    browser: Any, served_example: tuple[Served, Path]
) -> None:
    """livereload reloads pages itself when its last reload is 3 s old; that reload came
    before serve's build ended, and the page, reloading, missed the one after the build."""
    served, site = served_example
    issue = site / "content" / "issues" / "2026-summer.md"
    original = issue.read_text()
    page = open_connected(browser, served.url + "issues/2026-summer/")
    time.sleep(3.5)  # an editor reading before saving: past livereload's own 3 s
    issue.write_text(original.replace("Welcome to the summer issue", "Saved after a pause"))
    try:
        wait_for_text(page, "Saved after a pause")
    finally:
        issue.write_text(original)
    wait_for_text(page, "Welcome to the summer issue")


def test_drafts_are_served_and_nothing_is_written(
    browser: Any, served_example: tuple[Served, Path]
) -> None:
    served, site = served_example
    page = browser.new_page()
    page.goto(served.url + "issues/winter-2026/")
    assert page.inner_text("h1") == "Winter 2026"
    assert not (site / "_site").exists()


def test_ctrl_c_stops_cleanly(served_example: tuple[Served, Path]) -> None:
    served, _ = served_example
    assert served.stop() == 0
    assert served.output().rstrip().endswith("Stopped.")
