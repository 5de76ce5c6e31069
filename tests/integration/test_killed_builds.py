"""A build killed at any point leaves `_site` whole: the old site or the new one.

Each test kills a real `bulletin build` process with SIGKILL just before its
Nth rename (tests/integration/killed_build.py), at a few points spread over
all of them, in both ways a site is put in place: swapped in whole, and
updated in place. An update in place killed among its renames is finished by
the next run before anything else (`tidy_output`), which is what readers of
`_site` between two builds are shown to get.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin.write import tidy_output
from tests.conftest import REPO, tree_digest
from tests.integration.edits import issue

KILLER = Path(__file__).with_name("killed_build.py")
#: Renames a build of the example site makes: in place after one edit, and whole.
POINTS = {"in place": (1, 3, 5, 7, 9, 12), "whole": (2, 20, 40, 55, 60, 62)}


def bulletin(site: Path, *args: str, kill_at: int = 0) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KILL_AT=str(kill_at), PYTHONPATH=str(REPO))
    command = [sys.executable, str(KILLER), "build", "--site", str(site), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def site_digest(output: Path) -> dict[str, str]:
    """The output's digest, but for the editor's settings, which name the site's folder."""
    digest = tree_digest(output)
    digest.pop("admin/config.yml")
    return digest


def edit(site: Path) -> None:
    with issue(site).open("a") as stream:
        stream.write("\nOne more paragraph, added after the last build.\n")


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A built site, its output's digest, and the digest after one edit, built clean."""
    folder = tmp_path_factory.mktemp("killed")
    site = folder / "built"
    shutil.copytree(REPO / "content", site / "content")
    assert bulletin(site).returncode == 0
    old = site_digest(site / "_site")
    edited = folder / "edited"
    shutil.copytree(site / "content", edited / "content")
    edit(edited)
    assert bulletin(edited, "--no-cache").returncode == 0
    return site, old, site_digest(edited / "_site")


@pytest.mark.parametrize(
    ("way", "point"), [(way, point) for way, points in POINTS.items() for point in points]
)
def test_a_killed_build_leaves_the_old_site_or_the_new(
    states: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path, way: str, point: int
) -> None:
    built, old, new = states
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    edit(site)
    killed = bulletin(site, *(["--no-cache"] if way == "whole" else []), kill_at=point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    if way == "in place":
        tidy_output(site / "_site")  # what the next run does first
    assert site_digest(site / "_site") in (old, new)
    after = bulletin(site)
    assert after.returncode == 0, after.stderr
    assert site_digest(site / "_site") == new
    assert [p.name for p in site.iterdir() if p.name.startswith("._site")] == []


def _pagefind_of(pid: int) -> list[int]:
    """Processes running Pagefind for the build with this process id."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if f"bulletin-search-{pid}-".encode() in command:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_a_killed_build_leaves_no_pagefind_running(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    command = [sys.executable, "-m", "bulletin", "build", "--site", str(site), "--no-cache"]
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not _pagefind_of(build.pid) and time.monotonic() < deadline and build.poll() is None:
        pass  # a run of Pagefind over the example site lasts a fraction of a second
    running = _pagefind_of(build.pid)
    build.kill()
    build.wait()
    if not running:
        pytest.skip("the build ended before Pagefind could be caught running")
    deadline = time.monotonic() + 5
    while _pagefind_of(build.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _pagefind_of(build.pid) == []
