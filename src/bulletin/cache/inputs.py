"""Cache: the record of the last build, and whether anything changed since (`up_to_date`).

`record.marshal`, small and read first, holds a content hash of every input file
(the content folder with site.yaml, the site's and the default theme's
templates and static files), the options, the date built for, bulletin's and
Python's versions and a hash of bulletin's own code, and the size, time and
content hash of every file written to the output folder. A build whose
inputs hash the same, on the same date, over an output folder nobody has
touched, has nothing to do and stops there, before the pipeline's libraries
are even imported (this module is light to import for that reason).

Hashes are of file contents. As git does with its index, a file whose size
and modification time are those recorded, and which last changed (mtime and
ctime) at least `SETTLED_NS` before the record's hashes were taken, is taken
to have the recorded hash without being read again; any other file is read
and hashed. So an edit that keeps the size and lands in the same tick of a
coarse clock (USB sticks, network shares), or a file restored with its old
time, is still seen; in a settled site no file is read (1,000 issues: 0.03 s
to check, against 0.2 s to hash every input).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import marshal
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bulletin import __version__
from bulletin.cache.written import Written, output_intact
from bulletin.digest import SETTLED_NS, FileDigests, Stamp
from bulletin.options import BuildOptions, build_date
from bulletin.render.theme_files import find_theme

FOLDER = ".bulletin-cache"
RECORD = "record.marshal"
#: Where the record was kept before it was marshalled: removed by the next save.
OLD_RECORD = "inputs.json"
STATE = "state.pickle"
APART = "apart"
TEMPLATES = "templates"
#: Changed whenever what the cache holds changes shape.
FORMAT = 7


def _code_stamp() -> str:
    """A hash of bulletin's own code: a changed bulletin is another bulletin.

    The version alone is not enough while bulletin is being worked on (an
    editable install keeps its version through every change). Contents, not
    times, so that a fresh checkout of the same code (a CI run restoring the
    cache) keeps the cache; hashing the package takes about 4 ms.
    """
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    total = hashlib.sha256()
    for name in sorted(_code_files(package)):
        with open(os.path.join(package, name), "rb") as code:
            total.update(f"{name}\0".encode() + code.read())
    return total.hexdigest()[:16]


def _code_files(package: str) -> Iterator[str]:
    """bulletin's own code, as paths inside the package: every module, the web editor's
    script and the pins of its vendored files (not the vendored files themselves: 6 MB,
    and they change only with their pins). os.walk, not Path.rglob: a third of the time."""
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        inside = os.path.relpath(folder, package).replace(os.sep, "/")
        for name in names:
            path = name if inside == "." else f"{inside}/{name}"
            if name.endswith(".py") or inside == "cms/assets" or path == "cms/vendor/PINS":
                yield path


#: Python's implementation and version from `sys` (marshal's and pickle's formats follow
#: them), not from `platform`, which every build would load for these two words.
HEADER = f"bulletin-cache {FORMAT} {__version__} {sys.implementation.name} "
HEADER += f"{sys.version.split()[0]} {_code_stamp()}"


def cache_dir(options: BuildOptions) -> Path:
    """Where a site's cache lives: beside its content/ folder."""
    return options.site_root / FOLDER


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
    total = hashlib.sha256(f"{HEADER}\n{options.describe()}\n".encode())
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
    """What record.marshal holds: the last build's inputs, outputs and report."""

    inputs: str | None
    output: str
    zone: str
    today: str
    files: dict[str, Stamp]
    outputs: Written
    issues: int
    pages: int
    warnings: list[str] = field(default_factory=list)
    #: When (ns since the epoch) the hashes in `files` were taken.
    hashed_at: int = 0

    def to_bytes(self) -> bytes:
        """The record as record.marshal holds it: the hash of the rest, the header, then the
        fields in marshal's format.

        marshal, not JSON: it reads and writes the record's few thousand tuples
        four times quicker (at 1,000 issues 5 ms against 23, on every build), and
        hands back tuples as they were. Its format changes with Python's version,
        which the header names, and nothing is unmarshalled before the hash and
        the header match.
        """
        data = HEADER.encode() + b"\n" + marshal.dumps(self.__dict__)
        return _bytes_hash(data).encode() + b"\n" + data

    @classmethod
    def from_bytes(cls, data: bytes) -> Record | None:
        """The record, or None if it was written by another version or is damaged."""
        stored, _, rest = data.partition(b"\n")
        if stored != _bytes_hash(rest).encode():
            return None
        header, _, fields = rest.partition(b"\n")
        if header != HEADER.encode():
            return None
        try:
            return cls(**marshal.loads(fields))
        except (ValueError, EOFError, TypeError):
            return None


def _bytes_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_record(path: Path) -> Record | None:
    """The record in record.marshal, or None if it is missing or unusable."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _parse_record(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=2)
def _parse_record(path: str, size: int, mtime: int) -> Record | None:
    """Parsed once per version of the file: the CLI asks twice (up to date? then build)."""
    try:
        with open(path, "rb") as stream:
            return Record.from_bytes(stream.read())
    except OSError:
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
    #: When (ns since the epoch) these hashes were taken: before any file was read.
    hashed_at: int = 0


def check_inputs(options: BuildOptions) -> InputsCheck:
    """Hash the inputs, starting from what the last build's record knew of them."""
    return hash_inputs(options, read_record(cache_dir(options) / RECORD))


def hash_inputs(options: BuildOptions, record: Record | None) -> InputsCheck:
    """Hash the inputs, re-reading only files that changed since this record was made."""
    now = time.time_ns()
    settled = record.hashed_at - SETTLED_NS if record else 0
    digests = FileDigests(record.files if record else None, settled)
    return InputsCheck(options, record, digests, inputs_digest(options, digests), now)


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
