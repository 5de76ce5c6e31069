"""A build killed at any point leaves `_site` whole: the old site or the new one.

Each test kills a real `bulletin build` process with SIGKILL just before its
Nth rename (tests/integration/killed_build.py), at points spread over all of
them, in the three ways a site is put in place: swapped in whole, updated on
a spare copy made for the first update (`bulletin.write.spare`), and updated
on a spare that is there already, which first catches up with the site.
Readers of `_site` right after the kill are shown to get one whole site;
the next run then builds the new one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin import atomic
from bulletin.write.spare import NOTE, spare_of
from tests.conftest import REPO, tree_digest
from tests.integration.edits import issue, replace_in

KILLER = Path(__file__).with_name("killed_build.py")
#: Renames a build of the example site makes, after one edit. A first update: the probe of
#: the system (1), the files put in the spare (2-10), the exchange (11), the spare's note
#: (12), the cache (13-17). An update whose spare is there first links the files it lags
#: by (1-9), then puts (10-18), exchanges (19), notes (20) and saves the cache (21-25).
POINTS = {
    "whole": (2, 20, 40, 55, 60, 62),
    "first update": (1, 3, 7, 11, 12, 13, 17),
    "update": (1, 5, 9, 12, 16, 19, 20, 21, 25),
}


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


def behind_the_copy(site: Path) -> None:
    """Make a copied site's spare lag behind the copy's `_site`, as it lagged the original's."""
    note = spare_of(site / "_site") / NOTE
    behind = os.stat(site / "_site")
    plan = json.loads(note.read_text())
    note.write_text(json.dumps({**plan, "behind": [behind.st_dev, behind.st_ino]}))


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A site built, then updated once (so that it has a spare), its output's digest, and the
    digest after one more edit, built clean."""
    folder = tmp_path_factory.mktemp("killed")
    site = folder / "built"
    shutil.copytree(REPO / "content", site / "content")
    assert bulletin(site).returncode == 0
    replace_in(issue(site), "Welcome to the summer", "Welcome to the summery")
    assert bulletin(site).returncode == 0
    assert (spare_of(site / "_site") / NOTE).is_file()
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
    if way == "update":
        behind_the_copy(site)
    else:
        atomic.remove(spare_of(site / "_site"))
    killed = bulletin(site, *(["--no-cache"] if way == "whole" else []), kill_at=point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert site_digest(site / "_site") in (old, new)
    after = bulletin(site)
    assert after.returncode == 0, after.stderr
    assert site_digest(site / "_site") == new
    assert [p.name for p in site.iterdir() if p.name.startswith("._site")] in ([], ["._site.spare"])


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
    for _ in range(5):  # a run over the example site is short: a busy machine may miss one
        build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not _pagefind_of(build.pid) and time.monotonic() < deadline:
            if build.poll() is not None:
                break
        running = _pagefind_of(build.pid)
        build.kill()
        build.wait()
        if running:
            break
    else:
        pytest.skip("five builds ended before Pagefind could be caught running")
    deadline = time.monotonic() + 5
    while _pagefind_of(build.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _pagefind_of(build.pid) == []
