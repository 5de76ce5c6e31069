"""Cache: the builder's memory between `bulletin build` runs, in .bulletin-cache/.

- `state.pickle` and a `base-*.pickle`: the issue memo (each issue file's
  stamp, facts and problems) and the memo of products (each product's key,
  files and value, and each group's), in two layers (`cache.layers`): the
  base holds them as they were when it was written, the state what changed
  since, so saving after one edit pickles a few dozen items, not thousands.
  Files are stored as references to the output folder they were written to
  (path, size, content hash), not as bytes, so the cache stays a fraction of
  the site's size.
- `apart/`: each issue's body in a file of its own, named by the hash and
  size of its bytes, read back only when a product that shows it is made
  (an edit to one issue of 1,000 reads one or two), so saving after one edit
  writes one small file; and large values of products (`*.value`).
- `templates/`: Jinja's compiled templates (`render.bytecode`), each with
  the hash of its bytes in front; any that does not match is removed with a
  notice before a build starts, and compiled again.
- `record.marshal`: the record of the last build (`cache.inputs`), with the
  hash of the rest on its first line.

Every file is checked before it is trusted: the state file's and the base's
first line names the cache format, bulletin's version and code, Python's and
the site folder, their second line is the hash of the rest, which is
unpickled only when both match (and the base's hash is the one the state
names); a body's file is checked against the hash in its name when it is
read. A cache that fails any check is discarded with a notice and the build
goes on from nothing. (Pickle runs code on loading, so the cache is trusted
as much as the site folder it lives in, which already holds the templates a
build runs.)
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bulletin.cache.inputs import (
    APART,
    HEADER,
    OLD_RECORD,
    RECORD,
    STATE,
    TEMPLATES,
    Record,
    cache_dir,
    read_record,
)
from bulletin.cache.layers import Changes, Layers, Tables
from bulletin.cache.pickling import (
    DamagedCache,
    FilesAsReferences,
    References,
    content_hash,
    replacing,
)
from bulletin.content.models import Body
from bulletin.options import BuildOptions
from bulletin.pipeline.builder import Memory
from bulletin.pipeline.issues import ReadIssue
from bulletin.pipeline.memo import Entry, GroupEntry, KeptValue, Memo
from bulletin.render.bytecode import damaged_files

_KEPT_NAME = re.compile(r"^([0-9a-f]{32})-([0-9]+)\.pickle$")


class CacheFolder:
    """Reads and writes one site's .bulletin-cache/ folder."""

    def __init__(self, options: BuildOptions, notice: Callable[[str], None]) -> None:
        self.options, self.notice = options, notice
        self.folder = cache_dir(options)
        self._bodies: dict[str, str] = {}  # body digest -> its file's name in apart/
        self._layers = Layers(self.folder, self._state_header)

    def record(self) -> Record | None:
        """The last build's record, or None (with a notice if one was there but unusable)."""
        path = self.folder / RECORD
        if self.folder.exists() and not self.folder.is_dir():
            self.discard("it is a file, not a folder")
            return None
        self._check_templates()
        if not path.exists():
            return None
        record = read_record(path)
        if record is None:
            self.discard("its record of the last build could not be used")
        return record

    def _check_templates(self) -> None:
        """Remove compiled templates that were changed after they were written, and say so
        (each is compiled again)."""
        damaged = damaged_files(self.folder / TEMPLATES)
        for path in damaged:
            path.unlink(missing_ok=True)
        if damaged:
            self.notice(
                f"Note: {len(damaged)} compiled template(s) in {self.folder / TEMPLATES} "
                "had been damaged and were compiled again."
            )

    def restore(self, memory: Memory, output: Path, products_too: bool) -> bool:
        """Take up what `save` kept into a builder's memory; False if nothing could be."""
        loaded = self._load(output)
        if loaded is None:
            return False
        tables = loaded
        memory.issues.read = tables[ISSUES]
        memory.issues.bodies = {}
        memory.issues.load_body = self.load_body
        memory.products = Memo(tables[ENTRIES], tables[GROUPS]) if products_too else Memo()
        memory.products.load_value = self.load_value
        self._bodies = tables[BODIES]
        return True

    def load_body(self, digest: str) -> Body:
        """An issue's body, from its file, checked against the hash in the file's name."""
        name = self._bodies.get(digest)
        if name is None:
            raise DamagedCache("a body the cache names is not in it")
        path = self.folder / APART / name
        try:
            data = path.read_bytes()
        except OSError as err:
            raise DamagedCache(f"{name} could not be read ({type(err).__name__})") from err
        if not _name_fits(name, data):
            raise DamagedCache(f"{name} was changed after it was written")
        try:
            body = pickle.loads(data)
        except Exception as err:
            raise DamagedCache(f"{name} could not be read ({type(err).__name__})") from err
        if not isinstance(body, Body) or body.content_digest != digest:
            raise DamagedCache(f"{name} does not hold the body it should")
        return body

    def load_value(self, kept: KeptValue) -> object:
        """A product's value, from its file, checked against the hash at its start."""
        path = self.folder / APART / kept.name
        try:
            data = path.read_bytes()
        except OSError as err:
            raise DamagedCache(f"{kept.name} could not be read ({type(err).__name__})") from err
        stored, payload = data[:64], data[64:]
        if stored != content_hash(payload).encode():
            raise DamagedCache(f"{kept.name} was changed after it was written")
        try:
            return pickle.loads(payload)
        except Exception as err:
            raise DamagedCache(f"{kept.name} could not be read ({type(err).__name__})") from err

    def save(self, memory: Memory, record: Record) -> None:
        """Keep the builder's memory and the record, replacing the old ones."""
        apart = self.folder / APART
        apart.mkdir(parents=True, exist_ok=True)
        bodies = self._kept_bodies(memory, apart)
        tables: Tables = {
            ISSUES: dict(memory.issues.read),
            ENTRIES: memory.products.entries(),
            GROUPS: memory.products.groups(),
            BODIES: bodies,
        }
        changes = self._layers.split(tables, apart)
        payload = io.BytesIO()
        pickler = FilesAsReferences(payload, apart)
        pickler.dump(changes)
        data = payload.getvalue()
        with replacing(self.folder / STATE) as stream:
            stream.write(f"{self._state_header}\n{content_hash(data)}\n".encode())
            stream.write(data)
        with replacing(self.folder / RECORD) as stream:
            stream.write(record.to_bytes())
        (self.folder / OLD_RECORD).unlink(missing_ok=True)
        kept = set(bodies.values()) | pickler.kept | self._layers.kept(changes)
        for stale in {p.name for p in apart.iterdir()} - kept:
            (apart / stale).unlink(missing_ok=True)
        self._layers.remove_others()
        self._bodies = bodies

    def clear(self) -> None:
        """Forget everything, compiled templates included."""
        self._layers = Layers(self.folder, self._state_header)
        if self.folder.is_dir() and not self.folder.is_symlink():
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                self.folder.unlink()

    def discard(self, why: str) -> None:
        """Delete the cache, and say why."""
        self.notice(f"Note: the build cache in {self.folder} was discarded: {why}.")
        self.clear()

    @property
    def _state_header(self) -> str:
        return f"{HEADER} {self.options.site_root.absolute()}"

    def _load(self, output: Path) -> Tables | None:
        path = self.folder / STATE
        if not path.exists():
            return None
        try:
            with path.open("rb") as stream:
                if stream.readline().decode("utf-8", "replace").rstrip("\n") != self._state_header:
                    self.discard("it was made by another version of bulletin or Python")
                    return None
                expected = stream.readline().decode("ascii", "replace").strip()
                data = stream.read()
            if content_hash(data) != expected:
                self.discard("its state file was changed after it was written")
                return None
            loaded = References(io.BytesIO(data), str(output.absolute())).load()
            return _checked(loaded, self._layers, output, self.folder / APART)
        except Exception as err:  # any failure to read or unpickle means "do not trust it"
            self.discard(f"it could not be read ({type(err).__name__})")
            return None

    def _kept_bodies(self, memory: Memory, apart: Path) -> dict[str, str]:
        """The file of every current issue's body, writing those not kept yet."""
        kept: dict[str, str] = {}
        there = set(os.listdir(apart))
        for entry in memory.issues.read.values():
            if entry.issue is None:
                continue
            digest = entry.issue.body_digest
            name = self._bodies.get(digest)
            body = memory.issues.bodies.get(digest)
            if body is not None and (name is None or name not in there):
                name = _write_apart(apart, pickle.dumps(body, pickle.HIGHEST_PROTOCOL))
            elif name is None or name not in there:
                raise DamagedCache(f"{name or 'a body'} could not be read (it is not there)")
            kept[digest] = name
        return kept


