"""Write: an update in place of an output folder a build wrote before (`bulletin.write`).

Only the files whose bytes changed are written, each beside its target under
a temporary name; the renames are listed in a journal, then made, pages
last, so that a build killed among them is finished by the next (`finish`),
and removals come after them all.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bulletin.outputs.files import Folders, OutputFile, Spool, inside

#: The journal of an update in place: its renames, written before any is made.
JOURNAL = ".bulletin-update"
#: What each changed file is written as, beside its target, before the renames.
STAGED = ".bulletin-new"
#: Size, modification time (ns) and content hash of each file written, by path in the site.
Stamps = dict[str, tuple[int, int, str]]


def update(files: list[OutputFile], output: Path, previous: Stamps, spool: Spool | None) -> Stamps:
    """Write only the files whose bytes changed, and remove those no longer made.

    Whether the folder holds a file's bytes already is told by their hash,
    recorded when it was written: no file is read to compare.
    """
    changed = sorted(
        (f for f in files if previous.get(f.path, (0, 0, ""))[2] != f.digest),
        key=lambda f: _rename_order(f.path, previous),
    )
    current = {f.path for f in files}
    gone = sorted(previous.keys() - current, key=lambda path: (not path.endswith(".html"), path))
    targets = [Path(inside(output, file.path)) for file in changed]
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
    stamps.update((f.path, stamp(output / f.path, f.digest)) for f in changed)
    return stamps


def _rename_order(path: str, previous: Stamps) -> tuple[bool, bool, str]:
    """Files the site did not have come in first, pages last, and removals follow them all,
    pages first (`_roll_forward`): at every moment of an update, every file a page that
    stays links to is there. A reader of a server serving the folder itself may meet an
    old page beside a new one for those milliseconds, never a link to a missing file."""
    return (path in previous, path.endswith(".html"), path)


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
        remove_file(output, path)
    (output / JOURNAL).unlink(missing_ok=True)


def finish(output: Path) -> None:
    """Finish the update a killed build was making, or undo it if its files were not all
    written: the folder then holds one whole site."""
    journal = output / JOURNAL
    if not journal.is_file():
        return
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        changed, gone = list(plan["changed"]), list(plan["gone"])
    except (OSError, ValueError, KeyError, TypeError):
        plan, changed, gone = {}, [], []
    if plan.get("renaming"):
        _roll_forward(output, changed, gone)
    else:
        _roll_back(output, changed)


def stamp(path: Path, digest: str) -> tuple[int, int, str]:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns, digest)


def remove_file(output: Path, gone: str) -> None:
    """Delete a file the site no longer has, and any folders that leaves empty."""
    target = Path(inside(output, gone))
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
