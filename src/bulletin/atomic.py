"""Atomic steps on the file system, and tidying what a killed build left behind.

A new site replaces the old one by exchanging the two folders' names in one
system call (Linux's `renameat2` with `RENAME_EXCHANGE`), so that at every
instant `_site` is a real folder holding the whole old site or the whole new
one: a kill between two renames cannot leave no `_site`. Where the call is
missing (other systems, some file systems) two renames are the fallback, and
the next build puts the old site back if a kill fell between them.

Scratch folders are named with the id of the process that made them, so a
later build removes those whose process is gone, and never one in use.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_PR_SET_PDEATHSIG = 1
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV}


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


_LIBC = _libc()


def exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step; False (nothing done) where the system cannot."""
    call = getattr(_LIBC, "renameat2", None)
    if call is None:
        return False
    names = os.fsencode(first), os.fsencode(second)
    if call(_AT_FDCWD, names[0], _AT_FDCWD, names[1], _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in _UNSUPPORTED:
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


def dying_with_parent(command: list[str]) -> tuple[list[str], Callable[[], None] | None]:
    """A command, and what its child is to run before the program, such that the program
    is killed when bulletin dies, even by SIGKILL: no Pagefind outlives a killed build.

    Where util-linux's `setpriv` is (every Debian and Ubuntu), it sets the signal and runs
    the program, so the child is started as the system starts one quickly (vfork); a
    Python function run in the child (`preexec_fn`) makes Python copy the whole process
    instead (fork), about 15 ms for each run of Pagefind in a build of 250 MB. Without
    setpriv the function does it; on systems other than Linux, nothing can.
    """
    wrapper = _setpriv()
    if wrapper is not None:
        return [wrapper, "--pdeathsig", "KILL", "--", *command], None
    if getattr(_LIBC, "prctl", None) is not None:
        return command, die_with_parent
    return command, None


@functools.cache
def _setpriv() -> str | None:
    """setpriv, if it is there and knows --pdeathsig (util-linux 2.33 and later)."""
    found = shutil.which("setpriv")
    if found is None:
        return None
    trial = [found, "--pdeathsig", "KILL", "--", found, "--version"]
    try:
        ran = subprocess.run(trial, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return found if ran.returncode == 0 else None


def die_with_parent() -> None:
    """In a child process before it runs its program: be killed when bulletin dies, even by
    SIGKILL (Linux only; `dying_with_parent` says when it is needed)."""
    call = getattr(_LIBC, "prctl", None)
    if call is not None:
        call(_PR_SET_PDEATHSIG, 9)


def scratch_prefix(name: str) -> str:
    """The start of a scratch folder's name, carrying this process's id."""
    return f"{name}{os.getpid()}-"


def abandoned(folder: Path, name: str) -> list[Path]:
    """Scratch folders or files in `folder` named by `scratch_prefix(name)` whose process is
    no longer running."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(name):
                pid = entry.name[len(name) :].split("-", 1)[0]
                if pid.isdigit() and not _running(int(pid)):
                    found.append(Path(entry.path))
    return found


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove(path: Path) -> None:
    """Delete a file or folder, whichever it is, as far as possible: a folder made read-only
    (an old site someone chmod-ed, an editor's copy from a CD) is made writable first, as
    `rm -rf` would, so it is not left behind beside the site for ever."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, onerror=_writable_and_again)
        if path.exists():  # a folder it could not list at first is open now
            shutil.rmtree(path, onerror=_writable_and_again)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _writable_and_again(function: Callable[..., object], name: str, _: object) -> None:
    """rmtree's handler: open the refusing entry's folder to its owner and, for a deletion,
    try once more (a folder it could not open or list is left to `remove`'s second pass)."""
    with contextlib.suppress(OSError):
        for folder in {os.path.dirname(name), name}:
            if os.path.isdir(folder) and not os.path.islink(folder):
                os.chmod(folder, stat.S_IRWXU)
        if function in (os.unlink, os.rmdir, os.remove):
            function(name)
