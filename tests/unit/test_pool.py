"""The pool of processes: work shared out with results in order, and nothing of it left
running once it stops (the cold build's memory peaks after it, while Pagefind runs)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bulletin.content.schema import SiteConfig
from bulletin.pipeline.pool import Pool


def _double(number: int) -> int:
    return number * 2


def _children() -> list[str]:
    """The command lines of this process's children, running now."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue  # ended while we looked
        if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
            found.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return sorted(found)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_stopped_pool_leaves_no_process_behind(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    config = SiteConfig(title="T", organisation="O", base_url="https://example.org/")
    before = _children()
    pool = Pool(2, config, tmp_path)
    assert list(pool.share(_double, range(40), 40)) == [n * 2 for n in range(40)]
    assert len(_children()) > len(before)  # its workers, at least
    pool.stop()
    assert _children() == before  # its workers, and the resource tracker it started
    assert list(pool.share(_double, range(5), 5)) == [0, 2, 4, 6, 8]  # another pool
    pool.stop()
    assert _children() == before
    assert "leaked" not in capfd.readouterr().err
