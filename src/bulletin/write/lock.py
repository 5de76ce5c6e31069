"""Write: one build at a time into each output folder.

Two builds writing one output folder at once (two terminals, or a script beside an
editor) each exchanged their spare copy for the site, and the second exchanged a spare
the first had already used: the published folder was left holding a handful of files,
and every build after it refused the folder as not bulletin's. So a build holds a lock
on its output folder from its first tidying to its record (and `publish` until the site
is published), and a second build waits for it, saying so, then builds on what the
first left (usually a quick update).

The lock is the operating system's own on an open file (`flock`, or `msvcrt.locking` on
Windows), so a build that is killed holds nothing: there is no stale lock to remove.
The file lies in the system's temporary folder, named by the output folder's path, so
the site's folder gains nothing to commit or ignore. A thread that holds a folder's
lock may ask for it again (publish, around the build it runs): the inner request is
granted at once. Another thread asks as another process would, and waits.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
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

#: The locks each thread holds, by file (`held.files`, made on a thread's first ask).
_held = threading.local()


def lock_path(output: Path) -> Path:
    """The file whose lock stands for one output folder, wherever it is asked from."""
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"bulletin-build-{name}.lock"


@contextmanager
def one_build_at_a_time(output: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the output folder's lock while the block runs, calling `waiting` once first
    if another process holds it. Where the lock's file cannot be opened (another user's),
    the build goes on without it, as every build did before there was one."""
    path = lock_path(output)
    held: set[Path] = _held.__dict__.setdefault("files", set())
    if path in held:
        yield
        return
    with _locked_file(path, waiting):
        held.add(path)
        try:
            yield
        finally:
            held.discard(path)


@contextmanager
def _locked_file(path: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """The file at `path`, open and locked while the block runs (or not, if it cannot be
    opened)."""
    try:
        handle = path.open("a+b")
    except OSError:
        handle = None
    if handle is None:
        yield
        return
    with handle:  # closing the file releases its lock
        if not _lock(handle):
            waiting()
            while not _lock(handle):
                time.sleep(RETRY_SECONDS)  # a sleep, not a blocking call: Ctrl-C stops it
        try:
            yield
        finally:
            _unlock(handle)


def _lock(handle: BinaryIO) -> bool:
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


def _unlock(handle: BinaryIO) -> None:
    """Let the lock go now (Windows frees a closed file's lock only in its own time)."""
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
