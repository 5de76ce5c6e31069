"""A long-lived builder (what serve keeps) redoes nothing when nothing changed, and reading
issues in a pool of processes gives the same site as reading them here.

That a rebuild after each kind of edit equals a clean build is shown in
test_differential.py, under a theme that shows everything.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import generate
from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.pipeline.builder import SiteBuilder
from bulletin.pipeline.pool import PARALLEL_FROM
from tests.conftest import REPO, TODAY, tree_digest
from tests.integration.edits import replace_in


def contents(builder: SiteBuilder) -> dict[str, bytes]:
    return {file.path: file.read() for file in builder.build().files}


def test_a_rebuild_with_nothing_changed_renders_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    builder = SiteBuilder(BuildOptions(site, today=TODAY))
    first = builder.build()
    again = builder.build()
    assert (again.reloaded_issues, again.rendered_pages) == (0, 0)
    assert {f.path: f.read() for f in again.files} == {f.path: f.read() for f in first.files}


def test_reading_issues_in_a_pool_of_processes_gives_the_same_site(tmp_path: Path) -> None:
    site = generate(24, tmp_path / "site")
    serial = SiteBuilder(BuildOptions(site, today=TODAY, workers=1)).build()
    pooled = SiteBuilder(BuildOptions(site, today=TODAY, workers=2)).build()
    assert [f.path for f in pooled.files] == [f.path for f in serial.files]
    assert all(a.read() == b.read() for a, b in zip(pooled.files, serial.files, strict=True))
    assert pooled.reloaded_issues == serial.reloaded_issues == 24


def test_the_cli_reads_a_big_site_on_every_core_with_the_same_result(tmp_path: Path) -> None:

    site = generate(PARALLEL_FROM, tmp_path / "site")
    pooled, serial = tmp_path / "pooled", tmp_path / "serial"
    completed = subprocess.run(
        [sys.executable, "-m", "bulletin", "build", "--site", str(site), "-o", str(pooled)],
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ,  # SOURCE_DATE_EPOCH: TODAY, set for every test
    )
    assert completed.returncode == 0, completed.stderr
    build(BuildOptions(site, output=serial, today=TODAY, workers=1))
    assert tree_digest(pooled) == tree_digest(serial)


def test_an_edit_to_one_issue_writes_one_feed_entry_again(tmp_path: Path, monkeypatch) -> None:
    """The feeds join per-entry fragments: the others are reused, and the feeds still read
    back whole, with the edit in them."""
    import feedparser

    from bulletin.outputs import feeds

    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    builder = SiteBuilder(BuildOptions(site, today=TODAY))
    builder.build()
    written: list[str] = []
    fragment = feeds._fragment

    def counted(facts: feeds.EntryFacts, results: feeds.Results) -> feeds.Made:
        written.append(facts.slug)
        return fragment(facts, results)

    monkeypatch.setattr(feeds, "_fragment", counted)
    summer = site / "content" / "issues" / "2026-summer.md"
    replace_in(summer, "Welcome to the summer issue", "Welcome, feed readers, to the summer issue")
    files = contents(builder)
    assert written == ["2026-summer"]
    atom, items = feedparser.parse(files["feed.xml"]), json.loads(files["feed.json"])["items"]
    assert not atom.bozo and len(atom.entries) == 3
    (entry,) = [e for e in atom.entries if "2026-summer" in e.link]
    assert "Welcome, feed readers, to the summer issue" in entry.content[0].value
    assert files == {
        f.path: f.read() for f in SiteBuilder(BuildOptions(site, today=TODAY)).build().files
    }
    assert [item["url"] for item in items] == [entry.link for entry in atom.entries]
