"""Edits an editor makes to a site, one of each kind of input, for the incremental-build tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def issue(site: Path, name: str = "2026-summer") -> Path:
    return site / "content" / "issues" / f"{name}.md"


def override(site: Path, relative: str, old: str, new: str) -> None:
    """Copy a theme file into the site, then change it there."""
    target = site / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / relative, target)
    replace_in(target, old, new)


def write(site: Path, relative: str, text: str) -> None:
    target = site / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def add_issue(site: Path) -> None:
    shutil.copy(issue(site, "2026-spring"), issue(site, "2026-spring-extra"))
    replace_in(issue(site, "2026-spring-extra"), "title: Spring 2026", "title: Spring extra")


EDITS: dict[str, Callable[[Path], None]] = {
    "an issue's prose": lambda s: replace_in(
        issue(s), "Welcome to the summer", "Hello to the summer"
    ),
    "an issue's title": lambda s: replace_in(
        issue(s), "title: Summer 2026", "title: High summer 2026"
    ),
    "an event's time": lambda s: replace_in(
        issue(s), "start: 2026-09-17T12:00", "start: 2026-09-17T11:00"
    ),
    "a template": lambda s: override(
        s, "templates/base.html", "Skip to main content", "Skip to the content"
    ),
    "a section template": lambda s: override(
        s, "templates/sections/foreword.html", "signature__name", "signature__name signed"
    ),
    "a static file": lambda s: write(s, "static/css/bulletin.css", "body { color: #000; }\n"),
    "the email stylesheet": lambda s: write(s, "static/css/email.css", "body { color: #111; }\n"),
    "site.yaml": lambda s: replace_in(
        s / "content" / "site.yaml",
        "title: Northbrook Safeguarding Bulletin",
        "title: The Northbrook Bulletin",
    ),
    "a shared contact": lambda s: replace_in(
        s / "content" / "site.yaml", "020 7946 0350", "020 7946 0351"
    ),
    "an image added": lambda s: (s / "content" / "images" / "new.png").write_bytes(b"\x89PNG fake"),
    "an issue deleted": lambda s: issue(s, "2026-autumn").unlink(),
    "an issue renamed": lambda s: issue(s, "2026-autumn").rename(issue(s, "autumn-2026")),
    "an issue added": add_issue,
}
