"""After any edit, a build that reuses earlier work writes exactly what a clean build writes,
under a theme that shows everything.

The site uses the "everything visible" theme (tests/integration/everything.py):
every page and list partial also prints every variable its view offers. For
each edit in the table (every front-matter field, the body, site.yaml,
images, templates, static files), three builds of the edited site are
compared byte for byte: one through .bulletin-cache/ (as `bulletin build`
runs), one by a builder kept alive since before the edit (as `bulletin
serve` runs), and a clean one.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.pipeline.builder import SiteBuilder
from bulletin.write import MARKER
from tests.conftest import REPO, TODAY, tree_digest
from tests.integration import everything
from tests.integration.edits import EDITS


def served(builder: SiteBuilder) -> dict[str, str]:
    """What a long-lived builder makes, as tree_digest shows a written folder."""
    files = {f.path: hashlib.sha256(f.read()).hexdigest() for f in builder.build().files}
    return files | {MARKER: hashlib.sha256(b"This folder was written by bulletin.\n").hexdigest()}


def differing(one: dict[str, str], other: dict[str, str]) -> list[str]:
    """The paths whose bytes differ, or that only one of two folders has."""
    return sorted(p for p in one.keys() | other.keys() if one.get(p) != other.get(p))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(REPO / "content", folder / "content")
    everything.install(folder)
    return folder


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_cached_serving_and_clean_builds_agree_after_every_edit(site: Path, edit: str) -> None:
    cached = BuildOptions(site, today=TODAY, use_cache=True)
    build(cached)
    serving = SiteBuilder(BuildOptions(site, today=TODAY))
    before = served(serving)
    EDITS[edit](site)
    notices: list[str] = []
    build(cached, notice=notices.append)
    clean = site.parent / "clean"
    build(BuildOptions(site, output=clean, today=TODAY))
    expected = tree_digest(clean)
    assert notices == []
    assert differing(tree_digest(site / "_site"), expected) == []
    after = served(serving)
    assert differing(after, expected) == []
    assert differing(before, after) != []  # the edit did change the site


def test_the_theme_prints_every_field_of_what_lists_show(site: Path) -> None:
    """The everything theme is in force: an issue's season shows wherever it is listed."""
    build(BuildOptions(site, today=TODAY))
    archive = (site / "_site" / "issues" / "index.html").read_text()
    assert archive.count("season=") >= 3
    assert 'data-name="all_years"' in archive
    issue = (site / "_site" / "issues" / "2026-summer" / "index.html").read_text()
    assert 'data-name="newer"' in issue and "next_issue=" in issue
