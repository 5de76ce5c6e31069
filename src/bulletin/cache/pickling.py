"""Cache: pickling the builder's memory, files as references to the output folder,
large values in files of their own."""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from bulletin.outputs.files import OutputFile, kept_in
from bulletin.pipeline.memo import Entry, KeptValue


class DamagedCache(Exception):
    """A file of the cache is not what was written: the cache must be discarded."""


def _file_ref(path: str, digest: str, size: int) -> OutputFile:
    """Stands, in the pickle, for a file in the output folder; the unpickler supplies it."""
    raise pickle.UnpicklingError(f"{path}: a build cache reference read outside the cache")


#: A product's value pickled to more bytes than this is kept in a file of its own.
APART_FROM = 512


class FilesAsReferences(pickle.Pickler):
    """Stores every output file as a reference to the output folder it was written to,
    and every large value of a product in a file of its own.

    The reducers are in a dispatch table, looked up by exact type in C, so only
    files and entries cost a Python call (a persistent_id hook would be called
    for every one of the hundreds of thousands of objects in the cache). A
    value is named by its product's key, which determines it: a value kept by
    an earlier build is not pickled again.
    """

    def __init__(self, stream: IO[bytes], apart: Path) -> None:
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._apart = apart
        self._there = set(os.listdir(apart))  # one look at the folder, not a stat per value
        self.kept: set[str] = set()
        table = dict(copyreg.dispatch_table)
        table[OutputFile] = self._reduce_file
        table[Entry] = self._reduce_entry
        self.dispatch_table = table

    def _reduce_file(self, file: OutputFile) -> tuple[Any, ...]:
        return (_file_ref, (file.path, file.digest, file.size))

    def _reduce_entry(self, entry: Entry) -> tuple[Any, ...]:
        """An entry as its fields (read back without calling its constructor), its value
        kept apart if it is large."""
        value = entry.value
        name = f"{entry.key}.value"
        if isinstance(value, KeptValue) or (value is not None and name in self._there):
            if name not in self._there:
                raise DamagedCache(f"{name} could not be read (it is not there)")
            value = KeptValue(name)
        elif value is not None:
            data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            if len(data) > APART_FROM:
                with replacing(self._apart / name) as stream:
                    stream.write(content_hash(data).encode() + data)
                self._there.add(name)
                value = KeptValue(name)
        if isinstance(value, KeptValue):
            self.kept.add(value.name)
        state = {"key": entry.key, "files": entry.files, "value": value, "depends": entry.depends}
        return (copyreg.__newobj__, (Entry,), state)  # type: ignore[attr-defined]


class References(pickle.Unpickler):
    """Turns references back into files kept in the output folder."""

    def __init__(self, stream: io.BytesIO, output: str) -> None:
        super().__init__(stream)
        self._output = output

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _file_ref.__name__:
            return self._kept
        return super().find_class(module, name)

    def _kept(self, path: str, digest: str, size: int) -> OutputFile:
        return kept_in(self._output, path, digest, size)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[IO[bytes]]:
    """Write a file whole or not at all, so an interrupted build leaves a readable cache."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def content_hash(data: bytes) -> str:
    """The hex sha256 of bytes, as the cache's files are checked by."""
    return hashlib.sha256(data).hexdigest()
