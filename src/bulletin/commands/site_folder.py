"""Where the site is: the folder holding content/site.yaml, found from where a command runs.

An editor who has opened a terminal in `content/` or `content/issues/` means
the site above it, as git finds its repository from any folder inside it; one
who is somewhere with no site is told how to make one, rather than shown a
list of missing files.
"""

from __future__ import annotations

import os
from pathlib import Path

from bulletin.errors import BulletinError

SITE_FILE = Path("content") / "site.yaml"


def holds_site(folder: Path) -> bool:
    """Whether a folder is a site folder: it holds content/site.yaml."""
    return (folder / SITE_FILE).is_file()


def find_site_folder(start: Path) -> Path:
    """The site folder: start itself, or the nearest folder above it holding content/site.yaml.

    Returned relative to start when it is above it (such as `..`), so that paths
    printed from it stay short.
    """
    if holds_site(start):
        return start
    here = start.resolve()
    for folder in here.parents:
        if holds_site(folder):
            return start / os.path.relpath(folder, here)
    raise BulletinError(no_site_here(start))


def no_site_here(start: Path) -> str:
    """What to do when there is no site in a folder or above it."""
    where = "this folder" if start == Path(".") else str(start)
    return (
        f"there is no site in {where} or any folder above it (a site folder holds "
        "content/site.yaml). Run bulletin in your site folder, give it with --site DIR, "
        "or make a new site with 'bulletin init'"
    )


def require_site(site_root: Path) -> None:
    """Refuse to add to a folder that is not a site, pointing to bulletin init."""
    if not holds_site(site_root):
        where = "this folder" if site_root == Path(".") else str(site_root)
        raise BulletinError(
            f"there is no site in {where}: it has no content/site.yaml. "
            "Make one with 'bulletin init', or run this in your site folder"
        )
