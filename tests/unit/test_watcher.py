"""serve's watcher sees every file that appears or changes, whatever its modification time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bulletin.commands.watcher import QuickWatcher


def watching(folder: Path) -> tuple[QuickWatcher, list[int]]:
    calls: list[int] = []
    watcher = QuickWatcher()
    watcher.watch(str(folder), lambda: calls.append(1))
    return watcher, calls


def test_files_there_when_watching_starts_are_not_changes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    watcher, calls = watching(tmp_path)
    assert watcher.examine() == (None, None)
    assert calls == []


def test_a_file_restored_with_its_old_time_is_seen(tmp_path: Path) -> None:
    """`cp -p` of a file saved yesterday: livereload's own watcher never saw it."""
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "autumn.md").write_text("---\ntitle: Autumn\n---\n")
    yesterday = (backup / "autumn.md").stat().st_mtime - 86400
    os.utime(backup / "autumn.md", (yesterday, yesterday))
    issues = tmp_path / "issues"
    issues.mkdir()
    watcher, calls = watching(issues)
    shutil.copy2(backup / "autumn.md", issues / "autumn.md")
    path, _ = watcher.examine()
    assert path == str(issues / "autumn.md") and calls == [1]
    assert watcher.examine() == (None, None)  # seen once, not on every look


def test_an_edit_that_keeps_size_and_time_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "summer.md"
    path.write_text("summer")
    stat = path.stat()
    watcher, calls = watching(tmp_path)
    path.write_text("summit")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert watcher.examine()[0] == str(path) and calls == [1]


def test_a_removed_file_is_seen(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    watcher, calls = watching(tmp_path)
    (tmp_path / "a.md").unlink()
    watcher.examine()
    assert calls == [1]
