"""Digests: one content hash for any value a product is made from, and for input files.

A product of the build (a page, a feed, a calendar) is made from a value: a
view of the site, the template's name, the theme's stamp. Its key is
`digest(value)`, a hash of that value's contents walked field by field, so
that whatever the product can see is in its key by construction: a field
added to a view is keyed the moment it exists, with nothing to keep in step
by hand. Values that cannot be keyed faithfully (functions, open files,
arbitrary objects) are refused with a TypeError, which keeps callables out of
views.

The walk is pickle's, in C, with records, sets and kept digests turned into
plain tuples on the way (`_Walker`), which costs less than a walk in Python.
Values walked again and again (an issue's facts appear on many pages)
inherit `Keyed`, which keeps their digest once made. Bodies of prose are
keyed by a digest of what they were made from (`content_digest`), not by
walking their HTML.

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
import io
import os
import pickle
import time
from pathlib import Path, PurePath

#: (size, modification time in ns, sha256 hex) of one file.
Stamp = tuple[int, int, str]


def digest(value: object) -> str:
    """The hex content hash of a value: equal values, and only those, have equal digests."""
    quick = _of_kept_digests(value)
    return quick if quick is not None else _hash_of(value)


def _of_kept_digests(value: object) -> str | None:
    """The digest of a record whose fields are all `Keyed` values or plain scalars, from
    their kept digests without a walk; None for any other value.

    A build takes thousands of these (what each issue's group of products is
    declared from: the issue, its neighbours, the settings they share), and a
    walk of five kept digests costs more in setting up than in walking. The
    text hashed names the record's type and each field's kind, and holds no
    unescaped separator, so it is as faithful as a walk; it cannot begin as a
    walk's bytes do (with the byte 0x80), so the two never give one digest.
    """
    if isinstance(value, Keyed):
        return None
    names = _fields_of(type(value))
    if not names:
        return None
    parts = [type(value).__qualname__]
    for name in names:
        field = getattr(value, name)
        if isinstance(field, Keyed):
            parts.append("K" + field.content_digest)
        elif field is None or type(field) in _SCALARS:
            parts.append(f"{type(field).__name__}:{field!r}")
        else:
            return None
    text = "\x00".join(parts)
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


#: Field types a record's quick digest writes as they are (by their repr).
_SCALARS = frozenset({bool, int, str})


class Keyed:
    """A value whose digest is kept once made: it is frozen, so it cannot go stale."""

    @functools.cached_property
    def content_digest(self) -> str:
        """The value's digest, walked over its fields once."""
        return _hash_of(_record(self, "D"))


class _Walker(pickle.Pickler):
    """Walks a value in C (pickle), stopping in Python only at records and digests.

    Pickle writes plain values (strings, numbers, tuples, lists, dicts) faithfully
    and fast. Every other value is turned here into a plain tuple that names its
    kind: a record into its type's name and its fields (never its cached
    extras), a `Keyed` value or a body into the digest it keeps, a set into its
    members' digests in order. Anything else (a function, an open file) is
    refused. Fast mode writes no back-references, so how values happen to be
    shared in memory never changes a digest.
    """

    def persistent_id(self, value: object) -> object:
        kind = type(value)
        if kind in _PLAIN:
            return None
        if isinstance(value, Keyed):
            return ("K", value.content_digest)
        known = _named_digest(value)
        if known is not None:
            return ("K", known)
        return _reduced(value)


def _hash_of(value: object) -> str:
    """The digest of one walk, with a walker from `_IDLE` (a build takes thousands of keys,
    and making a walker costs as much as a small walk); a walk within a walk (a `Keyed`
    value's first digest) takes another, and a walk that fails leaves its walker behind."""
    try:
        buffer, walker = _IDLE.pop()
    except IndexError:
        buffer = io.BytesIO()
        walker = _Walker(buffer, protocol=5)
        walker.fast = True
    walker.dump(value)
    with buffer.getbuffer() as written:
        found = hashlib.blake2b(written, digest_size=20).hexdigest()
    buffer.seek(0)
    buffer.truncate()
    _IDLE.append((buffer, walker))
    return found


#: Walkers not walking now, each with its buffer (taking and giving back one is atomic, so
#: threads share them safely).
_IDLE: list[tuple[io.BytesIO, _Walker]] = []


def _reduced(value: object) -> tuple[object, ...]:
    """A plain tuple standing for a value pickle should not write as it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _record(value, "D")
    if (model_fields := getattr(type(value), "model_fields", None)) is not None:  # pydantic
        return ("M", type(value).__qualname__, *(getattr(value, n) for n in model_fields))
    if isinstance(value, frozenset | set):
        return ("S", *sorted(digest(item) for item in value))
    if isinstance(value, enum.Enum):
        return ("E", type(value).__qualname__, value.value)
    if isinstance(value, dt.datetime):
        return ("T", value.isoformat(), str(value.tzinfo) if value.tzinfo else "")
    if isinstance(value, dt.date | dt.time):
        return ("d" if isinstance(value, dt.date) else "t", value.isoformat())
    if isinstance(value, str | bytes | int | float | PurePath):
        return ("P", _plain(value))  # a subclass of a simple type (Markup, PosixPath)
    raise TypeError(
        f"{type(value).__qualname__} cannot be part of a product's inputs: give templates "
        "and outputs plain values (frozen dataclasses, tuples, strings, numbers, dates)"
    )


def _record(value: object, tag: str) -> tuple[object, ...]:
    names = _fields_of(type(value)) or ()
    return (tag, type(value).__qualname__, *(getattr(value, name) for name in names))


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


#: Each type's dataclass field names (None: not a dataclass).
_FIELDS: dict[type, tuple[str, ...] | None] = {}

#: Types pickle writes faithfully as they are.
_PLAIN = frozenset({type(None), bool, int, float, str, bytes, tuple, list, dict})


def _plain(value: object) -> object:
    """The plain value a subclass of a simple type stands for."""
    if isinstance(value, str):
        return str.__str__(value)  # an exact str, even for Markup (whose str() is Markup)
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)  # a path


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
        self._pass_began: int | None = None

    def next_pass(self) -> None:
        """Begin another look at the files: a long-lived builder's next build (a preview's).

        The hashes the last pass took are trusted for files that changed well before it
        began, so that a preview's save reads the one file saved, not every file; stamps
        the last pass did not check are dropped, as nothing vouches for them. The first
        pass keeps what it was given (a cache record's hashes, and their settled time).
        """
        began = time.time_ns()
        if self._pass_began is not None:
            self._settled_before = self._pass_began - SETTLED_NS
            self._known, self.used = self.used, {}
        self._pass_began = began

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
