"""The machine's faults are not bulletin's bugs: a full disk and a read-only one are said
as such, with what to do, exit 1, and the published site stays whole.

These mount a small tmpfs, so they run only where that is allowed (as root on Linux);
the message for each fault is checked everywhere.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bulletin.errors import machine_fault
from tests.conftest import REPO, tree_digest


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full; free some space"),
        (errno.EROFS, "that disk is read-only"),
        (errno.EACCES, "this user may not write or read there"),
        (errno.EIO, "the disk reported a read or write error"),
    ],
)
def test_each_fault_says_what_to_do(code: int, words: str) -> None:
    message = machine_fault(OSError(code, "Some fault", "/media/stick/_site/index.html"))
    assert message is not None and words in message
    assert "(/media/stick/_site/index.html)" in message


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("a small disk cannot be mounted here (not root, or no tmpfs)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def bulletin(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bulletin", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(REPO / "content", folder / "content")
    return folder


def test_a_full_disk_is_said_and_the_old_site_stays(site: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "64m") as disk:
        output = disk / "_site"
        assert bulletin("build", "--site", site, "-o", output).returncode == 0
        before = tree_digest(output)
        (disk / "filler").write_bytes(b"\0" * (disk_free(disk) - 200_000))
        (site / "content/issues/2026-summer.md").open("a").write("\nA new line.\n")
        result = bulletin("build", "--site", site, "-o", output, "--no-cache")
        assert result.returncode == 1, result.stderr
        assert "the disk is full; free some space" in result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert tree_digest(output) == before
        assert [p.name for p in disk.iterdir() if p.name.startswith("._site")] == []


def test_a_read_only_disk_is_said(site: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "64m") as disk:
        output = disk / "_site"
        assert bulletin("build", "--site", site, "-o", output).returncode == 0
        before = tree_digest(output)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        (site / "content/issues/2026-summer.md").open("a").write("\nA new line.\n")
        result = bulletin("build", "--site", site, "-o", output)
        assert result.returncode == 1, result.stderr
        assert "that disk is read-only" in result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert tree_digest(output) == before


def disk_free(folder: Path) -> int:
    return shutil.disk_usage(folder).free
