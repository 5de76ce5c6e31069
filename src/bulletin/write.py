"""Write: put the built site in place atomically, or not at all.

A first build writes everything into a new folder beside the output, which is
swapped in only when every file is there: readers see the old site or the new
one, never half of each, and a failed build leaves the old one untouched.

A build that knows what the output folder holds (the build cache recorded the
size and time of every file, and they still match) updates it in place
instead: files whose bytes are unchanged are not touched, so their
modification times stay and rsync or a CDN sees only what changed; changed
files are first written beside their targets under temporary names, and only
when all are written are they renamed over the old ones, each rename atomic.
A failure before that point removes the temporary files and leaves the site
as it was.

The output folder is marked as bulletin's own, and only a folder so marked
(or an empty one) is ever replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bulletin.errors import OutputError
from bulletin.outputs.files import Folders, OutputFile, Spool, inside

MARKER = ".bulletin-output"
#: Files a host's administrator adds beside a site (a publish keeps them), which do not
#: make a folder someone else's.
HOST_FILES = (".well-known", ".htaccess", "CNAME")
#: Size, modification time (ns) and content hash of each file written, by path in the site.
Stamps = dict[str, tuple[int, int, str]]


def check_output_folder(output: Path, protected: list[Path], sources: Sequence[Path] = ()) -> None:
    """Refuse to replace a folder bulletin did not make, or one that holds the site's sources,
    and to write inside the sources (the next build would publish the old site in itself)."""
    resolved = output.resolve()
    for place in sources:
        if resolved.is_relative_to(place.resolve()):
            raise OutputError(
                f"refusing to write the site to {output}: it is inside {place.name}/, whose "
                "files every build reads, so the next build would publish this one inside "
                "itself; choose a folder outside content/, static/ and templates/, such as _site"
            )
    forbidden = [p.resolve() for p in protected] + [Path.home().resolve(), Path("/")]
    for place in forbidden:
        if resolved == place or place.is_relative_to(resolved):
            raise OutputError(
                f"refusing to write the site to {output}: that would replace {place}; "
                "choose a folder of its own, such as _site"
            )
    if resolved.exists() and not resolved.is_dir():
        raise OutputError(f"refusing to write the site to {output}: it is a file, not a folder")
    held = resolved.iterdir() if resolved.is_dir() else iter(())
    if any(p.name not in HOST_FILES for p in held) and not (resolved / MARKER).is_file():
        raise OutputError(
            f"refusing to replace {output}: it holds files that bulletin did not write. "
            "Choose an empty or new folder, or move those files away first"
        )


def write_site(
    files: list[OutputFile],
    output: Path,
    previous: Stamps | None = None,
    spool: Spool | None = None,
) -> Stamps:
    """Write the site: in place over what `previous` describes, else swapped in whole.

    The caller passes `previous` only after checking (`output_intact`) that the
    output folder is as the last build left it. Files in the `spool` (on the
    same file system, beside the output) are moved into place, not copied.
    Returns the size, time and hash of every file, for the next build to check against.
    """
    output = output.absolute()
    if previous is not None and (output / MARKER).is_file():
        return _update_in_place(files, output, previous, spool)
    _write_whole(files, output, spool)
    return {file.path: _stamp(output / file.path, file.digest) for file in files}


def output_intact(output: Path, recorded: Stamps) -> bool:
    """Whether every file recorded is still in the output folder as it was written.

    Thousands of files are checked on every build, so with os.stat on plain
    strings: pathlib's objects would cost more than the checks.
    """
    folder = os.fspath(output)
    try:
        for path, (size, mtime, _) in recorded.items():
            stat = os.stat(os.path.join(folder, path))
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return False
    except OSError:
        return False
    return True


def _stamp(path: Path, digest: str) -> tuple[int, int, str]:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns, digest)


def _write_whole(files: list[OutputFile], output: Path, spool: Spool | None) -> None:
    """Write every file into a fresh folder, then swap it in for the old output."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    try:
        folders = Folders()
        for file in files:
            _write_one(staging, file, spool, folders)
        (staging / MARKER).write_text("This folder was written by bulletin.\n")
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _update_in_place(
    files: list[OutputFile], output: Path, previous: Stamps, spool: Spool | None
) -> Stamps:
    """Write only the files whose bytes changed, and remove those no longer made.

    Whether the folder holds a file's bytes already is told by their hash,
    recorded when it was written: no file is read to compare.
    """
    changed = [f for f in files if previous.get(f.path, (0, 0, ""))[2] != f.digest]
    staged: list[tuple[Path, Path]] = []
    folders = Folders()
    try:
        for file in changed:
            target = _target(output, file)
            folders.make_parent(target)
            if spool is not None and spool.holds(file):
                os.chmod(spool.where(file), 0o644)
                staged.append((Path(spool.where(file)), target))  # already written, beside
                continue
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            staged.append((Path(name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(file.read())
            os.chmod(name, 0o644)
    except BaseException:
        for written, _ in staged:
            if spool is None or not written.is_relative_to(spool.folder):
                written.unlink(missing_ok=True)
        raise
    for written, target in staged:
        os.replace(written, target)
    current = {f.path for f in files}
    for gone in previous.keys() - current:
        _remove(output, gone)
    stamps = {path: previous[path] for path in current if path in previous}
    stamps.update((f.path, _stamp(output / f.path, f.digest)) for f in changed)
    return stamps


def _remove(output: Path, gone: str) -> None:
    """Delete a file the site no longer has, and any folders that leaves empty."""
    target = Path(inside(output, gone))
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _target(folder: Path, file: OutputFile) -> Path:
    return Path(inside(folder, file.path))


def _write_one(folder: Path, file: OutputFile, spool: Spool | None, folders: Folders) -> None:
    """Write one file into a fresh folder."""
    target = _target(folder, file)
    folders.make_parent(target)
    if spool is not None and spool.holds(file):
        os.replace(spool.where(file), target)
    elif file.source is not None and file.data is None:
        shutil.copyfile(file.source, target)
    else:
        target.write_bytes(file.read())
    target.chmod(0o644)


def _swap_in(staging: Path, output: Path) -> None:
    """Two renames on one file system: the old site stays whole until the new one is ready."""
    staging.chmod(0o755)
    if not output.exists():
        staging.rename(output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    try:
        staging.rename(output)
    except OSError:
        retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
