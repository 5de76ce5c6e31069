"""A long-lived builder (what serve keeps) redoes nothing when nothing changed, and reading
issues in a pool of processes gives the same site as reading them here.

That a rebuild after each kind of edit equals a clean build is shown in
test_differential.py, under a theme that shows everything.
"""

from __future__ import annotations

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
