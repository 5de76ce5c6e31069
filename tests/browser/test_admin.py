"""The web editor at /admin/, in real Chromium, saving through Decap CMS's own local backend.

decap-server (from npm, installed by scripts/test into tests/browser/cms-backend)
is started by each test on 127.0.0.1 and writes into a copy of the example site,
exactly as it would into an editor's checkout. What the form saves is then
checked and built by bulletin itself.
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
from urllib.parse import urlsplit

import pytest
import yaml

from bulletin.commands.build import build
from bulletin.errors import Problems
from bulletin.options import BuildOptions
from tests.browser.conftest import free_port, serve_built, wait_until
from tests.conftest import TODAY

BACKEND = Path(__file__).parent / "cms-backend" / "node_modules" / ".bin" / "decap-server"
BODY = """## Foreword

Welcome to a short briefing before the winter issue.

## Focus on the Safer Recruitment Team

The team checks that everyone who works with children has been vetted.

## News

### Safer recruitment

Book a place on the next briefing.

## Contacts

If a child is in immediate danger, call 999.
"""


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


def _start_backend(site: Path, port: int, log: Path, mode: str = "fs") -> subprocess.Popen[bytes]:
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


def _editing(browser: Any, site: Path, tmp_path: Path, mode: str = "fs") -> Iterator[Editor]:
    """The site built with its editor saving through decap-server, and a signed-in page."""
    port = free_port()
    backend = _start_backend(site, port, tmp_path / "decap-server.log", mode)
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
        page.goto(base + "admin/")
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Issues").first.wait_for()
        yield Editor(page, base + "admin/", site, requests, console)
        context.close()
    finally:
        next(served, None)
        backend.terminate()
        backend.wait(timeout=10)


@pytest.fixture
def editor(browser: Any, example_site: Path, tmp_path: Path) -> Iterator[Editor]:
    yield from _editing(browser, example_site, tmp_path)


def _git(site: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(site), *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _eventually(holds: Callable[[], bool], what: str) -> None:
    """Wait until decap-server has done something it does after answering the page."""
    deadline = time.monotonic() + 15
    while not holds():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not so after 15 s: {what}")
        time.sleep(0.1)


def _branch_labelled(site: Path, branch: str, label: str) -> None:
    """Wait until decap-server has labelled a branch (as GitHub's pull request would be)."""
    description = f"branch.{branch}.description"
    _eventually(lambda: _git(site, "config", description).strip() == label, f"{branch}: {label}")


@pytest.fixture
def reviewed_editor(browser: Any, example_site: Path, tmp_path: Path) -> Iterator[Editor]:
    """The example site as a git repository on main, whose editor saves for review."""
    _git(example_site, "init", "-q", "-b", "main")
    _git(example_site, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", ".")
    _git(
        example_site,
        *("-c", "user.name=Test", "-c", "user.email=test@example.org"),
        *("commit", "-q", "-m", "The example site"),
    )
    yield from _editing(browser, example_site, tmp_path, mode="git")


def _field(page: Any, name: str, last: bool = True) -> Any:
    """The input of a field by its name: the last (a new list item's) or the first."""
    inputs = page.locator(f'[id^="{name}-field-"]')
    return inputs.last if last else inputs.first


def _write_body(page: Any, text: str) -> None:
    """Replace the text in the Markdown editor, as select-all and typing would."""
    editor = page.locator(".cms-editor-raw [contenteditable=true]")
    editor.fill(text)
    wait_until(
        page,
        "t => document.querySelector('.cms-editor-raw [contenteditable=true]')"
        ".innerText.trim().startsWith(t)",
        text.split("\n")[0],
    )


def _publish(page: Any) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def _refused(page: Any, words: str) -> None:
    """Wait for the editor's notice that it did not save, saying these words."""
    page.locator("[class*=toast]", has_text=words).first.wait_for(timeout=10_000)


def _wait_for_file(path: Path, unlike: str | None = None) -> str:
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


def _check(site: Path) -> list[dict[str, Any]]:
    """`bulletin check`'s problems, as its JSON output lists them."""
    result = subprocess.run(
        [sys.executable, "-m", "bulletin", "check", "--site", str(site), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    problems: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return problems


def _open(page: Any, address: str) -> None:
    """Open the editor afresh at an address, leaving any unsaved form behind (signed in still)."""
    page.goto("about:blank")
    page.goto(address)


def _new_issue(page: Any, admin: str, title: str) -> None:
    _open(page, admin + "#/collections/issues/new")
    _field(page, "title", last=False).fill(title)
    _field(page, "date", last=False).fill(TODAY.isoformat())


def _add_event(page: Any, title: str, start: str, end: str) -> None:
    page.get_by_role("button", name="Add Events and training").click()
    page.locator('[id^="title-field-"]').last.fill(title)
    _field(page, "start").fill(start)
    _field(page, "end").fill(end)
    _field(page, "online").click()


def test_an_issue_made_in_the_form_is_checked_built_and_then_edited_in_one_place(
    editor: Editor, tmp_path: Path
) -> None:
    page = editor.page
    _new_issue(page, editor.admin, "Winter briefing")
    draft = _field(page, "draft", last=False)
    assert draft.get_attribute("aria-checked") == "true"  # new issues start as drafts
    draft.click()  # ... and this one is ready
    _field(page, "summary", last=False).fill("A short briefing on safer recruitment before winter.")
    _field(page, "subject", last=False).fill("the Safer Recruitment Team")
    _add_event(page, "Safer recruitment briefing", "2027-01-14T10:00", "2027-01-14T11:30")
    page.get_by_role("button", name="Add News calls to action").click()
    _field(page, "id").fill("safer-recruitment")
    page.get_by_role("button", name="Add Calls to action").click()
    _field(page, "label").fill("Book a place")
    _field(page, "url").fill("https://www.northbrook.example/safeguarding/recruitment")
    contacts = _field(page, "contacts")
    contacts.fill("Child Death")
    contacts.press("Enter")
    _write_body(page, BODY)
    _publish(page)

    path = editor.issue("winter-briefing")
    saved = _wait_for_file(path)
    assert "start: 2027-01-14T10:00\n    end: 2027-01-14T11:30\n" in saved
    assert "news:\n  safer-recruitment:\n    actions:\n      - label: Book a place\n" in saved
    assert "- cdop\n" in saved
    assert saved.endswith(BODY)
    mine = [p for p in _check(editor.site) if p["file"] == "content/issues/winter-briefing.md"]
    assert mine == []
    output = tmp_path / "rebuilt"
    build(BuildOptions(editor.site, output=output))
    page_html = (output / "issues" / "winter-briefing" / "index.html").read_text()
    assert "Safer recruitment briefing" in page_html
    assert "Book a place" in page_html

    _open(page, editor.admin + "#/collections/issues/entries/winter-briefing")
    end = page.locator('[id^="end-field-"]').filter(has=None).last
    end.fill("2027-01-14T12:00")
    _publish(page)
    edited = _wait_for_file(path, unlike=saved)
    changed = [
        (before, after)
        for before, after in zip(saved.splitlines(), edited.splitlines(), strict=True)
        if before != after
    ]
    assert changed == [("    end: 2027-01-14T11:30", "    end: 2027-01-14T12:00")]
    hosts = {
        urlsplit(url).hostname for url in editor.requests if not url.startswith(("blob:", "data:"))
    }
    assert hosts == {"127.0.0.1"}
    assert not [line for line in editor.console if "Content Security Policy" in line]


def test_every_example_file_goes_through_the_form_and_back_unchanged_in_meaning(
    editor: Editor,
) -> None:
    """The page's own file format, on every issue and on site.yaml: what check reads is kept."""
    from bulletin.content.issue import parse_issue
    from bulletin.content.schema import SiteConfig
    from bulletin.content.source import read_source

    for path in sorted((editor.site / "content" / "issues").glob("*.md")):
        again = editor.page.evaluate(
            "text => bulletinForm.frontMatter.toFile(bulletinForm.frontMatter.fromFile(text))",
            path.read_text(),
        )
        copy = path.with_name("again-" + path.name)
        copy.write_text(again)
        problems = Problems()
        before = parse_issue(read_source(path, editor.site, problems), problems)  # type: ignore[arg-type]
        after = parse_issue(read_source(copy, editor.site, problems), problems)  # type: ignore[arg-type]
        assert problems.items == [] and before and after
        assert after[0] == before[0] and after[1].body.strip() == before[1].body.strip()
        copy.unlink()
    settings = editor.site / "content" / "site.yaml"
    again = editor.page.evaluate(
        "text => bulletinForm.settingsFile.toFile(bulletinForm.settingsFile.fromFile(text))",
        settings.read_text(),
    )
    assert SiteConfig.model_validate(yaml.safe_load(again)) == SiteConfig.model_validate(
        yaml.safe_load(settings.read_text())
    )


def test_the_form_refuses_what_check_refuses_in_the_same_words(editor: Editor) -> None:
    page = editor.page
    before = sorted(p.name for p in (editor.site / "content" / "issues").iterdir())

    _open(page, editor.admin + "#/collections/issues/new")
    _field(page, "date", last=False).fill(TODAY.isoformat())
    _publish(page)
    _refused(page, "missed a required field")

    _new_issue(page, editor.admin, "Backwards event")
    _add_event(page, "Backwards", "2027-01-14T10:00", "2027-01-14T09:00")
    _publish(page)
    _refused(page, "Backwards): ends (2027-01-14T09:00) before it starts (2027-01-14T10:00)")
    assert sorted(p.name for p in (editor.site / "content" / "issues").iterdir()) == before

    written = editor.issue("2026-spring")
    text = written.read_text().replace("contacts: [", "contacts: [nobody, ", 1)
    written.write_text(text)
    from_check = [p["message"] for p in _check(editor.site) if p["field"] == "contacts[0]"]
    assert from_check and from_check[0].startswith('"nobody" is not in the contacts directory')
    _open(page, editor.admin + "#/collections/issues/entries/2026-spring")
    _field(page, "title", last=False).fill("Spring 2026, corrected")
    _publish(page)
    _refused(page, '"nobody" is not in the contacts directory in content/site.yaml')
    assert written.read_text() == text


def test_the_published_editor_asks_only_the_git_host(browser: Any, static_example: str) -> None:
    """As published (no local backend), the editor loads from the site alone, and offers
    GitHub's sign-in; once signed in its policy lets it reach only GitHub's API."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    blocked: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: blocked.append(message.text))
    page.goto(static_example + "admin/")
    page.get_by_role("button", name="Login with GitHub").wait_for()
    page.wait_for_timeout(500)
    context.close()
    assert {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
    refused = [line for line in blocked if "Content Security Policy" in line]
    assert refused == []


def test_with_review_a_save_is_a_draft_on_its_own_branch_until_published(
    reviewed_editor: Editor,
) -> None:
    editor, page = reviewed_editor, reviewed_editor.page
    _new_issue(page, editor.admin, "Winter briefing")
    _field(page, "summary", last=False).fill("A short briefing before winter.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").first.wait_for()
    _branch_labelled(editor.site, "cms/issues/winter-briefing", "decap-cms/draft")
    _eventually(lambda: _git(editor.site, "branch", "--show-current") == "main\n", "back on main")
    assert not editor.issue("winter-briefing").exists()  # nothing on main: not published
    assert "winter-briefing.md" in _git(editor.site, "show", "--stat", "cms/issues/winter-briefing")

    for status, label in (("In review", "pending_review"), ("Ready", "pending_publish")):
        page.get_by_role("button", name="Status: ").click()
        page.get_by_role("menuitem", name=status).click()
        _branch_labelled(editor.site, "cms/issues/winter-briefing", f"decap-cms/{label}")
    _publish(page)
    page.get_by_text("Entry published").first.wait_for()
    _eventually(lambda: "cms/issues/" not in _git(editor.site, "branch"), "branch merged")
    assert _git(editor.site, "branch", "--show-current") == "main\n"
    assert editor.issue("winter-briefing").exists()  # merged into main: published
