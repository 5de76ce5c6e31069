"""The machine's faults are not bulletin's bugs: a full disk and a read-only one are said
as such, with what to do, exit 1, and the published site stays whole.

These mount a small tmpfs, so they run only where that is allowed (as root on Linux);
the message for each fault is checked everywhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
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
        (errno.EACCES, "this user may not write or read in that folder"),
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
        # No scratch is left; the spare the first build made stays, as valid as before.
        assert [p.name for p in disk.iterdir() if p.name.startswith("._site")] == ["._site.spare"]


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


#: Runs a command as a user whom permissions bind: root without the powers that override
#: them (the tests run as root in CI, where a chmod alone would change nothing).
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
UNPRIVILEGED += ["--inh-caps=-dac_override,-dac_read_search,-fowner"]


def bulletin_bound_by_permissions(*args: str | Path) -> subprocess.CompletedProcess[str]:
    prefix = UNPRIVILEGED if os.geteuid() == 0 else []
    command = [*prefix, sys.executable, "-m", "bulletin", *map(str, args)]
    if prefix and subprocess.run([*prefix, "true"], check=False).returncode != 0:
        pytest.skip("root's powers over permissions cannot be dropped here (no setpriv)")
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)


@contextlib.contextmanager
def mode(path: Path, bits: int) -> Iterator[None]:
    before = path.stat().st_mode & 0o7777
    path.chmod(bits)
    try:
        yield
    finally:
        path.chmod(before)


def said_as_a_fault(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_site_folder_that_may_not_be_written_is_said(site: Path) -> None:
    with mode(site, 0o555):
        result = bulletin_bound_by_permissions("build", "--site", site)
    said_as_a_fault(result, "this user may not write or read in that folder", "--output DIR")
    assert not (site / "_site").exists()
    assert sorted(p.name for p in site.iterdir()) == ["content"]


def test_an_output_folder_that_may_not_be_written_is_said_and_stays(site: Path) -> None:
    assert bulletin("build", "--site", site).returncode == 0
    before = tree_digest(site / "_site")
    (site / "content/issues/2026-summer.md").open("a").write("\nA new line.\n")
    with mode(site / "_site", 0o555):
        result = bulletin_bound_by_permissions("build", "--site", site)
    said_as_a_fault(result, "Permission denied", "_site")
    assert tree_digest(site / "_site") == before


def test_an_unreadable_image_names_the_file_and_the_fix(site: Path) -> None:
    picture = site / "content/images/cover-summer.svg"
    with mode(picture, 0o000):
        result = bulletin_bound_by_permissions("build", "--site", site)
    assert result.returncode == 1, result.stderr
    assert (
        "content/images/cover-summer.svg: could not be read (Permission denied), so it is not "
        "published; give this user permission to read it (for example: chmod a+r "
        "content/images/cover-summer.svg), or remove it" in result.stderr
    )
    assert "Traceback" not in result.stderr and not (site / "_site").exists()


def test_an_unreadable_issue_names_the_file_and_the_fix(site: Path) -> None:
    issue = site / "content/issues/2026-summer.md"
    with mode(issue, 0o000):
        result = bulletin_bound_by_permissions("build", "--site", site)
    said_as_a_fault(result, "content/issues/2026-summer.md)", "chmod u+rw")
    assert not (site / "_site").exists()


def test_an_old_site_left_read_only_is_cleared_away(site: Path) -> None:
    assert bulletin("build", "--site", site).returncode == 0
    (site / "_site/issues").chmod(0o555)
    (site / "_site").chmod(0o555)
    result = bulletin_bound_by_permissions("build", "--site", site, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site.iterdir()) == [".bulletin-cache", "_site", "content"]
