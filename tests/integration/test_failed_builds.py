"""A failed build explains itself and leaves the published site exactly as it was.

Each folder under fixtures/sites/invalid is a site with one kind of mistake
and an expected.txt holding the message an editor must see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run, tree_digest

INVALID = sorted((FIXTURES / "sites" / "invalid").iterdir())


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A good site already built into an output folder."""
    output = tmp_path / "_site"
    site = FIXTURES / "sites" / "valid" / "minimal"
    result = run("build", "--site", site, "--output", output, "--no-cache")
    assert result.exit_code == 0, result.output
    return output


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_message_names_file_and_line_and_nothing_is_lost(
    case: Path, published: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(case, site)
    before = tree_digest(published)
    result = run("build", "--site", site, "--output", published)
    assert result.exit_code == 1
    expected = (case / "expected.txt").read_text().strip()
    assert expected in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.rstrip().endswith(f"{published} was left as it was")
    assert tree_digest(published) == before
    assert sorted(p.name for p in published.parent.iterdir()) == ["_site", "site"]


def test_byte_order_mark_and_windows_line_endings_simply_work(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "sites" / "valid" / "minimal", site)
    issue = site / "content" / "issues" / "2022-summer.md"
    text = issue.read_text()
    issue.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = run("build", "--site", site)
    assert result.exit_code == 0, result.output
