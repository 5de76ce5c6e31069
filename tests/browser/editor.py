"""Driving Decap CMS at /admin/ in Chromium, saving through decap-server on 127.0.0.1.

decap-server comes from npm, pinned in tests/browser/cms-backend (scripts/test runs
`npm ci` there). Each editor started here has its own decap-server, writing into a
copy of a site exactly as it would into an editor's checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import free_port, serve_built, wait_until
from tests.conftest import TODAY

BACKEND = Path(__file__).parent / "cms-backend" / "node_modules" / ".bin" / "decap-server"


@dataclass
class Editor:
    """The editor's page, the site it saves into, and what the page asked for."""

    page: Any
    admin: str
    site: Path
    requests: list[str]
    console: list[str]

    def issue(self, slug: str) -> Path:
        return self.site / "content" / "issues" / f"{slug}.md"


def start_backend(site: Path, port: int, log: Path, mode: str = "fs") -> subprocess.Popen[bytes]:
    """decap-server on 127.0.0.1 only, writing into the site's folder (fs), or committing
    to its git repository (git: drafts on branches, as pull requests on GitHub are)."""
    if not BACKEND.exists():
        message = f"no decap-server at {BACKEND} (run: npm ci --prefix {BACKEND.parents[2]})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    env = os.environ | {
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": mode,
        "GIT_REPO_DIRECTORY": str(site),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(
        [str(BACKEND)], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    info = json.dumps({"action": "info"}).encode()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1", info, {"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(f"decap-server did not answer:\n{log.read_text()}")


def editing(browser: Any, site: Path, tmp_path: Path, mode: str = "fs") -> Iterator[Editor]:
    """The site built with its editor saving through decap-server, and a signed-in page."""
    port = free_port()
    backend = start_backend(site, port, tmp_path / "decap-server.log", mode)
    served = serve_built(site, tmp_path / "_site", local_cms=f"http://127.0.0.1:{port}/api/v1")
    try:
        base = next(served)
        # An editor far from the site's time zone: times are saved as typed, in the site's.
        context = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": 1400, "height": 1000}, timezone_id="America/New_York"
        )
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: dialog.accept())  # "leave without saving?"
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.on("pageerror", lambda error: console.append(f"PAGEERROR {error}"))
        page.goto(base + "admin/")
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Issues").first.wait_for()
        yield Editor(page, base + "admin/", site, requests, console)
        context.close()
    finally:
        next(served, None)
        backend.terminate()
        backend.wait(timeout=10)


def git(site: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(site), *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def eventually(holds: Callable[[], bool], what: str) -> None:
    """Wait until decap-server has done something it does after answering the page."""
    deadline = time.monotonic() + 15
    while not holds():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not so after 15 s: {what}")
        time.sleep(0.1)


def branch_labelled(site: Path, branch: str, label: str) -> None:
    """Wait until decap-server has labelled a branch (as GitHub's pull request would be)."""
    description = f"branch.{branch}.description"
    eventually(lambda: git(site, "config", description).strip() == label, f"{branch}: {label}")


def field(page: Any, name: str, last: bool = True) -> Any:
    """The input of a field by its name: the last (a new list item's) or the first."""
    inputs = page.locator(f'[id^="{name}-field-"]')
    return inputs.last if last else inputs.first


def write_body(page: Any, text: str) -> None:
    """Replace the text in the Markdown editor, as select-all and typing would."""
    editor = page.locator(".cms-editor-raw [contenteditable=true]").last  # the body is last
    editor.fill(text)
    wait_until(
        page,
        "t => [...document.querySelectorAll('.cms-editor-raw [contenteditable=true]')]"
        ".pop().innerText.trim().startsWith(t)",
        text.split("\n")[0],
    )


def publish(page: Any) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def refused(page: Any, words: str) -> None:
    """Wait for the editor's notice that it did not save, saying these words."""
    page.locator("[class*=toast]", has_text=words).first.wait_for(timeout=10_000)


def wait_for_file(path: Path, unlike: str | None = None) -> str:
    """The file's text once decap-server has written it (and it has stopped changing)."""
    deadline = time.monotonic() + 15
    seen = None
    while time.monotonic() < deadline:
        text = path.read_text() if path.exists() else None
        if text is not None and text != unlike and text == seen:
            return text
        seen = text
        time.sleep(0.2)
    raise AssertionError(f"{path} was not saved")


def check(site: Path) -> list[dict[str, Any]]:
    """`bulletin check`'s problems, as its JSON output lists them."""
    result = subprocess.run(
        [sys.executable, "-m", "bulletin", "check", "--site", str(site), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    problems: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return problems


def open_at(page: Any, address: str) -> None:
    """Open the editor afresh at an address, leaving any unsaved form behind (signed in still)."""
    page.goto("about:blank")
    page.goto(address)


def new_issue(page: Any, admin: str, title: str) -> None:
    open_at(page, admin + "#/collections/issues/new")
    field(page, "title", last=False).fill(title)
    field(page, "date", last=False).fill(TODAY.isoformat())


def _title_before_last_start(page: Any) -> str:
    """The id of the new event's title: the last title field before the last start field
    (fields further down the form, news items' among them, have titles too)."""
    return str(
        page.evaluate(
            """() => {
                const start = [...document.querySelectorAll('[id^="start-field-"]')].pop();
                return [...document.querySelectorAll('[id^="title-field-"]')]
                    .filter(t => t.compareDocumentPosition(start) & Node.DOCUMENT_POSITION_FOLLOWING)
                    .pop().id;
            }"""
        )
    )


def add_event(page: Any, title: str, start: str, end: str) -> None:
    page.get_by_role("button", name="Add Events and training").click()
    page.locator(f'[id="{_title_before_last_start(page)}"]').fill(title)
    field(page, "start").fill(start)
    field(page, "end").fill(end)
    field(page, "online").click()
