"""An incremental rebuild (what serve does on every save) equals a clean build, byte for byte.

A long-lived SiteBuilder reuses issues, pages, feed entries, email editions,
calendars and the search index whose inputs did not change. Each test edits
one kind of input and checks that what the builder then produces is exactly
what a fresh builder produces from the same files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.pipeline.builder import SiteBuilder
from bulletin.pipeline.pool import PARALLEL_FROM
from tests.conftest import REPO, TODAY, tree_digest
from tests.integration.edits import EDITS


def contents(builder: SiteBuilder) -> dict[str, bytes]:
    return {file.path: file.read() for file in builder.build().files}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_incremental_rebuild_equals_a_clean_build(tmp_path: Path, edit: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    options = BuildOptions(site, today=TODAY)
    long_lived = SiteBuilder(options)
    before = contents(long_lived)
    EDITS[edit](site)
    incremental = contents(long_lived)
    clean = contents(SiteBuilder(options))
    assert sorted(incremental.keys() ^ clean.keys()) == []
    differing = [path for path in clean if incremental[path] != clean[path]]
    assert differing == []
    assert incremental != before  # the edit did change the site


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
