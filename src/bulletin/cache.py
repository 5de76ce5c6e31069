"""Cache: what one `bulletin build` leaves for the next, in .bulletin-cache/.

Two files and a folder, all safe to delete at any time (the next build is
then cold):

- `inputs.json`, small and read first: a content hash of every input file
  (the content folder with site.yaml, the site's and the default theme's
  templates and static files), the options, the date built for, bulletin's
  and Python's versions, and the size and time of every file written to the
  output folder. A build whose inputs hash the same, on the same date, over
  an output folder nobody has touched, has nothing to do and stops there,
  before the pipeline's libraries are even imported.
- `state.pickle`: the builder's own caches (issues read, pages rendered with
  the key each was rendered for, email editions, calendars, search index).
  Files already in the output folder are stored as references to it, not as
  bytes, so the cache stays a fraction of the site's size and an unchanged
  file is recognised without being read.
- `apart/`: values kept in files of their own (`KeptApart`), each issue's
  body above all, read back only when a build uses them.

Hashes are of file contents. As git does with its index, a file whose size
and modification time are those recorded is taken to have the recorded hash
without being read again; any other file is read and hashed.

Each file is checked before it is trusted: a header names the cache format,
bulletin's version and Python's, and the pickle is only unpickled when the
header matches and the site folder is the one it was made for; a value kept
apart is checked against the hash in its file's name. A cache that does not
match, or cannot be read, is discarded with a notice and the build goes on
cold. (Pickle runs code on loading, so the cache is trusted as much as
the site folder it lives in, which already holds the templates a build runs.)
"""

from __future__ import annotations

import contextlib
import copyreg
import datetime as dt
import functools
import gc
import hashlib
import io
import json
import os
import pickle
import platform
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bulletin import __version__
from bulletin.options import BuildOptions, build_date
from bulletin.outputs.files import OutputFile, kept_in
from bulletin.render.theme_files import find_theme
from bulletin.write import output_intact

FOLDER = ".bulletin-cache"
INPUTS = "inputs.json"
STATE = "state.pickle"
APART = "apart"
#: Changed whenever what the cache holds changes shape.
FORMAT = 2


def _code_stamp() -> str:
    """A hash of bulletin's own code: a changed bulletin is another bulletin.

    The version alone is not enough while bulletin is being worked on (an
    editable install keeps its version through every change). Contents, not
    times, so that a fresh checkout of the same code (a CI run restoring the
    cache) keeps the cache; hashing the package takes about 2 ms.
    """
    package = Path(__file__).parent
    total = hashlib.sha256()
    # The web editor's script and the pins of its vendored files are code too (not the
    # vendored files themselves: 6 MB, and they change only with their pins).
    editor = [*package.glob("cms/assets/*"), *package.glob("cms/vendor/PINS")]
    for path in sorted([*package.rglob("*.py"), *editor]):
        total.update(f"{path.relative_to(package)}\0".encode() + path.read_bytes())
    return total.hexdigest()[:16]


_HEADER = f"bulletin-cache {FORMAT} {__version__} {platform.python_implementation()} "
_HEADER += f"{platform.python_version()} {_code_stamp()}"

#: (size, modification time in ns, sha256 hex) of one file.
Stamp = tuple[int, int, str]


def cache_dir(options: BuildOptions) -> Path:
    """Where a site's cache lives: beside its content/ folder."""
    return options.site_root / FOLDER


class FileDigests:
    """Content hashes of files, read again only when a file's size or time changes."""

    def __init__(self, known: dict[str, Stamp] | None = None) -> None:
        self._known: dict[str, Stamp] = dict(known or {})
        self.used: dict[str, Stamp] = {}

    def stamp(self, path: Path) -> Stamp:
        """The file's size, time and content hash."""
        stat = path.stat()
        key = str(path)
        stamp = self._known.get(key)
        if stamp is None or stamp[:2] != (stat.st_size, stat.st_mtime_ns):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            stamp = self._known[key] = (stat.st_size, stat.st_mtime_ns, digest)
        self.used[key] = stamp
        return stamp

    def digest(self, path: Path) -> str:
        """The hash of the file's contents."""
        return self.stamp(path)[2]


