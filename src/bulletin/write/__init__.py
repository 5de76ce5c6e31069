"""Write: put the built site in place atomically, or not at all.

A first build writes everything into a new folder beside the output, which is
swapped in only when every file is there: readers see the old site or the new
one, never half of each, and a failed build leaves the old one untouched.

A build that knows what the output folder holds (the build cache recorded the
size and time of every file, and they still match) writes only the files
whose bytes changed: files whose bytes are unchanged are not touched, so
their modification times stay and rsync or a CDN sees only what changed.
Where the system can exchange two folders' names, the changed files go into a
spare copy of the site made of hard links, which is then exchanged for the
output folder in one step (`bulletin.write.spare`): a reader or a kill at any
moment meets the whole old site or the whole new one. Elsewhere the folder is
updated in place (`bulletin.write.in_place`): changed files are written
beside their targets under temporary names, a journal in the output folder
(`.bulletin-update`) lists the renames, and only then are they made, ordered
so that no page the site keeps ever links to a file that is not there; a
build killed among them is finished by the next run before it does anything
else (`tidy_output`). Either way a failure before the switch leaves the site
as it was.

A whole site is swapped in by exchanging the two folders' names in one step
(`bulletin.atomic.exchange`), and `_site` stays a real folder, as GitHub
Pages' upload and `publish --to` expect. Scratch folders that a killed build
left beside the output are removed by the next one.

The output folder is marked as bulletin's own, and only a folder so marked
(or an empty one) is ever replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bulletin import atomic
from bulletin.errors import OutputError
from bulletin.outputs.files import Folders, OutputFile, Spool, inside
from bulletin.write import in_place, spare
from bulletin.write.in_place import Stamps

MARKER = ".bulletin-output"
#: Files a host's administrator adds beside a site (a publish keeps them), which do not
#: make a folder someone else's.
HOST_FILES = (".well-known", ".htaccess", "CNAME")


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
    *,
    updates_follow: bool = False,
) -> Stamps:
    """Write the site: an update of what `previous` describes (on a spare exchanged for the
    output, or in place), else swapped in whole.

    The caller passes `previous` only after checking (`cache.written`) that the
    output folder is as the last build left it. Files in the `spool` (on the
    same file system, beside the output) are moved into place, not copied.
    Returns the size, time and hash of every file, for the next build to check against.
    When `updates_follow` (a build that keeps a cache), a whole site is swapped in with the
    spare the next update will be made on.
    """
    output = output.absolute()
    if previous is not None and (output / MARKER).is_file():
        exchanged = spare.update(files, output, previous, spool, HOST_FILES)
        if exchanged is not None:
            return exchanged
        return in_place.update(files, output, previous, spool)
    _write_whole(files, output, spool, updates_follow)
    return {file.path: in_place.stamp(output / file.path, file.digest) for file in files}


def _write_whole(
    files: list[OutputFile], output: Path, spool: Spool | None, updates_follow: bool
) -> None:
    """Write every file into a fresh folder, then swap it in for the old output (with a spare
    of it for the next update, or with none: an old one would lag behind the old site)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=scratch(output, "building"), dir=output.parent))
    try:
        folders = Folders()
        for file in files:
            _write_one(staging, file, spool, folders)
        (staging / MARKER).write_text("This folder was written by bulletin.\n")
        if updates_follow:
            spare.made_for(staging, output)
        elif os.path.lexists(spare.spare_of(output)):
            atomic.remove(spare.spare_of(output))
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def tidy_output(output: Path) -> None:
    """Put right what a build killed part way left: an update in place half made, the old
    site set aside and not put back, scratch folders beside the output."""
    output = output.absolute()
    in_place.finish(output)
    retired = atomic.abandoned(output.parent, f".{output.name}.old-")
    if not output.exists() and retired:
        retired.pop().rename(output)  # a kill fell between the two renames of the fallback
    for kind in ("old", "building", "spool", "probe"):
        for path in atomic.abandoned(output.parent, f".{output.name}.{kind}-"):
            atomic.remove(path)


def scratch(output: Path, kind: str) -> str:
    """The start of the name of a scratch folder beside the output, for `tidy_output`."""
    return atomic.scratch_prefix(f".{output.name}.{kind}-")


def _write_one(folder: Path, file: OutputFile, spool: Spool | None, folders: Folders) -> None:
    """Write one file into a fresh folder."""
    target = Path(inside(folder, file.path))
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
