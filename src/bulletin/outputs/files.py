"""Outputs: a file to be written, either bytes made in memory or a file to copy."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site, at a path relative to the output folder."""

    path: str
    data: bytes | None = None
    source: Path | None = None

    def read(self) -> bytes:
        """The file's bytes, wherever they come from."""
        if self.data is not None:
            return self.data
        assert self.source is not None
        return self.source.read_bytes()


@dataclass(frozen=True)
class WrittenFile(OutputFile):
    """A file that an earlier build wrote to the output folder, read from there if need be.

    The build cache hands these back in place of the bytes it would otherwise
    store; a folder name and a plain string keep thousands of them cheap to make.
    """

    folder: str = ""

    def read(self) -> bytes:
        """The file's bytes, as they are in the output folder."""
        with open(os.path.join(self.folder, self.path), "rb") as stream:
            return stream.read()


def short_hash(data: bytes) -> str:
    """Ten hex digits of a content hash: enough to tell versions of a file apart."""
    return hashlib.sha256(data).hexdigest()[:10]
