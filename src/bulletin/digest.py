"""Digests: one content hash for any value a product is made from, and for input files.

A product of the build (a page, a feed, a calendar) is made from a value: a
view of the site, the template's name, the theme's stamp. Its key is
`digest(value)`, a hash of that value's contents walked field by field, so
that whatever the product can see is in its key by construction: a field
added to a view is keyed the moment it exists, with nothing to keep in step
by hand. Values that cannot be keyed faithfully (functions, open files,
arbitrary objects) are refused with a TypeError, which keeps callables out of
views.

Walking is cheap but not free; values walked again and again (an issue's
facts appear on many pages) inherit `Keyed`, which keeps their digest once
made. Bodies of prose are keyed by a digest of what they were made from
(`content_digest`), not by walking their HTML.

`FileDigests` hashes input files by content, reading a file again only when
its size or time changes, as git's index does, or when it changed so soon
before it was last hashed that a coarse clock could hide an edit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

#: (size, modification time in ns, sha256 hex) of one file.
Stamp = tuple[int, int, str]


def digest(value: object) -> str:
    """The hex content hash of a value: equal values, and only those, have equal digests."""
    total = hashlib.blake2b(digest_size=20)
    _feed(total.update, value)
    return total.hexdigest()


class Keyed:
    """A value whose digest is kept once made: it is frozen, so it cannot go stale."""

    @functools.cached_property
    def content_digest(self) -> str:
        """The value's digest, walked over its fields once."""
        total = hashlib.blake2b(digest_size=20)
        _feed_fields(total.update, self)
        return total.hexdigest()


def _feed(update: Callable[[bytes], object], value: object) -> None:
    """Feed a value's type and contents to a hash, recursively."""
    kind = type(value)
    simple = _SIMPLE.get(kind)
    if simple is not None:
        update(simple(value))
        return
    known = value.content_digest if isinstance(value, Keyed) else _named_digest(value)
    if known is not None:
        update(b"K")
        update(known.encode())
        return
    if isinstance(value, tuple | list):
        update(b"(%d" % len(value))
        for item in value:
            _feed(update, item)
        return
    if isinstance(value, dict):
        update(b"{%d" % len(value))
        for key, item in value.items():
            _feed(update, key)
            _feed(update, item)
        return
    _feed_other(update, value)


def _feed_other(update: Callable[[bytes], object], value: object) -> None:
    """Values that are neither simple nor containers: records, models, sets, enums."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _feed_fields(update, value)
    elif (model_fields := getattr(type(value), "model_fields", None)) is not None:  # pydantic
        update(b"M" + type(value).__qualname__.encode())
        for name in model_fields:
            _feed(update, getattr(value, name))
    elif isinstance(value, frozenset | set):
        update(b"S" + "".join(sorted(digest(item) for item in value)).encode())
    elif isinstance(value, enum.Enum):
        update(b"E" + type(value).__qualname__.encode())
        _feed(update, value.value)
    elif isinstance(value, str | bytes | int | float | PurePath | dt.date | dt.time):
        _feed(update, _plain(value))  # a subclass of a simple type (Markup, PosixPath)
    else:
        raise TypeError(
            f"{type(value).__qualname__} cannot be part of a product's inputs: give templates "
            "and outputs plain values (frozen dataclasses, tuples, strings, numbers, dates)"
        )


def _named_digest(value: object) -> str | None:
    """The digest a record names as a field of its own (a body: of what it was made from)."""
    names = _fields_of(type(value))
    if names is None or "content_digest" not in names:
        return None
    known = getattr(value, "content_digest", None)
    return known if isinstance(known, str) else None


def _fields_of(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once (dataclasses.fields is slow to call); None
    for a type that is not a dataclass."""
    if kind not in _FIELDS:
        is_record = dataclasses.is_dataclass(kind)
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)) if is_record else None
    return _FIELDS[kind]


def _feed_fields(update: Callable[[bytes], object], record: Any) -> None:
    update(b"D" + type(record).__qualname__.encode())
    for name in _fields_of(type(record)) or ():
        _feed(update, getattr(record, name))


#: Each type's dataclass field names (None: not a dataclass).
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _plain(value: Any) -> object:
    """The plain value a subclass of a simple type stands for."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, PurePath):
        return Path(value)
    return value


def _moment(value: dt.datetime) -> bytes:
    zone = str(value.tzinfo) if value.tzinfo else ""
    return b"T" + f"{value.isoformat()} {zone}".encode()


_SIMPLE: dict[type, Callable[[Any], bytes]] = {
    type(None): lambda value: b"N",
    bool: lambda value: b"B1" if value else b"B0",
    int: lambda value: b"I%d;" % value,
    float: lambda value: b"F" + repr(value).encode() + b";",
    str: lambda value: b"U%d:%b" % (len(value), value.encode("utf-8", "surrogatepass")),
    bytes: lambda value: b"Y%d:" % len(value) + value,
    dt.date: lambda value: b"d" + value.isoformat().encode(),
    dt.datetime: _moment,
    dt.time: lambda value: b"t" + value.isoformat().encode() + str(value.tzinfo).encode(),
}
_SIMPLE[type(Path("."))] = lambda value: b"P" + str(value).encode()


#: How long before the last hashing a file must have last changed for its recorded hash to be
#: trusted: more than the 2 s steps of FAT (USB sticks) and some network shares.
SETTLED_NS = 3_000_000_000


class FileDigests:
    """Content hashes of files, read again only when a file may have changed.

    A recorded hash is trusted when the size and modification time are those
    recorded and the file last changed (its mtime, and its ctime, which no
    one can set back: `cp -p`, `touch -r` and restores set the mtime only)
    well before the hashes were recorded (`settled_before`, in ns). Otherwise
    an edit of the same size within one tick of a coarse clock, or a file
    put back with an old time, would pass for unchanged ("racy git").
    """

    def __init__(self, known: dict[str, Stamp] | None = None, settled_before: int = 0) -> None:
        self._known: dict[str, Stamp] = dict(known or {})
        self._settled_before = settled_before
        self.used: dict[str, Stamp] = {}

    def stamp(self, path: Path) -> Stamp:
        """The file's size, time and content hash."""
        stat = path.stat()
        key = str(path)
        stamp = self._known.get(key)
        changed = max(stat.st_mtime_ns, stat.st_ctime_ns)
        if (
            stamp is None
            or stamp[:2] != (stat.st_size, stat.st_mtime_ns)
            or changed >= self._settled_before
        ):
            stamp = self._known[key] = (stat.st_size, stat.st_mtime_ns, _content_of(path, stat))
        self.used[key] = stamp
        return stamp

    def digest(self, path: Path) -> str:
        """The hash of the file's contents."""
        return self.stamp(path)[2]


#: Files larger than this are not read to be hashed: no input bulletin publishes is this large,
#: and a 2 GB file dropped into content/ must not be read whole only to be refused.
HASHED_UP_TO = 64 * 1024 * 1024


def _content_of(path: Path, stat: os.stat_result) -> str:
    """A file's content hash; for a file too large to be an input, what stands for it."""
    if stat.st_size > HASHED_UP_TO:
        return f"large:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"
    return file_hash(path.read_bytes())


def file_hash(data: bytes) -> str:
    """The content hash of a file's bytes (also what a static file's published name carries)."""
    return hashlib.sha256(data).hexdigest()
