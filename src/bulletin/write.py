"""Write: put the built site in place atomically, or not at all.

Everything is written into a new folder beside the output, which is swapped
in only when every file is there: readers and `serve` see the old site or the
new one, never half of each, and a failed build leaves the old one untouched.
The output folder is marked as bulletin's own, and only a folder so marked
(or an empty one) is ever replaced.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePosixPath

from bulletin.errors import OutputError
from bulletin.outputs.files import OutputFile

MARKER = ".bulletin-output"


def check_output_folder(output: Path, protected: list[Path]) -> None:
    """Refuse to replace a folder bulletin did not make, or one that holds the site's sources."""
    resolved = output.resolve()
    forbidden = [p.resolve() for p in protected] + [Path.home().resolve(), Path("/")]
    for place in forbidden:
        if resolved == place or place.is_relative_to(resolved):
            raise OutputError(
                f"refusing to write the site to {output}: that would replace {place}; "
                "choose a folder of its own, such as _site"
            )
    if resolved.exists() and not resolved.is_dir():
        raise OutputError(f"refusing to write the site to {output}: it is a file, not a folder")
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / MARKER).is_file():
        raise OutputError(
            f"refusing to replace {output}: it holds files that bulletin did not write. "
            "Choose an empty or new folder, or move those files away first"
        )


def write_site(files: list[OutputFile], output: Path) -> None:
    """Write every file into a fresh folder, then swap it in for the old output."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    try:
        for file in files:
            _write_one(staging, file)
        (staging / MARKER).write_text("This folder was written by bulletin.\n")
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_one(folder: Path, file: OutputFile) -> None:
    relative = PurePosixPath(file.path)
    if relative.is_absolute() or ".." in relative.parts:
        raise OutputError(f"refusing to write {file.path}: it would land outside the site")
    target = folder.joinpath(*relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    if file.source is not None and file.data is None:
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
