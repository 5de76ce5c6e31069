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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from bulletin.outputs.files import OutputFile
from bulletin.outputs.protocol import Member


@dataclass(frozen=True)
class KeptValue:
    """A product's value that the build cache keeps in a file of its own (a calendar's
    serialised events, a feed entry's HTML), read back only when a product reads it."""

    name: str


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


class GroupEntry(NamedTuple):
    """A group of products as last made: its key, the digest of the inputs it was declared
    from, and its members, which stand for its products while those inputs are the same
    (a named tuple, as `Member` is: quick to pickle and read back)."""

    key: str
    declared_from: str
    members: tuple[Member, ...]


class Memo:
    """Products last made, by id; safe to use from the build and a background thread."""

    def __init__(
        self,
        entries: dict[str, Entry] | None = None,
        groups: dict[str, GroupEntry] | None = None,
    ) -> None:
        self._entries: dict[str, Entry] = dict(entries or {})
        self._groups: dict[str, GroupEntry] = dict(groups or {})
        self._lock = threading.Lock()
        #: Reads a value the cache kept apart (the build cache sets it).
        self.load_value: Callable[[KeptValue], object] | None = None

    def value(self, product_id: str, entry: Entry) -> object:
        """A product's value, read back (explicitly, now) if the cache kept it apart."""
        if not isinstance(entry.value, KeptValue):
            return entry.value
        known = self.get(product_id)
        if known is not None and known.key == entry.key and not isinstance(known.value, KeptValue):
            return known.value  # read back already, by another product this build
        if self.load_value is None:
            raise LookupError(f"the value of {product_id} was kept apart, and nothing reads it")
        value = self.load_value(entry.value)
        self.put(product_id, replace(entry, value=value))
        return value

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

    def group(self, group_id: str) -> GroupEntry | None:
        """The entry of a group of products, if it was made before."""
        return self._groups.get(group_id)

    def put_group(self, group_id: str, entry: GroupEntry) -> None:
        """Remember a group whose products were all made under its key."""
        with self._lock:
            self._groups[group_id] = entry

    def drop_group(self, group_id: str) -> None:
        """Forget a group (found stale: its members are about to change)."""
        with self._lock:
            self._groups.pop(group_id, None)

    def prune(
        self,
        kept: Iterable[str],
        prefixes: tuple[str, ...] = (),
        groups: Iterable[str] | None = None,
    ) -> None:
        """Forget the products not kept (with prefixes, only among ids that start with one),
        and, if `groups` are given, the groups not among them."""
        keep = set(kept)
        with self._lock:
            self._entries = {
                pid: entry
                for pid, entry in self._entries.items()
                if pid in keep or (prefixes and not pid.startswith(prefixes))
            }
            if groups is not None:
                keep_groups = set(groups)
                self._groups = {g: e for g, e in self._groups.items() if g in keep_groups}

    def entries(self) -> dict[str, Entry]:
        """Every entry, by product id (a copy)."""
        with self._lock:
            return dict(self._entries)

    def groups(self) -> dict[str, GroupEntry]:
        """Every group's entry, by group id (a copy)."""
        with self._lock:
            return dict(self._groups)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._entries = {}
            self._groups = {}

    def __getstate__(self) -> dict[str, object]:
        with self._lock:
            return {"_entries": dict(self._entries), "_groups": dict(self._groups)}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._entries = dict(state["_entries"])  # type: ignore[call-overload]
        self._groups = dict(state.get("_groups", {}))  # type: ignore[call-overload]
        self._lock = threading.Lock()
        self.load_value = None
