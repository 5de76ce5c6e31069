"""The web editor at /admin/, in real Chromium, saving through Decap CMS's own local backend.

decap-server (from npm, installed by scripts/test into tests/browser/cms-backend)
is started by each test on 127.0.0.1 and writes into a copy of the example site,
exactly as it would into an editor's checkout. What the form saves is then
checked and built by bulletin itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from bulletin.commands.build import build
from bulletin.errors import Problems
from bulletin.options import BuildOptions
from tests.browser.editor import (
    Editor,
    add_event,
    branch_labelled,
    check,
    editing,
    eventually,
    field,
    git,
    new_issue,
    open_at,
    publish,
    refused,
    wait_for_file,
    write_body,
)
from tests.conftest import TODAY

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


@pytest.fixture
def editor(browser: Any, example_site: Path, tmp_path: Path) -> Iterator[Editor]:
    yield from editing(browser, example_site, tmp_path)


@pytest.fixture
def reviewed_editor(browser: Any, example_site: Path, tmp_path: Path) -> Iterator[Editor]:
    """The example site as a git repository on main, whose editor saves for review."""
    git(example_site, "init", "-q", "-b", "main")
    git(example_site, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", ".")
    git(
        example_site,
        *("-c", "user.name=Test", "-c", "user.email=test@example.org"),
        *("commit", "-q", "-m", "The example site"),
    )
    yield from editing(browser, example_site, tmp_path, mode="git")


def test_an_issue_made_in_the_form_is_checked_built_and_then_edited_in_one_place(
    editor: Editor, tmp_path: Path
) -> None:
    page = editor.page
    new_issue(page, editor.admin, "Winter briefing")
    draft = field(page, "draft", last=False)
    assert draft.get_attribute("aria-checked") == "true"  # new issues start as drafts
    draft.click()  # ... and this one is ready
    field(page, "summary", last=False).fill("A short briefing on safer recruitment before winter.")
    field(page, "subject", last=False).fill("the Safer Recruitment Team")
    add_event(page, "Safer recruitment briefing", "2027-01-14T10:00", "2027-01-14T11:30")
    page.get_by_role("button", name="Add News calls to action").click()
    field(page, "id").fill("safer-recruitment")
    page.get_by_role("button", name="Add Calls to action").click()
    field(page, "label").fill("Book a place")
    field(page, "url").fill("https://www.northbrook.example/safeguarding/recruitment")
    contacts = field(page, "contacts")
    contacts.fill("Child Death")
    contacts.press("Enter")
    write_body(page, BODY)
    publish(page)

    path = editor.issue("winter-briefing")
    saved = wait_for_file(path)
    assert "start: 2027-01-14T10:00\n    end: 2027-01-14T11:30\n" in saved
    assert "news:\n  safer-recruitment:\n    actions:\n      - label: Book a place\n" in saved
    assert "- cdop\n" in saved
    assert saved.endswith(BODY)
    mine = [p for p in check(editor.site) if p["file"] == "content/issues/winter-briefing.md"]
    assert mine == []
    output = tmp_path / "rebuilt"
    build(BuildOptions(editor.site, output=output))
    page_html = (output / "issues" / "winter-briefing" / "index.html").read_text()
    assert "Safer recruitment briefing" in page_html
    assert "Book a place" in page_html

    open_at(page, editor.admin + "#/collections/issues/entries/winter-briefing")
    end = page.locator('[id^="end-field-"]').filter(has=None).last
    end.fill("2027-01-14T12:00")
    publish(page)
    edited = wait_for_file(path, unlike=saved)
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

    open_at(page, editor.admin + "#/collections/issues/new")
    field(page, "date", last=False).fill(TODAY.isoformat())
    publish(page)
    refused(page, "missed a required field")

    new_issue(page, editor.admin, "Backwards event")
    add_event(page, "Backwards", "2027-01-14T10:00", "2027-01-14T09:00")
    publish(page)
    refused(
        page,
        'Backwards): the event "Backwards" ends (2027-01-14T09:00) before it starts (2027-01-14T10:00); correct its start or its end',
    )
    assert sorted(p.name for p in (editor.site / "content" / "issues").iterdir()) == before

    written = editor.issue("2026-spring")
    text = written.read_text().replace("contacts: [", "contacts: [nobody, ", 1)
    written.write_text(text)
    from_check = [p["message"] for p in check(editor.site) if p["field"] == "contacts[0]"]
    assert from_check and from_check[0].startswith('"nobody" is not in the contacts directory')
    open_at(page, editor.admin + "#/collections/issues/entries/2026-spring")
    field(page, "title", last=False).fill("Spring 2026, corrected")
    publish(page)
    refused(page, '"nobody" is not in the contacts directory in content/site.yaml')
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
    new_issue(page, editor.admin, "Winter briefing")
    field(page, "summary", last=False).fill("A short briefing before winter.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").first.wait_for()
    branch_labelled(editor.site, "cms/issues/winter-briefing", "decap-cms/draft")
    eventually(lambda: git(editor.site, "branch", "--show-current") == "main\n", "back on main")
    assert not editor.issue("winter-briefing").exists()  # nothing on main: not published
    assert "winter-briefing.md" in git(editor.site, "show", "--stat", "cms/issues/winter-briefing")

    for status, label in (("In review", "pending_review"), ("Ready", "pending_publish")):
        page.get_by_role("button", name="Status: ").click()
        page.get_by_role("menuitem", name=status).click()
        branch_labelled(editor.site, "cms/issues/winter-briefing", f"decap-cms/{label}")
    publish(page)
    page.get_by_text("Entry published").first.wait_for()
    eventually(lambda: "cms/issues/" not in git(editor.site, "branch"), "branch merged")
    assert git(editor.site, "branch", "--show-current") == "main\n"
    assert editor.issue("winter-briefing").exists()  # merged into main: published
