"""Cache: the builder's memory kept in two layers, so that saving costs what changed.

The memory is a few tables of frozen items: the issues read (by file), the
products' entries and the groups' entries (by id). At 1,000 issues that is
about 9,000 items and 4 MB pickled, of which one edit changes a few dozen;
pickling every one again at each save took about 40 ms, and ten times that
at 10,000 issues.

So the tables are kept as a log-structured store keeps a table: a *base*
file holds every item as it was when the base was written, and the state
file holds only the *changes* since then, the items that are not the very
objects the base was written or read from (items are frozen, so an item that
is the same object has the same value) and the keys of the items that are
gone. Reading merges the two. When the changes reach an eighth of the base,
the base is written again whole and the changes start empty.

A base file is named by the hash of its bytes, and the state names the base
it goes with: a save writes its new base before the state that names it, so
a save killed between the two leaves the old state with its old base.
"""

from __future__ import annotations

import gc
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin.cache.pickling import FilesAsReferences, References, content_hash, replacing
from bulletin.pipeline.memo import KeptValue

#: The tables of the memory, each a dict of frozen items by key.
Tables = dict[str, dict[Any, Any]]
#: What a base file is called: the start of the hash of its bytes.
BASE_NAME = re.compile(r"^base-([0-9a-f]{32})\.pickle$")
#: The base is written again once the changes since reach this share of it.
REWRITE_FROM = 1 / 8


@dataclass(frozen=True)
class Changes:
    """What the state file holds of the tables: the base it goes with, and what changed
    since that base was written."""

    base: str
    changed: Tables
    gone: dict[str, list[Any]]


class Layers:
    """Splits a memory's tables into a base and changes, and joins them back."""

    def __init__(self, folder: Path, header: str) -> None:
        self.folder, self.header = folder, header
        #: The base's file name and its items: the objects it was written or read from.
        self.base_name: str | None = None
        self.base: Tables = {}
        #: Values kept apart that the base names (kept while the base is).
        self.base_kept: set[str] = set()

    def split(self, tables: Tables, apart: Path) -> Changes:
        """What to write in the state for these tables, writing a new base first if the
        changes since the last one have grown too many (or there is none)."""
        changes = self._changes(tables)
        count = sum(map(len, changes.changed.values())) + sum(map(len, changes.gone.values()))
        if self.base_name is None or count > REWRITE_FROM * max(1, _size(tables)):
            self._write_base(tables, apart)
            return Changes(self.base_name or "", {name: {} for name in tables}, {})
        return changes

    def join(self, changes: Changes, output: Path) -> Tables:
        """The tables a state holds: its base, read and checked, with its changes."""
        self._read_base(changes.base, output)
        tables: Tables = {}
        for name, items in self.base.items():
            gone = set(changes.gone.get(name, ()))
            table = {key: item for key, item in items.items() if key not in gone}
            table.update(changes.changed.get(name, {}))
            tables[name] = table
        return tables

    def kept(self, changes: Changes) -> set[str]:
        """The values kept apart that the base's entries still in use name (those that
        changed since are read from the changes, so their old values may go)."""
        superseded = set(changes.changed.get("entries", {})) | set(changes.gone.get("entries", ()))
        current = {
            f"{entry.key}.value"
            for key, entry in self.base.get("entries", {}).items()
            if key not in superseded
        }
        return self.base_kept & current

    def remove_others(self) -> None:
        """Delete base files other than the current one (left by earlier saves)."""
        for path in self.folder.iterdir():
            if BASE_NAME.match(path.name) and path.name != self.base_name:
                path.unlink(missing_ok=True)

    def _changes(self, tables: Tables) -> Changes:
        changed: Tables = {}
        gone: dict[str, list[Any]] = {}
        for name, items in tables.items():
            base = self.base.get(name, {})
            changed[name] = {key: item for key, item in items.items() if base.get(key) is not item}
            gone[name] = [key for key in base if key not in items]
        return Changes(self.base_name or "", changed, gone)

    def _write_base(self, tables: Tables, apart: Path) -> None:
        payload = io.BytesIO()
        pickler = FilesAsReferences(payload, apart)
        pickler.dump(tables)
        data = payload.getvalue()
        digest = content_hash(data)
        name = f"base-{digest[:32]}.pickle"
        with replacing(self.folder / name) as stream:
            stream.write(f"{self.header}\n{digest}\n".encode())
            stream.write(data)
        self.base_name, self.base = name, {key: dict(items) for key, items in tables.items()}
        self.base_kept = set(pickler.kept)

    def _read_base(self, name: str, output: Path) -> None:
        """Read the base a state names; any mismatch raises (the cache is then discarded)."""
        match = BASE_NAME.match(name)
        if match is None:
            raise ValueError("the state names no base")
        with (self.folder / name).open("rb") as stream:
            if stream.readline().decode("utf-8", "replace").rstrip("\n") != self.header:
                raise ValueError("the base was made by another version of bulletin")
            expected = stream.readline().decode("ascii", "replace").strip()
            data = stream.read()
        if content_hash(data) != expected or not expected.startswith(match.group(1)):
            raise ValueError("the base was changed after it was written")
        base = _unpickled(References(io.BytesIO(data), str(output.absolute())))
        if not isinstance(base, dict) or not all(isinstance(t, dict) for t in base.values()):
            raise ValueError("the base is not a builder's memory")
        self.base_name, self.base = name, base
        self.base_kept = _kept_names(base.get("entries", {}))


#: Whether this process has read a base with the collector paused and frozen it (once).
_froze_a_base = False


def _unpickled(unpickler: References) -> object:
    """What an unpickler reads, kept out of the cycle collector's walks.

    A base is a hundred thousand containers and no garbage, and it lives as long as
    the build: the collections its reading set off, and every one after it, walked
    them all (collections took 17-20 ms of a one-edit build at 1,000 issues, and take
    7 ms once the base is frozen). `gc.freeze` sets aside every object alive, not the base
    alone: early in a command that is the code and the base. Read with the collector
    paused, then frozen, once a process, as `cli.options.loading_code` freezes the
    code: a command reads one base, and a process that runs many builds (a test's)
    would otherwise freeze each build's garbage for good.
    """
    global _froze_a_base
    if _froze_a_base or not gc.isenabled():
        return unpickler.load()
    gc.disable()
    try:
        loaded = unpickler.load()
        gc.freeze()
        _froze_a_base = True
        return loaded
    finally:
        gc.enable()


def _size(tables: Mapping[str, Mapping[Any, Any]]) -> int:
    return sum(map(len, tables.values()))


def _kept_names(entries: Mapping[str, Any]) -> set[str]:
    """The values kept apart that a base's entries name."""
    return {e.value.name for e in entries.values() if isinstance(e.value, KeptValue)}
