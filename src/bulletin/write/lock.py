"""Write: one build at a time into each output folder.

Two builds writing one output folder at once (two terminals, or a script beside an
editor) each exchanged their spare copy for the site, and the second exchanged a spare
the first had already used: the published folder was left holding a handful of files,
and every build after it refused the folder as not bulletin's. So a build holds a lock
on its output folder from its first tidying to its record, and a second build waits for
it, saying so, then builds on what the first left (usually a quick update).

The lock is the operating system's own on an open file (`flock`, or `msvcrt.locking` on
Windows), so a build that is killed holds nothing: there is no stale lock to remove.
The file lies in the system's temporary folder, named by the output folder's path, so
the site's folder gains nothing to commit or ignore.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: How often a waiting build tries the lock again.
RETRY_SECONDS = 0.1


def lock_path(output: Path) -> Path:
    """The file whose lock stands for one output folder, wherever it is asked from."""
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"bulletin-build-{name}.lock"


@contextmanager
def one_build_at_a_time(output: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the output folder's lock while the block runs, calling `waiting` once first
    if another build holds it. Where the lock's file cannot be opened (another user's),
    the build goes on without it, as every build did before there was one."""
    try:
        handle = lock_path(output).open("a+b")
    except OSError:
        yield
        return
    with handle:  # closing the file releases its lock
        if not _locked(handle):
            waiting()
            while not _locked(handle):
                time.sleep(RETRY_SECONDS)  # a sleep, not a blocking call: Ctrl-C stops it
        yield


def _locked(handle: BinaryIO) -> bool:
    """Take the lock if it is free; whether it was."""
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError:  # BlockingIOError where another process holds it
        return False
    return True
