"""Shared fixtures: whole sites in temporary folders, and the CLI run in-process."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bulletin.cli import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: The date every test builds for, whatever the machine's clock says: the one place
#: a test's "today" comes from. The example site's issues and events are written
#: around it (its winter issue is still to come, its autumn events have passed).
TODAY = dt.date(2026, 11, 26)


def epoch_of(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for noon UTC on a day: the same date in every time zone near it."""
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    return str(int(noon.timestamp()))


@pytest.fixture(scope="session", autouse=True)
def fixed_today_for_every_scope() -> Iterator[None]:
    """TODAY for fixtures shared by a module or the session too: they are made before any
    test's own fixtures, so without this they would build for the machine's date."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch_of(TODAY))
        yield


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> Iterator[dt.date]:
    """Every build a test starts, in this process or a child one, is for TODAY.

    bulletin reads the date only through `bulletin.options.today`, which honours
    SOURCE_DATE_EPOCH; so no test depends on the day the suite is run.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_of(TODAY))
    yield TODAY


MINIMAL_SITE_YAML = """\
title: Test Bulletin
organisation: Test Partnership
base_url: https://example.org/
accessibility:
  email: access@example.org
  prepared: 2022-01-10
  reviewed: 2022-06-01
contacts:
  office:
    name: The office
    email: office@example.org
    phone: 020 7946 0000
"""

MINIMAL_ISSUE = """\
---
title: Summer 2022
date: 2022-07-20
summary: A test issue.
---

## Foreword

Hello.
"""


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a site from {relative path: text}; site.yaml and one issue by default."""

    def make(files: dict[str, str] | None = None, *, with_defaults: bool = True) -> Path:
        site = tmp_path / "site"
        defaults = {
            "content/site.yaml": MINIMAL_SITE_YAML,
            "content/issues/2022-summer.md": MINIMAL_ISSUE,
        }
        for relative, text in ((defaults if with_defaults else {}) | (files or {})).items():
            path = site / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text)
        return site

    return make


@pytest.fixture
def example_site(tmp_path: Path) -> Path:
    """A copy of the repository's example site (content only; the theme is packaged)."""
    site = tmp_path / "example"
    shutil.copytree(REPO / "content", site / "content")
    return site


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bulletin's wheel, built from this checkout as a release would be."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(REPO)],
        check=True,
        timeout=600,
    )
    return next(folder.glob("bulletin-*.whl"))


def run(*args: str | Path) -> Result:
    """Run the bulletin CLI in-process, as an editor would from a terminal."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under a folder with a hash of its bytes, to show nothing changed."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
