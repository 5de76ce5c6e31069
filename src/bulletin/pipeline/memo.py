"""Pipeline: the one memo of products, which every output's products are looked up in.

An entry holds what a product was last made into (its files, and the value
later products read) under the key it was made for. A product whose key is
the same as its entry's is not made again. Entries of products that a build
no longer declares are pruned at its end; the build cache keeps the memo on
disk between builds (`bulletin.cache`), with its files as references to the
output folder they were written to.

Some products find out what they depend on only as they are made (a link
check learns which pages its links reach): they record those files' paths
and digests with their entry (`depends`), and the entry holds only while
each of those paths still has the same digest.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bulletin.outputs.files import OutputFile


@dataclass(frozen=True)
class Entry:
    """A product as last made: its key, its files, its value and what it found it read."""

    key: str
    files: tuple[OutputFile, ...] = ()
    value: object = None
    depends: tuple[tuple[str, str | None], ...] = ()

    def holds(self, key: str, current: Mapping[str, OutputFile]) -> bool:
        """Whether this entry is what the product would be made into now."""
        if key != self.key:
            return False
        for path, digest in self.depends:
            file = current.get(path)
            if (file.digest if file is not None else None) != digest:
                return False
        return True


class Memo:
    """Products last made, by id; safe to use from the build and a background thread."""

    def __init__(self, entries: dict[str, Entry] | None = None) -> None:
        self._entries: dict[str, Entry] = dict(entries or {})
        self._lock = threading.Lock()

    def get(self, product_id: str) -> Entry | None:
        """The entry of a product, if it was made before."""
        with self._lock:
            return self._entries.get(product_id)

    def put(self, product_id: str, entry: Entry) -> None:
        """Remember what a product was made into."""
        with self._lock:
            self._entries[product_id] = entry

    def drop(self, product_id: str) -> None:
        """Forget a product (one that this build has made nothing of)."""
        with self._lock:
            self._entries.pop(product_id, None)

    def prune(self, kept: Iterable[str], prefixes: tuple[str, ...] = ()) -> None:
        """Forget the products not kept; with prefixes, only among ids that start with one."""
        keep = set(kept)
        with self._lock:
            self._entries = {
                pid: entry
                for pid, entry in self._entries.items()
                if pid in keep or (prefixes and not pid.startswith(prefixes))
            }

    def entries(self) -> dict[str, Entry]:
        """Every entry, by product id (a copy)."""
        with self._lock:
            return dict(self._entries)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._entries = {}

    def __getstate__(self) -> dict[str, object]:
        return {"_entries": self.entries()}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._entries = dict(state["_entries"])  # type: ignore[call-overload]
        self._lock = threading.Lock()
