"""Serve: the watcher that tells `bulletin serve` a file was saved, added or removed."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from livereload.watcher import Watcher
from tornado import ioloop

#: How often to look for saved files. livereload's own default is 800 ms,
#: which alone would use most of the one second an edit may take to show.
POLL_MILLISECONDS = 100


class QuickWatcher(Watcher):  # type: ignore[misc]
    """livereload's polling watcher, looking more often than its default, and seeing every
    file that appears or changes, whatever its time.

    livereload's own takes a file it has not seen before as new only if its modification
    time is after the watcher started, so a file restored with `cp -p`, unpacked from an
    archive or saved yesterday on another computer went unseen. Here each watched folder is
    looked at once when it is watched, and from then on any file not seen then is new, and
    a file whose size, times or inode differ has changed.
    """

    _priming = False

    def start(self, callback: Callable[[], None]) -> bool:
        ioloop.PeriodicCallback(callback, POLL_MILLISECONDS).start()
        return True

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
