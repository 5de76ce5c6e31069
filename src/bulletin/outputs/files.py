"""Outputs: a file to be written, either bytes made in memory or a file to copy."""

from __future__ import annotations

import hashlib
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


def short_hash(data: bytes) -> str:
    """Ten hex digits of a content hash: enough to tell versions of a file apart."""
    return hashlib.sha256(data).hexdigest()[:10]
