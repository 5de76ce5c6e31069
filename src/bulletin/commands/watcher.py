"""Serve: the watcher that tells `bulletin serve` a file was saved, added or removed.

It listens for the system's news of changed files (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows, through watchdog) and looks at the watched folders as
soon as a file written to is closed (inotify), or written to (the others), where a poll
would look up to a tenth of a second late. A slow poll goes on beside it for what such
news misses: some network and container file systems send none. Where the system gives
no news, or will not watch another folder, it polls often instead. Either way it is the
look that decides what changed, not the news.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from livereload.watcher import Watcher
from tornado import ioloop
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

#: How often to look for saved files when the system gives no news of them. livereload's
#: own default is 800 ms, which alone would use most of the one second an edit may take.
POLL_MILLISECONDS = 100
#: How often to look anyway while the system's news is heard. Each look at 1,000 issues
#: costs about 10 ms, so looking less often leaves more of the interpreter to the build.
SAFETY_POLL_MILLISECONDS = 1000

#: The news that may mean a file now holds what was saved, from inotify. Not "opened" or
#: "closed_no_write" (a build reading the content), nor "modified", which comes with each
#: write while a file is still being written: "closed" comes when it is done. A file's
#: "created" comes as it is opened, before anything is written: it is looked at later.
NEWS_TO_LOOK_AT = frozenset({"closed", "deleted", "moved", "attrib", "events_lost"})
#: The systems' other observers (FSEvents, ReadDirectoryChangesW, kqueue) tell no "closed":
#: a write is "modified".
NEWS_WITHOUT_CLOSES = NEWS_TO_LOOK_AT | {"modified"}
#: How long after a file is created to look anyway, if no news of it being closed came:
#: a file moved in from outside the watched folders is told as created, and only that.
CREATED_LOOK_SECONDS = 0.5


class QuickWatcher(Watcher):  # type: ignore[misc]
    """livereload's polling watcher, told by the system when to look, and seeing every
    file that appears or changes, whatever its time.

    livereload's own takes a file it has not seen before as new only if its modification
    time is after the watcher started, so a file restored with `cp -p`, unpacked from an
    archive or saved yesterday on another computer went unseen. Here each watched folder is
    looked at once when it is watched, and from then on any file not seen then is new, and
    a file whose size, times or inode differ has changed.
    """

    _priming = False
    #: Whether the system's news of changes is heard (known once `start` has run).
    listening = False
    _observer: BaseObserver | None = None
    #: The delays of the looks queued and not yet run: none is queued twice.
    _queued: set[float]

    def start(self, callback: Callable[[], None]) -> bool:
        """Look whenever the system tells of a change, and every so often anyway."""
        loop = ioloop.IOLoop.current()
        self._queued = set()
        self.listening = self._listen(
            lambda: self._queue_look(loop, callback),
            lambda: self._queue_look(loop, callback, CREATED_LOOK_SECONDS),
        )
        every = SAFETY_POLL_MILLISECONDS if self.listening else POLL_MILLISECONDS
        ioloop.PeriodicCallback(callback, every).start()
        return True

    def stop(self) -> None:
        """Stop listening (the poll ends with the server's loop)."""
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=2)
            self._observer = None

    def _listen(self, heard: Callable[[], None], heard_of_new: Callable[[], None]) -> bool:
        """Ask the system for news of changes in every watched folder, and whether it gives it."""
        folders = list(self._tasks)
        if Observer is PollingObserver or not all(map(os.path.isdir, folders)):
            return False  # watchdog's own poll would be slower than ours
        self._observer = observer = Observer()
        news = _News(heard, heard_of_new, _tells_closes(observer))
        observer.start()
        try:
            for folder in folders:
                observer.schedule(news, folder, recursive=True)
        except OSError:  # the system's limit of watched folders, say: poll instead
            self.stop()
            return False
        return True

    def _queue_look(self, loop: ioloop.IOLoop, look: Callable[[], None], delay: float = 0) -> None:
        """From the observer's thread: look once, on the server's loop, `delay` seconds on,
        however much news comes before the look runs (a checkout of 500 files would
        otherwise cost 500 looks)."""
        if delay in self._queued:
            return
        self._queued.add(delay)

        def look_now() -> None:
            self._queued.discard(delay)  # news from now on may be missed by this look
            look()

        if delay:
            loop.add_callback(loop.call_later, delay, look_now)
        else:
            loop.add_callback(look_now)

    def examine(self) -> tuple[None, None]:
        """Run the task of every watched folder that changed, and tell livereload nothing.

        livereload reloads every page itself when `examine` names a changed file and its
        last reload is 3 s old. serve builds in the background and reloads the pages when
        the build is done, so livereload's own reload came first, showed the page as it
        was, and the page, still loading, missed the reload that followed the build.
        """
        super().examine()
        return None, None

    def watch(self, path: str, *args: Any, **kwargs: Any) -> None:
        """Watch a folder, taking note of the files it holds now."""
        super().watch(path, *args, **kwargs)
        self._task_mtimes = self._tasks[path]["mtimes"]
        self._priming = True
        try:
            self.is_changed(path, self._tasks[path]["ignore"])
        finally:
            self._priming = False

    def is_file_changed(self, path: str, ignore: Callable[[str], bool] | None = None) -> bool:
        """Whether a file is new since the folder was first looked at, or changed."""
        if not os.path.isfile(path) or self.ignore(path) or (ignore and ignore(path)):
            return False
        stat = os.stat(path)
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        known = self._task_mtimes.get(path)
        self._new_mtimes[path] = stamp
        if known == stamp:
            return False
        self.filepath = path
        return not self._priming


def _tells_closes(observer: BaseObserver) -> bool:
    """Whether an observer tells when a file written to is closed (inotify's do)."""
    return type(observer).__name__.startswith("Inotify")


class _News(FileSystemEventHandler):
    """Passes on the news worth a look, from watchdog's thread."""

    def __init__(
        self, heard: Callable[[], None], later: Callable[[], None], tells_closes: bool
    ) -> None:
        self._heard = heard
        self._later = later
        self._worth_a_look = NEWS_TO_LOOK_AT if tells_closes else NEWS_WITHOUT_CLOSES

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type in self._worth_a_look or (
            event.event_type == "created" and event.is_directory
        ):
            self._heard()
        elif event.event_type == "created":
            self._later()