def input_folders(site_root: Path) -> list[Path]:
    """Every folder whose files a build may read: content, then the theme, site's first."""
    theme = find_theme(site_root)
    return [site_root / "content", *theme.template_dirs, *theme.static_dirs]


def _walk(folder: Path) -> Iterator[Path] | None:
    """Every file under a folder, in a fixed order; None if a folder is a symbolic link.

    A linked folder could change without any file here changing, so a site
    with one is never declared unchanged (its builds are still incremental).
    """
    found: list[Path] = []
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        base = Path(current)
        if any((base / name).is_symlink() for name in dirs):
            return None
        found.extend(base / name for name in sorted(files))
    return iter(found)


def inputs_digest(options: BuildOptions, digests: FileDigests) -> str | None:
    """One hash of every input and option; None when it cannot be relied on."""
    total = hashlib.sha256(f"{_HEADER}\n{options.describe()}\n".encode())
    for folder in input_folders(options.site_root):
        files = _walk(folder)
        if files is None:
            return None
        for path in files:
            try:
                digest = digests.digest(path)
            except OSError:
                return None
            total.update(f"{path}\0{digest}\n".encode())
    return total.hexdigest()


@dataclass
class Record:
    """What inputs.json holds: the last build's inputs, outputs and report."""

    inputs: str | None
    output: str
    zone: str
    today: str
    files: dict[str, Stamp]
    outputs: dict[str, tuple[int, int]]
    issues: int
    pages: int
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        """The record as inputs.json holds it, header first."""
        return json.dumps({"header": _HEADER, **self.__dict__}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Record | None:
        """The record, or None if it was written by another version or is damaged."""
        try:
            data = json.loads(text)
            if data.pop("header") != _HEADER:
                return None
            data["files"] = {k: tuple(v) for k, v in data["files"].items()}
            data["outputs"] = {k: tuple(v) for k, v in data["outputs"].items()}
            return cls(**data)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def read_record(path: Path) -> Record | None:
    """The record in inputs.json, or None if it is missing or unusable."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _parse_record(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=2)
def _parse_record(path: str, size: int, mtime: int) -> Record | None:
    """Parsed once per version of the file: the CLI asks twice (up to date? then build)."""
    try:
        return Record.from_json(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def site_today(options: BuildOptions, zone: str) -> dt.date:
    """The build's date in the zone the site was last built for."""
    try:
        tz: dt.tzinfo | None = ZoneInfo(zone) if zone else None
    except (ZoneInfoNotFoundError, ValueError):
        tz = None
    return build_date(options.today, tz)


@dataclass
class InputsCheck:
    """The inputs as hashed for one build, and the record of the last build they met."""

    options: BuildOptions
    record: Record | None
    digests: FileDigests
    digest: str | None


def check_inputs(options: BuildOptions) -> InputsCheck:
    """Hash the inputs, starting from what the last build's record knew of them."""
    return hash_inputs(options, read_record(cache_dir(options) / INPUTS))


def hash_inputs(options: BuildOptions, record: Record | None) -> InputsCheck:
    """Hash the inputs, re-reading only files that changed since this record was made."""
    digests = FileDigests(record.files if record else None)
    return InputsCheck(options, record, digests, inputs_digest(options, digests))


def up_to_date(options: BuildOptions, check: InputsCheck | None = None) -> Record | None:
    """The last build's record, if nothing it depended on has changed since; otherwise None.

    Pass the `check` to `build` afterwards, so that it does not hash everything again.
    """
    if not options.use_cache:
        return None
    check = check or check_inputs(options)
    record = check.record
    if record is None or record.inputs is None or check.digest != record.inputs:
        return None
    if site_today(options, record.zone).isoformat() != record.today:
        return None
    return record if output_intact(options.output_dir, record.outputs) else None


class KeptApart:
    """A value the build cache keeps in a file of its own, and reads only when it is used.

    Each issue's body is one. An edit then writes one small file, the rest
    stay as they are, never pickled again; and a build reads back only the
    bodies of the pages it renders (one edit renders one or two issues' pages
    of a thousand: the others' titles, dates and events are enough for lists).
    A value remembers the name of its file, not its bytes (at 10,000 issues
    the bytes would be 250 MB more to hold).

    The file's name is the hash and size of its bytes: a lost or truncated
    file is found when the cache is loaded (a stat per value), and bytes
    changed since are found when read (`DamagedCache`).
    """

    def __getstate__(self) -> dict[str, Any]:
        self._read_if_deferred()
        state = dict(self.__dict__)
        state.pop("_kept_name", None)
        return state

    if not TYPE_CHECKING:  # to a type checker, a value has only its own attributes

        def __getattr__(self, name: str) -> Any:
            """Called only for an attribute not there: a value not yet read is read now."""
            if name.startswith("__") or not self._read_if_deferred():
                raise AttributeError(name)
            return getattr(self, name)

    def _read_if_deferred(self) -> bool:
        """Read the value's attributes from its file, if that is still to do."""
        read: Callable[[], dict[str, Any]] | None = self.__dict__.pop("_read", None)
        if read is None:
            return False
        self.__dict__.update(read())
        return True

    def kept_name(self, folder: Path) -> str:
        """The name of the file in `folder` holding this value, written if it is not there."""
        name: str | None = self.__dict__.get("_kept_name")
        if name is None or not os.path.exists(os.path.join(folder, name)):
            data = pickle.dumps(self, pickle.HIGHEST_PROTOCOL)
            name = f"{_content_hash(data)}-{len(data)}.pickle"
            if not (folder / name).exists():
                with _replacing(folder / name) as stream:
                    stream.write(data)
            self.__dict__["_kept_name"] = name
        return name


class DamagedCache(Exception):
    """A file of the cache is not what was written: the cache must be discarded."""


def _content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


_KEPT_NAME = re.compile(r"^([0-9a-f]{32})-([0-9]+)\.pickle$")


def _deferred(kind: type[KeptApart], folder: str, name: str) -> KeptApart:
    """A value of a kind, to be read from its file when first used."""
    match = _KEPT_NAME.match(name)
    if match is None or not issubclass(kind, KeptApart):
        raise pickle.UnpicklingError(f"{name}: not a value the cache keeps apart")
    path = os.path.join(folder, name)
    if os.stat(path).st_size != int(match.group(2)):
        raise pickle.UnpicklingError(f"{name} is not the size it was written")
    value = kind.__new__(kind)
    value.__dict__["_kept_name"] = name
    value.__dict__["_read"] = functools.partial(_read_kept, kind, path, match.group(1))
    return value


def _read_kept(kind: type[KeptApart], path: str, digest: str) -> dict[str, Any]:
    """A kept value's attributes, from a file checked against the hash in its name."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read()
        if _content_hash(data) != digest:
            raise DamagedCache(f"{name} was changed after it was written")
        value = pickle.loads(data)
    except DamagedCache:
        raise
    except Exception as err:
        raise DamagedCache(f"{name} could not be read ({type(err).__name__})") from err
    if type(value) is not kind:
        raise DamagedCache(f"{name} does not hold a {kind.__name__}")
    state = dict(value.__dict__)
    state.pop("_kept_name", None)
    return state


class CacheFolder:
    """Reads and writes one site's .bulletin-cache/ folder."""

    def __init__(self, options: BuildOptions, notice: Callable[[str], None]) -> None:
        self.options, self.notice = options, notice
        self.folder = cache_dir(options)

    def record(self) -> Record | None:
        """The last build's record, or None (with a notice if one was there but unusable)."""
        path = self.folder / INPUTS
        if not path.exists():
            return None
        record = read_record(path)
        if record is None:
            self.discard("its record of the last build could not be used")
        return record

    def load_state(self, output: Path) -> Any | None:
        """What `save` kept, or None if there is nothing to trust."""
        path = self.folder / STATE
        if not path.exists():
            return None
        try:
            with path.open("rb") as stream:
                if stream.readline().decode("utf-8", "replace").rstrip("\n") != self._state_header:
                    self.discard("it was made by another version of bulletin or Python")
                    return None
                return _OutputUnpickler(stream, output, self.folder / APART).load_quickly()
        except Exception as err:  # any failure to unpickle means "do not trust it"
            self.discard(f"it could not be read ({type(err).__name__})")
            return None

    def save(self, state: object, written: dict[str, OutputFile], record: Record) -> None:
        """Keep the builder's caches, the files written and the record, replacing the old ones.

        Any file of `written` met in `state` is stored as a reference to the
        output folder; after loading, such a file is the very object found in
        the written map, which is how the writer knows it unchanged.
        """
        apart = self.folder / APART
        apart.mkdir(parents=True, exist_ok=True)
        with _replacing(self.folder / STATE) as stream:
            stream.write(self._state_header.encode() + b"\n")
            pickler = _OutputPickler(stream, written, apart)
            pickler.dump((state, written))
        with _replacing(self.folder / INPUTS) as stream:
            stream.write(record.to_json().encode())
        for stale in {p.name for p in apart.iterdir()} - pickler.kept:
            (apart / stale).unlink(missing_ok=True)

    def clear(self) -> None:
        """Forget everything, compiled templates included."""
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def _state_header(self) -> str:
        return f"{_HEADER} {self.options.site_root.absolute()}"

    def discard(self, why: str) -> None:
        """Delete the cache, and say why."""
        self.notice(f"Note: the build cache in {self.folder} was discarded: {why}.")
        self.clear()


def _written_file_ref(path: str) -> OutputFile:
    """Stands, in the pickle, for a file in the output folder; the unpickler supplies it."""
    raise pickle.UnpicklingError(f"{path}: a build cache reference read outside the cache")


def _kept_apart_ref(kind: type, name: str) -> object:
    """Stands, in the pickle, for a value kept apart; the unpickler supplies it."""
    raise pickle.UnpicklingError(f"{name}: a build cache reference read outside the cache")


class _OutputPickler(pickle.Pickler):
    """Stores files in the output folder as references to it, and KeptApart values apart.

    The reducers are in a dispatch table, looked up by exact type in C, so only
    those few types cost a Python call (a persistent_id hook would be called
    for every one of the hundreds of thousands of objects in the cache).
    Pickle's memo keeps shared objects shared: a file met twice is one file.
    """

    def __init__(self, stream: IO[bytes], written: dict[str, OutputFile], apart: Path) -> None:
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._written = {id(file): path for path, file in written.items()}
        self._apart = apart
        self.kept: set[str] = set()
        table = dict(copyreg.dispatch_table)
        table[OutputFile] = self._reduce_file
        table.update({kind: self._reduce_apart for kind in _subclasses(KeptApart)})
        self.dispatch_table = table

    def _reduce_file(self, file: OutputFile) -> str | tuple[Any, ...]:
        path = self._written.get(id(file))
        if path is None:
            return file.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        return (_written_file_ref, (path,))

    def _reduce_apart(self, value: KeptApart) -> tuple[Any, ...]:
        name = value.kept_name(self._apart)
        self.kept.add(name)
        return (_kept_apart_ref, (type(value), name))


def _subclasses(kind: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in kind.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


class _OutputUnpickler(pickle.Unpickler):
    """Turns references back into files read from the output folder, and values kept apart."""

    def __init__(self, stream: io.BufferedReader, output: Path, apart: Path) -> None:
        super().__init__(stream)
        self._output = str(output)
        self._apart = os.fspath(apart)

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _written_file_ref.__name__:
            return self._written_file
        if module == __name__ and name == _kept_apart_ref.__name__:
            return self._kept_apart
        return super().find_class(module, name)

    def _written_file(self, path: str) -> OutputFile:
        return kept_in(self._output, path)

    def _kept_apart(self, kind: type[KeptApart], name: str) -> KeptApart:
        if "/" in name:
            raise pickle.UnpicklingError(f"{name} is not a name the cache gives")
        return _deferred(kind, self._apart, name)

    def load_quickly(self) -> Any:
        """Unpickle with the garbage collector paused: twice as fast for many small objects.

        What is loaded lives as long as the build, so it is then frozen out of
        the collector's sight: otherwise each full collection during the build
        walks every one of those objects again (a tenth of a second each time).
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            loaded = self.load()
            gc.freeze()
            return loaded
        finally:
            if enabled:
                gc.enable()


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[IO[bytes]]:
    """Write a file whole or not at all, so an interrupted build leaves a readable cache."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
