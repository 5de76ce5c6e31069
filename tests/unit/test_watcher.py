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
    watcher.examine()
    assert watcher.filepath == str(issues / "autumn.md") and calls == [1]
    watcher.examine()
    assert calls == [1]  # seen once, not on every look


def test_an_edit_that_keeps_size_and_time_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "summer.md"
    path.write_text("summer")
    stat = path.stat()
    watcher, calls = watching(tmp_path)
    path.write_text("summit")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    watcher.examine()
    assert watcher.filepath == str(path) and calls == [1]


def test_a_removed_file_is_seen(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    watcher, calls = watching(tmp_path)
    (tmp_path / "a.md").unlink()
    watcher.examine()
    assert calls == [1]


def test_livereload_is_never_told_to_reload_by_itself(tmp_path: Path) -> None:
    """serve reloads the pages when its build is done; livereload's own reload, on seeing
    the save, would come first and show the page as it was."""
    watcher, calls = watching(tmp_path)
    (tmp_path / "a.md").write_text("a")
    assert watcher.examine() == (None, None)
    assert calls == [1]
