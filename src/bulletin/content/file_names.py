"""Load: the rules for the names of issue files, so that no file is skipped or misnamed in silence.

An issue's file name is its web address (`2026-summer.md` is published at
`issues/2026-summer/`), so it must be one: lower-case letters, digits and
single hyphens (a space, `#`, `%` or capital letter gives an address that
breaks or goes nowhere). Only files ending in `.md` directly in
`content/issues/` are issues; a file that looks meant to be one
(`Autumn.MD`, `autumn.md.txt`) or an issue in a folder inside it is an
error, anything else there a warning. Hidden files (`.name`), files
starting with `_` or `#` and editor backups ending in `~` are left alone
without a word, as the editors' guide says.
"""

from __future__ import annotations

import os
from pathlib import Path

from bulletin.content.slugs import SLUG_ADVICE, is_slug, slugify
from bulletin.errors import Problems, Severity

_QUIET = (".", "_", "#")


def report_strays(entries: list[os.DirEntry[str]], problems: Problems) -> None:
    """A message for each entry of content/issues/ that is not read as an issue."""
    for entry in entries:
        if entry.name.startswith(_QUIET) or entry.name.endswith("~") or _is_issue(entry):
            continue
        shown = f"content/issues/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if any(Path(entry.path).rglob("*.md")):
                problems.add(
                    shown + "/",
                    None,
                    "is a folder inside content/issues/, and issues in folders are not read; "
                    "move its issue files into content/issues/ itself",
                )
        elif ".md" in entry.name.lower():
            problems.add(
                shown,
                None,
                "is not read as an issue: issue files end in .md (lower case); "
                f"rename it {_renamed(entry.name)}",
            )
        else:
            problems.add(
                shown,
                None,
                "is not an issue file (those end in .md), so it is not published; "
                "move it out of content/issues/",
                severity=Severity.WARNING,
            )


def _is_issue(entry: os.DirEntry[str]) -> bool:
    return entry.name.endswith(".md")


def _renamed(name: str) -> str:
    stem = name[: name.lower().index(".md")]
    return f"{slugify(stem) or 'issue'}.md"


def issue_slug(path: Path, slug: str | None, display: str, problems: Problems) -> str:
    """An issue's address: its `slug:`, else its file's name, which must then be one."""
    if slug is not None:
        return slug
    if not is_slug(path.stem):
        better = slugify(path.stem) or "issue"
        problems.add(
            display,
            None,
            f"the file name {path.name!r} cannot be a web address: a name {SLUG_ADVICE}; "
            f"rename the file {better}.md (or give the issue slug: {better})",
        )
    return path.stem
