"""Outputs: a file to be written: bytes in memory, a file to copy, or bytes kept on disk.

Every file carries the hash of its bytes (`digest`), so whether the output
folder already holds it is decided by content, never by which object it is.
A big site's files do not all fit in memory at once (10,000 issues make
about 1.5 GB of pages, emails and index), so a build that writes to disk
spools each file into a scratch folder as soon as it is made (`Spool`), and
the writer then moves it into place; files the last build wrote are handed
back by the build cache as files kept in the output folder (`kept_in`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.digest import file_hash
from bulletin.errors import OutputError


def inside(folder: str | os.PathLike[str], path: str) -> str:
    """`path` within `folder`, proven not to leave it: the one check every written file passes.

    A path is a site path, as `urls` makes them: "/"-separated, relative, with
    no empty, "." or ".." part and no backslash or NUL; so joining it can only
    land inside the folder, whatever a setting or a file name held.
    """
    parts = path.split("/")
    if not path or "\\" in path or "\x00" in path or any(p in ("", ".", "..") for p in parts):
        raise OutputError(f"refusing to write {path!r}: it would land outside the site's folder")
    return os.path.join(folder, *parts)


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site, at a path relative to the output folder."""

    path: str
    digest: str
    data: bytes | None = None
    source: Path | None = None
    folder: str | None = None  # where its bytes are kept on disk, at `path` within it
    size: int = -1

    def __post_init__(self) -> None:
        inside("", self.path)  # a product that would be written outside the site is a bug

    def read(self) -> bytes:
        """The file's bytes, wherever they are."""
        if self.data is not None:
            return self.data
        if self.folder is not None:
            with open(inside(self.folder, self.path), "rb") as stream:
                return stream.read()
        assert self.source is not None
        return self.source.read_bytes()


def made(path: str, data: bytes) -> OutputFile:
    """A file made by the build, in memory for now."""
    return OutputFile(path, file_hash(data), data=data, size=len(data))


def copied(path: str, source: Path, digest: str, size: int) -> OutputFile:
    """A file published as a copy of an input file whose hash is already known."""
    return OutputFile(path, digest, source=source, size=size)


def kept_in(folder: str, path: str, digest: str, size: int) -> OutputFile:
    """A file whose bytes are already on disk, in `folder` at `path`.

    Made without the constructor's check of its path: the build cache gives back
    every file of the site (7,000 at 1,000 issues), each path was checked when
    its file was made, and `inside` checks it again before any read or write.
    """
    file = object.__new__(OutputFile)
    file.__dict__.update(path=path, digest=digest, data=None, source=None, folder=folder, size=size)
    return file


class Folders:
    """Makes the folder of each file about to be written, once: a site's thousands of
    files share a few hundred folders, and asking again costs a failing system call."""

    def __init__(self) -> None:
        self._made: set[str] = set()

    def make_parent(self, path: str | os.PathLike[str]) -> None:
        """Make the folder that `path` will be written in, if this has not made it yet."""
        parent = os.path.dirname(path)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)


class Spool:
    """A scratch folder that takes each file's bytes out of memory as soon as it is made."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._name = os.fspath(folder)
        self._folders = Folders()

    def keep(self, file: OutputFile) -> OutputFile:
        """The same file, its bytes moved to the scratch folder."""
        if file.data is None:
            return file
        target = inside(self._name, file.path)
        self._folders.make_parent(target)
        with open(target, "wb") as stream:
            stream.write(file.data)
        return replace(file, data=None, folder=self._name)

    def holds(self, file: OutputFile) -> bool:
        """Whether a file's bytes are in this scratch folder (so it can be moved, not copied)."""
        return file.folder == self._name

    def where(self, file: OutputFile) -> str:
        """The scratch file holding a spooled file's bytes."""
        return inside(self._name, file.path)


def in_memory(file: OutputFile) -> OutputFile:
    """Files stay in memory when nothing is written to disk (serve, tests)."""
    return file
