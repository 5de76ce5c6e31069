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
as it was. The renames are listed first in a journal in the output folder
(`.bulletin-update`), so a build killed among them is finished by the next
run before it does anything else (`tidy_output`): the folder then holds the
whole new site, never a mix, and no temporary file is left to be published.

A whole site is swapped in by exchanging the two folders' names in one step
(`bulletin.atomic.exchange`), and `_site` stays a real folder, as GitHub
Pages' upload and `publish --to` expect. Scratch folders that a killed build
left beside the output are removed by the next one.

The output folder is marked as bulletin's own, and only a folder so marked
(or an empty one) is ever replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bulletin import atomic
from bulletin.errors import OutputError
from bulletin.outputs.files import Folders, OutputFile, Spool, inside

MARKER = ".bulletin-output"
#: Files a host's administrator adds beside a site (a publish keeps them), which do not
#: make a folder someone else's.
HOST_FILES = (".well-known", ".htaccess", "CNAME")
#: The journal of an update in place: its renames, written before any is made.
JOURNAL = ".bulletin-update"
#: What each changed file is written as, beside its target, before the renames.
STAGED = ".bulletin-new"
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
    strings (pathlib's objects would cost more than the checks), relative to
    the open folder where the system allows it: a third quicker than joining
    each path to the folder's (about 20 ms at 1,000 issues).
    """
    folder = os.fspath(output)
    try:
        if os.stat not in os.supports_dir_fd:
            return _all_as_recorded(recorded, folder + os.sep, None)
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            return _all_as_recorded(recorded, "", handle)
        finally:
            os.close(handle)
    except OSError:
        return False


def _all_as_recorded(recorded: Stamps, prefix: str, folder: int | None) -> bool:
    for path, (size, mtime, _) in recorded.items():
        stat = os.stat(prefix + path, dir_fd=folder)
        if stat.st_size != size or stat.st_mtime_ns != mtime:
            return False
    return True


def _stamp(path: Path, digest: str) -> tuple[int, int, str]:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns, digest)


def _write_whole(files: list[OutputFile], output: Path, spool: Spool | None) -> None:
    """Write every file into a fresh folder, then swap it in for the old output."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=scratch(output, "building"), dir=output.parent))
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
    current = {f.path for f in files}
    gone = sorted(previous.keys() - current)
    targets = [_target(output, file) for file in changed]
    _journal(output, [f.path for f in changed], gone, renaming=False)
    try:
        folders = Folders()
        for file, target in zip(changed, targets, strict=True):
            _stage(file, target, spool, folders)
    except BaseException:
        _roll_back(output, [f.path for f in changed])
        raise
    _journal(output, [f.path for f in changed], gone, renaming=True)
    _roll_forward(output, [f.path for f in changed], gone)
    stamps = {path: previous[path] for path in current if path in previous}
    stamps.update((f.path, _stamp(output / f.path, f.digest)) for f in changed)
    return stamps


def _stage(file: OutputFile, target: Path, spool: Spool | None, folders: Folders) -> None:
    """Write a changed file beside its target, under the name the journal gives it."""
    folders.make_parent(target)
    staged = _staged(target)
    if spool is not None and spool.holds(file):
        os.replace(spool.where(file), staged)  # already written, beside: moved, not copied
    else:
        with open(staged, "wb") as stream:
            stream.write(file.read())
    os.chmod(staged, 0o644)


def _staged(target: Path) -> Path:
    return target.with_name(f".{target.name}{STAGED}")


def _journal(output: Path, changed: list[str], gone: list[str], renaming: bool) -> None:
    """Say, whole or not at all, what an update in place is about to do."""
    text = json.dumps({"renaming": renaming, "changed": changed, "gone": gone})
    temporary = output / f"{JOURNAL}.new"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, output / JOURNAL)


def _roll_back(output: Path, changed: list[str]) -> None:
    """Undo an update whose files were not all written: the site is left as it was."""
    for path in changed:
        _staged(output / path).unlink(missing_ok=True)
    (output / JOURNAL).unlink(missing_ok=True)


def _roll_forward(output: Path, changed: list[str], gone: list[str]) -> None:
    """Make the renames of an update whose files are all written (again, after a kill)."""
    for path in changed:
        staged = _staged(output / path)
        if staged.exists():
            os.replace(staged, output / path)
    for path in gone:
        _remove(output, path)
    (output / JOURNAL).unlink(missing_ok=True)


def tidy_output(output: Path) -> None:
    """Put right what a build killed part way left: an update in place half made, the old
    site set aside and not put back, scratch folders beside the output."""
    output = output.absolute()
    journal = output / JOURNAL
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
            changed, gone = list(plan["changed"]), list(plan["gone"])
        except (OSError, ValueError, KeyError, TypeError):
            plan, changed, gone = {}, [], []
        if plan.get("renaming"):
            _roll_forward(output, changed, gone)
        else:
            _roll_back(output, changed)
    retired = atomic.abandoned(output.parent, f".{output.name}.old-")
    if not output.exists() and retired:
        retired.pop().rename(output)  # a kill fell between the two renames of the fallback
    for kind in ("old", "building", "spool"):
        for path in atomic.abandoned(output.parent, f".{output.name}.{kind}-"):
            atomic.remove(path)


def scratch(output: Path, kind: str) -> str:
    """The start of the name of a scratch folder beside the output, for `tidy_output`."""
    return atomic.scratch_prefix(f".{output.name}.{kind}-")


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
    """One exchange of names, or two renames where it is not possible: the old site stays
    whole until the new one is ready."""
    staging.chmod(0o755)
    if not output.exists():
        staging.rename(output)
        return
    if atomic.exchange(staging, output):
        atomic.remove(staging)  # it holds the old site now
        return
    retired = Path(tempfile.mkdtemp(prefix=scratch(output, "old"), dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    try:
        staging.rename(output)
    except OSError:
        retired.rename(output)
        raise
    atomic.remove(retired)
