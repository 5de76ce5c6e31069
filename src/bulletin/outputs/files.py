"""Outputs: a file to be written: bytes in memory, a file to copy, or bytes kept on disk.

A big site's files do not all fit in memory at once (10,000 issues make
about 1.5 GB of pages, emails and index), so a build that writes to disk
spools each file into a scratch folder as soon as it is made (`Spool`), and
the writer then moves it into place. The build cache hands back files of the
last build as files kept in the output folder.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, eq=False)
class OutputFile:
    """One file of the built site, at a path relative to the output folder.

    Compared by identity: a file that is made again is a new object even when
    its bytes are the same, which is what the caches' checks rely on (and
    hashing never reads a file's bytes).
    """

    path: str
    data: bytes | None = None
    source: Path | None = None
    folder: str | None = None  # where its bytes are kept on disk, at `path` within it

    def read(self) -> bytes:
        """The file's bytes, wherever they are."""
        if self.data is not None:
            return self.data
        if self.folder is not None:
            with open(os.path.join(self.folder, self.path), "rb") as stream:
                return stream.read()
        assert self.source is not None
        return self.source.read_bytes()


def kept_in(folder: str, path: str) -> OutputFile:
    """A file whose bytes are already on disk, in `folder` at `path`."""
    return OutputFile(path, folder=folder)


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
        """Move a file's bytes to the scratch folder; the same object then reads them there.

        The object is changed in place (it is frozen to everything else) so
        that every cache holding it lets go of the bytes at once.
        """
        if file.data is None:
            return file
        target = os.path.join(self._name, file.path)
        self._folders.make_parent(target)
        with open(target, "wb") as stream:
            stream.write(file.data)
        object.__setattr__(file, "folder", self._name)
        object.__setattr__(file, "data", None)
        return file

    def holds(self, file: OutputFile) -> bool:
        """Whether a file's bytes are in this scratch folder (so it can be moved, not copied)."""
        return file.folder == self._name

    def where(self, file: OutputFile) -> str:
        """The scratch file holding a spooled file's bytes."""
        return os.path.join(self._name, file.path)


def short_hash(data: bytes) -> str:
    """Ten hex digits of a content hash: enough to tell versions of a file apart."""
    return hashlib.sha256(data).hexdigest()[:10]
