"""Render: Jinja's compiled templates kept between builds, each file checked before use.

Jinja's own file cache loads whatever bytes it finds with `marshal`, so a
damaged file (a flipped bit on a failing disk, a half-written file) can
crash the interpreter in every later build. Here each file starts with the
hash of the rest, and a file whose hash does not match is ignored and
compiled again, as if it had never been there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import jinja2

_HASH = 64  # hex characters of a sha256


def damaged_files(folder: Path) -> list[Path]:
    """The compiled templates in a folder whose bytes do not match the hash in front: the
    build cache removes them, with a notice, before a build starts."""
    found = []
    for path in sorted(folder.glob("*.cache")):
        try:
            data = path.read_bytes()
        except OSError:
            found.append(path)
            continue
        if not _whole(data):
            found.append(path)
    return found


def _whole(data: bytes) -> bool:
    return data[:_HASH] == hashlib.sha256(data[_HASH:]).hexdigest().encode()


class CheckedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in a folder, one file each, with a hash of its bytes in front."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from its file, if the file is whole and unchanged."""
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        if not _whole(data):
            return  # damaged: compile the template again
        with contextlib.suppress(Exception):
            bucket.bytecode_from_string(data[_HASH:])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Write the bucket's compiled template, whole or not at all."""
        body = bucket.bytecode_to_string()
        data = hashlib.sha256(body).hexdigest().encode() + body
        with contextlib.suppress(OSError):
            handle, temporary = tempfile.mkstemp(prefix=".template.", dir=self.folder)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self._path(bucket))

    def clear(self) -> None:
        """Forget every compiled template."""
        for path in self.folder.glob("*.cache"):
            path.unlink(missing_ok=True)
