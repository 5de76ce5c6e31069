"""Publish: what must be true before a site is published, and what a host adds that must stay.

A published site should be the repository's content: an issue saved but not
committed (or never added to git) would go out to readers while the
repository, the workflow and every other editor's copy know nothing of it.
So publish names such files and stops, unless told to go on.

Hosts add files of their own beside a site: a `CNAME` on a gh-pages branch
(a custom domain), `.well-known/` and `.htaccess` in a served folder. A
publish replaces the site, not those.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from bulletin.errors import BulletinError
from bulletin.outputs.files import OutputFile, made
from bulletin.write import HOST_FILES

#: The site's sources: a file git has not recorded in these is not yet the site's.
SOURCES = ("content", "templates", "static")
_SHOWN = 8


def uncommitted_sources(site_root: Path) -> list[str]:
    """The site's source files that differ from git's last commit, or git has never seen.

    Empty where there is no git, or the site is not a repository: nothing to compare with.
    """
    command = ["git", "status", "--porcelain", "--untracked-files=all", "--", *SOURCES]
    try:
        done = subprocess.run(
            command, cwd=site_root, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    return [_described(line) for line in done.stdout.splitlines() if line.strip()]


def _described(line: str) -> str:
    """A `git status --porcelain` line in words: 'content/issues/x.md (not added to git)'."""
    state, path = line[:2], line[3:].strip().strip('"')
    how = "not added to git" if state == "??" else "changed since the last commit"
    return f"{path.rsplit(' -> ', 1)[-1]} ({how})"


def check_committed(site_root: Path, going_on: bool, notice: Callable[[str], None]) -> None:
    """Stop before building if any source is not committed, naming each file; with
    `going_on` (--uncommitted), say so and go on."""
    found = uncommitted_sources(site_root)
    if not found:
        return
    shown = found[:_SHOWN] + ([f"and {len(found) - _SHOWN} more"] if len(found) > _SHOWN else [])
    if going_on:
        notice(
            f"Publishing {len(found)} files not committed to git, as --uncommitted asks:\n  "
            + "\n  ".join(shown)
        )
        return
    raise BulletinError(
        "nothing was published: these files are not committed to git, so the published "
        "site would not be the repository's:\n  "
        + "\n  ".join(shown)
        + "\nCommit them first (git add -A && git commit), or publish them as they are "
        "with --uncommitted"
    )


def host_files(folder: Path) -> list[OutputFile]:
    """The files a host added to a published folder, to be published again as they are."""
    kept: list[OutputFile] = []
    for name in HOST_FILES:
        place = folder / name
        paths = sorted(place.rglob("*")) if place.is_dir() else [place]
        kept += [
            made(path.relative_to(folder).as_posix(), path.read_bytes())
            for path in paths
            if path.is_file() and not path.is_symlink()
        ]
    return kept


def branch_cname(site_root: Path, branch: str, remote: str) -> str | None:
    """The custom domain a gh-pages branch names in its CNAME file, if it has one."""
    for ref in (branch, f"{remote}/{branch}"):
        try:
            done = subprocess.run(
                ["git", "show", f"{ref}:CNAME"],
                cwd=site_root,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    return None
