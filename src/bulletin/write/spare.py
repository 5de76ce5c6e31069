"""Write: an update made on a spare copy of the site, then exchanged for it in one step.

An update in place (`bulletin.write.in_place`) renames each changed file over
its old one, so for those milliseconds a reader may meet an old page beside a
new one, and a build killed among the renames leaves a mix until the next run
finishes it. Where the system can exchange two folders' names in one call,
an update is made instead on a spare copy of the site beside it
(`._site.spare`), and the two names are then exchanged: at every instant the
output folder holds the whole old site or the whole new one, and it stays a
real folder, as GitHub Pages' upload expects.

The spare costs little room and time. Its files are hard links to the site's
own, except those that changed in the last build: after an exchange, the
spare is the site as it was one build before, and its note (`.bulletin-spare`)
lists the files it lags by and names the folder it lags behind. Bringing it up
to date links those files again, then puts this build's changed files in,
each under a new name renamed over the old: a linked file is never written
into, which would change the published one too. A whole build that keeps a
cache makes the spare, one link per file, as the new site is swapped in (at
1,000 issues about 0.1 s); an update that finds none makes it then. A spare
whose note is missing (a build killed while it changed the spare) or names
another folder (a site replaced whole since) is remade; one a host's administrator
could not know of holds nothing of theirs: their files (`HOST_FILES`) are
linked in again from the site at every update.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from bulletin import atomic
from bulletin.outputs.files import Folders, OutputFile, Spool, inside
from bulletin.write import in_place
from bulletin.write.in_place import Stamps

#: The spare's note: the folder it lags behind (device and inode), and by which files.
NOTE = ".bulletin-spare"


def spare_of(output: Path) -> Path:
    """Where an output folder's spare lives: beside it, on the same file system."""
    return output.parent / f".{output.name}.spare"


def update(
    files: list[OutputFile],
    output: Path,
    previous: Stamps,
    spool: Spool | None,
    host_files: Iterable[str] = (),
) -> Stamps | None:
    """Write the changed files into the spare, and exchange it for the output folder.

    None (nothing done) where the system cannot exchange two folders' names or
    link files, or the output folder may not be written (its owner made it
    read-only): the caller then updates the folder in place.
    """
    if not os.access(output, os.W_OK):
        return None  # the update in place then says it may not be written, as it should
    spare = spare_of(output)
    lag = _lag(spare, output)
    if lag is None and not _made_anew(spare, output):
        return None
    (spare / NOTE).unlink(missing_ok=True)  # from here until the exchange it lags by more
    changed = [f for f in files if previous.get(f.path, (0, 0, ""))[2] != f.digest]
    current = {f.path for f in files}
    gone = sorted(previous.keys() - current)
    _catch_up(spare, output, sorted(lag or ()), host_files)
    folders = Folders()
    for file in changed:
        _put(spare, file, spool, folders)
    for path in gone:
        in_place.remove_file(spare, path)
    if changed or gone:
        _exchange(spare, output)  # the spare is now the old site: it lags by these files
    _note(spare, output, [f.path for f in changed] + gone)  # or, not exchanged, by none
    stamps = {path: previous[path] for path in current if path in previous}
    stamps.update((f.path, in_place.stamp(output / f.path, f.digest)) for f in changed)
    return stamps


