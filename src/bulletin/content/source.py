"""Load: the one place that reads content files; it knows nothing of YAML or Markdown.

Text is normalised here, once, so that later stages never meet a byte-order
mark or a carriage return: files saved by Windows editors simply work.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from bulletin.content.file_names import report_strays
from bulletin.errors import Problems, Severity

#: Larger than any real newsletter issue by two orders of magnitude; a file this
#: big is a mistake (a pasted PDF, a binary) and parsing it would only be slow.
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A content file's text, with the path to show an editor in messages."""

    path: Path
    display_path: str
    text: str


def read_source(path: Path, root: Path, problems: Problems) -> SourceFile | None:
    """Read one text file as UTF-8; record a problem and return None if it cannot be."""
    display = display_path(path, root)
    try:
        with path.open("rb") as stream:  # never more than the limit: a 2 GB file is not read
            data = stream.read(MAX_FILE_BYTES + 1)
            whole = os.fstat(stream.fileno()).st_size
    except OSError as err:
        problems.add(display, None, f"cannot be read ({err.strerror})")
        return None
    if len(data) > MAX_FILE_BYTES:
        size = max(whole, len(data)) // 1024
        limit = MAX_FILE_BYTES // 1024
        problems.add(display, None, f"is {size} KB, over the {limit} KB limit for one file")
        return None
    text = _decode(data, display, problems)
    if text is None:
        return None
    return SourceFile(path, display, without_controls(normalise_newlines(text), display, problems))


def _decode(data: bytes, display: str, problems: Problems) -> str | None:
    """Decode UTF-8 (with or without a byte-order mark), naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.add(
            display,
            line,
            "is not UTF-8 text; save it again as UTF-8 "
            "(in most editors: File, Save As, Encoding: UTF-8)",
        )
        return None


def normalise_newlines(text: str) -> str:
    """Turn Windows and old Mac line endings into plain newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: Characters XML 1.0 forbids (so feed.xml would be broken), which a word processor's
#: line break (vertical tab) or page break (form feed) leaves in pasted text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_CONTROL_NAMES = {"\x0b": "a vertical tab", "\x0c": "a page break", "\x00": "a NUL"}


def without_controls(text: str, display: str, problems: Problems) -> str:
    """The text with each invisible control character made a space, and a warning on its line."""
    if not _CONTROLS.search(text):
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        found = _CONTROLS.search(line)
        if found:
            name = _CONTROL_NAMES.get(found.group(), f"U+{ord(found.group()):04X}")
            problems.add(
                display,
                number,
                f"has an invisible control character ({name}, often pasted from a word "
                "processor), which feeds cannot carry; it was made a space: delete it, "
                "or retype the line",
                severity=Severity.WARNING,
            )
    return _CONTROLS.sub(" ", text)


def display_path(path: Path, root: Path) -> str:
    """The path as an editor would type it: relative to the site folder where possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def shown_path(path: Path) -> str:
    """A path as it is best read from the current folder: relative inside it, as it was
    given outside it (whole, for the resolved paths builds use; never turned into `../`,
    since whether that is shorter depends on where the machine keeps its folders)."""
    whole = Path(os.path.realpath(path))
    try:
        return whole.relative_to(os.path.realpath(os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()


def leads_outside(path: Path, folder: Path, site_root: Path, problems: Problems) -> bool:
    """True (with a warning) for a symbolic link that leads out of its folder.

    Such links are never followed: a pull request must not be able to publish
    files from the machine that builds the site.
    """
    if not _linked(path, folder) or path.resolve().is_relative_to(folder.resolve()):
        return False
    problems.add(
        display_path(path, site_root),
        None,
        "is a link to a file outside its folder, so it is not published",
        severity=Severity.WARNING,
    )
    return True


def _linked(path: Path, folder: Path) -> bool:
    """Whether the path, or a folder between it and `folder`, is a symbolic link.

    Only then is resolving needed: resolving every path costs a quarter of a
    second at a thousand issues.
    """
    while path not in (folder, path.parent):
        if path.is_symlink():
            return True
        path = path.parent
    return False


def discover_issue_files(content_dir: Path, site_root: Path, problems: Problems) -> list[Path]:
    """Every issue file, in a stable order, skipping hidden and editor backup files."""
    issues_dir = content_dir / "issues"
    if not issues_dir.is_dir():
        return []
    with os.scandir(issues_dir) as found:  # one read of the folder tells files from links
        entries = list(found)
    candidates = [
        entry
        for entry in entries
        if entry.name.endswith(".md")
        and not entry.name.startswith((".", "_", "#"))
        and entry.is_file()
    ]
    report_strays(entries, problems)
    # Sorted by name, the order paths in one folder sort in (a path compares in Python).
    return [
        issues_dir / entry.name
        for entry in sorted(candidates, key=lambda entry: entry.name)
        if not entry.is_symlink()
        or not leads_outside(issues_dir / entry.name, issues_dir, site_root, problems)
    ]
