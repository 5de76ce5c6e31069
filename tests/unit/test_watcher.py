"""serve's watcher sees every file that appears or changes, whatever its modification time."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from watchdog.events import DirCreatedEvent, FileCreatedEvent, FileModifiedEvent
from watchdog.observers.polling import PollingObserver

from bulletin.commands import watcher as watcher_module
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


# The system's news of changes (inotify here, through watchdog), and the poll beside it.


def run_watcher(watcher: QuickWatcher, action: Callable[[], object], seconds: float) -> list[float]:
    """Start the watcher on a loop of its own, do `action` on that loop, and return when it
    looked at the folders (seconds after the action), for `seconds` or until a task ran."""
    looks: list[float] = []

    async def main() -> None:
        watcher.start(lambda: looks.append(time.monotonic()) or watcher.examine())
        await asyncio.sleep(0.2)  # the observer's thread settles in
        looks.clear()
        done = time.monotonic()
        action()
        done = time.monotonic()
        while time.monotonic() < done + seconds:
            await asyncio.sleep(0.01)
        looks[:] = [look - done for look in looks]

    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(main())
        except BaseException as err:  # raised again in the test's own thread
            failures.append(err)

    # A thread of its own: Playwright's browser tests leave a loop running in this one.
    runner = threading.Thread(target=run)
    try:
        runner.start()
        runner.join()
    finally:
        watcher.stop()
    if failures:
        raise failures[0]
    return looks


@pytest.fixture
def no_safety_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the system's news brings a look within a test."""
    monkeypatch.setattr(watcher_module, "SAFETY_POLL_MILLISECONDS", 600_000)


@pytest.mark.usefixtures("no_safety_poll")
def test_a_save_is_looked_at_as_soon_as_the_system_tells_of_it(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    watcher, calls = watching(tmp_path)
    looks = run_watcher(watcher, lambda: (tmp_path / "a.md").write_text("b"), 0.5)
    assert watcher.listening
    assert calls == [1]
    assert len(looks) == 1  # when the file was closed; the poll would wait ten minutes


@pytest.mark.usefixtures("no_safety_poll")
def test_a_save_by_renaming_a_new_copy_over_the_file_is_seen(tmp_path: Path) -> None:
    """How many editors save: write a copy beside the file, then rename it over the file."""
    (tmp_path / "a.md").write_text("a")
    watcher, calls = watching(tmp_path)
    copy = tmp_path / ".a.md.tmp"

    seen_before_the_rename: list[int] = []

    def rename() -> None:
        seen_before_the_rename.append(len(calls))
        os.replace(copy, tmp_path / "a.md")

    def save_by_rename() -> None:
        copy.write_text("b")
        threading.Timer(0.2, rename).start()

    looks = run_watcher(watcher, save_by_rename, 0.5)
    assert len(calls) > seen_before_the_rename[0] and looks[-1] > 0.2, looks
    assert watcher._task_mtimes[str(tmp_path / "a.md")][0] == 1  # the saved copy's size


@pytest.mark.usefixtures("no_safety_poll")
def test_a_save_in_a_new_subfolder_is_seen(tmp_path: Path) -> None:
    watcher, calls = watching(tmp_path)

    def save_in_new_folder_later() -> None:
        (tmp_path / "images").mkdir()  # a folder alone is no change to build
        cover = tmp_path / "images" / "cover.txt"
        threading.Timer(0.2, cover.write_text, ("cover",)).start()

    looks = run_watcher(watcher, save_in_new_folder_later, 0.5)
    assert calls == [1] and looks[-1] > 0.2, looks


@pytest.mark.usefixtures("no_safety_poll")
def test_a_new_file_is_looked_at_once_written_not_as_it_is_created(tmp_path: Path) -> None:
    """inotify tells of a new file as it is opened: a look then would build half a file."""
    watcher, calls = watching(tmp_path)
    issue = tmp_path / "autumn.md"

    def write_slowly() -> None:
        stream = issue.open("w")
        stream.write("---\ntitle: half")
        stream.flush()
        threading.Timer(0.2, lambda: (stream.write(" and whole\n---\n"), stream.close())).start()

    looks = run_watcher(watcher, write_slowly, 0.45)
    assert calls == [1] and looks and min(looks) > 0.2, looks
    assert watcher._task_mtimes[str(issue)][0] == len("---\ntitle: half and whole\n---\n")


def test_where_no_closes_are_told_a_write_is_news() -> None:
    """FSEvents and ReadDirectoryChangesW tell a write as "modified", never "closed"."""
    heard: list[str] = []
    elsewhere = watcher_module._News(lambda: heard.append("now"), lambda: None, False)
    inotify = watcher_module._News(lambda: heard.append("inotify"), lambda: None, True)
    for news in (elsewhere, inotify):
        news.dispatch(FileModifiedEvent("/site/content/issues/a.md"))
    assert heard == ["now"]


def test_a_new_file_or_folder_is_news_at_once_or_a_little_later() -> None:
    heard: list[str] = []
    news = watcher_module._News(lambda: heard.append("now"), lambda: heard.append("later"), True)
    news.dispatch(DirCreatedEvent("/site/content/images"))
    news.dispatch(FileCreatedEvent("/site/content/issues/a.md"))
    assert heard == ["now", "later"]


@pytest.mark.usefixtures("no_safety_poll")
def test_reading_the_content_brings_no_look(tmp_path: Path) -> None:
    """Each build reads the content: looking after each read would be 10 ms wasted at
    1,000 issues, every time."""
    (tmp_path / "a.md").write_text("a")
    watcher, calls = watching(tmp_path)
    looks = run_watcher(watcher, lambda: (tmp_path / "a.md").read_text(), 0.3)
    assert looks == [] and calls == []


@pytest.mark.usefixtures("no_safety_poll")
def test_news_of_many_files_at_once_brings_few_looks(tmp_path: Path) -> None:
    """A checkout or an unpacked archive changes hundreds of files at once."""
    watcher, calls = watching(tmp_path)

    def save_many() -> None:
        for number in range(300):
            (tmp_path / f"issue-{number}.md").write_text("issue")

    looks = run_watcher(watcher, save_many, 0.5)
    assert calls and len(looks) <= 5, looks


def test_where_the_system_gives_no_news_it_polls_often(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher_module, "Observer", PollingObserver)
    watcher, calls = watching(tmp_path)
    looks = run_watcher(watcher, lambda: (tmp_path / "a.md").write_text("a"), 0.5)
    assert not watcher.listening
    assert calls == [1] and len(looks) >= 3  # every 0.1 s


def test_where_the_system_will_not_watch_more_it_polls_often(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watcher_module.Observer, "schedule", refuse)
    watcher, calls = watching(tmp_path)
    run_watcher(watcher, lambda: (tmp_path / "a.md").write_text("a"), 0.5)
    assert not watcher.listening and calls == [1]


def test_stopping_ends_the_observers_thread(tmp_path: Path) -> None:
    watcher, _ = watching(tmp_path)
    before = set(threading.enumerate())
    run_watcher(watcher, lambda: None, 0)
    assert watcher.listening
    assert [thread for thread in threading.enumerate() if thread not in before] == []