def _lag(spare: Path, output: Path) -> set[str] | None:
    """The files by which the spare lags the output folder; None if it cannot be trusted."""
    try:
        note = json.loads((spare / NOTE).read_text(encoding="utf-8"))
        behind = os.stat(output)
        if note["behind"] != [behind.st_dev, behind.st_ino] or spare.is_symlink():
            return None
        return {str(path) for path in note["lag"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def made_for(site: Path, output: Path) -> None:
    """Make the spare of a whole new site about to be swapped in as the output folder, so
    that the first update after it has a spare already (the links cost about 0.1 s at
    1,000 issues, beside the seconds a whole build takes). Nothing is made where the
    system cannot exchange names or link files."""
    spare = spare_of(output)
    if _made_anew(spare, site):
        _note(spare, site, [])


def _made_anew(spare: Path, output: Path) -> bool:
    """Make the spare again, as links to every file of `output` (the output folder, or a new
    site about to be swapped in as it); False where the system cannot exchange two
    folders' names or link files (nothing is left then)."""
    if os.path.lexists(spare):
        atomic.remove(spare)
    # Named as tidy_output looks for it: `._site.probe-`, whichever folder is linked from.
    if not _exchange_works(spare.parent, spare.name.removesuffix(".spare") + ".probe-"):
        return False
    try:
        _link_tree(os.fspath(output), os.fspath(spare))
    except OSError:
        atomic.remove(spare)
        return False
    return True


def _link_tree(source: str, target: str) -> None:
    """A new folder of hard links to every file under `source`: folders made, files linked,
    links copied. Not shutil.copytree: it also copies every folder's times and mode, which
    takes longer than the links themselves."""
    os.mkdir(target)
    with os.scandir(source) as entries:
        for entry in entries:
            path = os.path.join(target, entry.name)
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), path)
            elif entry.is_dir():
                _link_tree(entry.path, path)
            else:
                os.link(entry.path, path)


def _exchange_works(folder: Path, name: str) -> bool:
    """Whether two folders' names can be exchanged here (some file systems cannot)."""
    prefix = atomic.scratch_prefix(name)
    first = Path(tempfile.mkdtemp(prefix=prefix, dir=folder))
    second = Path(tempfile.mkdtemp(prefix=prefix, dir=folder))
    try:
        return atomic.exchange(first, second)
    finally:
        first.rmdir()
        second.rmdir()


def _catch_up(spare: Path, output: Path, lag: list[str], host_files: Iterable[str]) -> None:
    """Make the spare hold what the output folder holds, linking the files it lags by."""
    folders = Folders()
    for path in lag:
        source, target = inside(output, path), inside(spare, path)
        if os.path.isfile(source):
            folders.make_parent(target)
            _link(source, target)
        else:
            in_place.remove_file(spare, path)
    for name in host_files:
        with contextlib.suppress(FileNotFoundError):
            atomic.remove(spare / name)
            if os.path.isdir(output / name) and not os.path.islink(output / name):
                _link_tree(os.fspath(output / name), os.fspath(spare / name))
            elif os.path.lexists(output / name):
                _link(os.fspath(output / name), os.fspath(spare / name))


def _link(source: str, target: str) -> None:
    """Link a file in the spare to the output folder's, replacing what the spare had."""
    staged = f"{target}{in_place.STAGED}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staged)
    os.link(source, staged)
    os.replace(staged, target)


def _put(spare: Path, file: OutputFile, spool: Spool | None, folders: Folders) -> None:
    """Put a changed file in the spare under a new name renamed over the old one, so that
    a file linked to the published one is replaced, never written into."""
    target = inside(spare, file.path)
    folders.make_parent(target)
    if spool is not None and spool.holds(file):
        os.replace(spool.where(file), target)  # written beside already: moved, not copied
    else:
        staged = f"{target}{in_place.STAGED}"
        with open(staged, "wb") as stream:
            stream.write(file.read())
        os.replace(staged, target)
    os.chmod(target, 0o644)


def _exchange(spare: Path, output: Path) -> None:
    """Exchange the two names in one step (shown possible when the spare was made); should the
    system refuse after all, three renames, which `tidy_output` puts right if killed."""
    if atomic.exchange(spare, output):
        return
    prefix = atomic.scratch_prefix(f".{output.name}.old-")
    retired = Path(tempfile.mkdtemp(prefix=prefix, dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    spare.rename(output)
    retired.rename(spare)


def _note(spare: Path, output: Path, lag: list[str]) -> None:
    """Write the spare's note: the folder it lags behind, and by which files."""
    behind = os.stat(output)
    text = json.dumps({"behind": [behind.st_dev, behind.st_ino], "lag": sorted(lag)})
    staged = spare / f"{NOTE}{in_place.STAGED}"
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, spare / NOTE)