#: The tables of the memory, and the type of the items each holds.
ISSUES, ENTRIES, GROUPS, BODIES = "issues", "entries", "groups", "bodies"
_KINDS = {ISSUES: ReadIssue, ENTRIES: Entry, GROUPS: GroupEntry, BODIES: str}


def _checked(changes: Any, layers: Layers, output: Path, apart: Path) -> Tables:
    """The memory as saved, its base joined to its changes, its bodies' files all there at
    their sizes."""
    if not isinstance(changes, Changes):
        raise pickle.UnpicklingError("the state is not a builder's memory")
    tables = layers.join(changes, output)
    if set(tables) != set(_KINDS):
        raise pickle.UnpicklingError("the state does not hold every table of a memory")
    for name, kind in _KINDS.items():
        if not all(isinstance(item, kind) for item in tables.get(name, {}).values()):
            raise pickle.UnpicklingError(f"the state's {name} are not what they should be")
    sizes = {entry.name: entry for entry in os.scandir(apart)}  # one look at the folder
    for name in tables[BODIES].values():
        match = _KEPT_NAME.match(name)
        there = sizes.get(name)
        if match is None or there is None or there.stat().st_size != int(match.group(2)):
            raise pickle.UnpicklingError(f"{name} is missing or not the size it was written")
    return tables


def _name_fits(name: str, data: bytes) -> bool:
    match = _KEPT_NAME.match(name)
    return match is not None and match.group(1) == content_hash(data)[:32]


def _write_apart(apart: Path, data: bytes) -> str:
    name = f"{content_hash(data)[:32]}-{len(data)}.pickle"
    if not (apart / name).exists():
        with replacing(apart / name) as stream:
            stream.write(data)
    return name
