"""Publish: build, then put the site where readers get it, without GitHub Actions.

To a `gh-pages` branch (with ghp-import, which commits the built folder to
that branch and pushes it), or to any folder a web server serves. A build
with errors is never published: the previous site stays as it was.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ghp_import

from bulletin.errors import BulletinError
from bulletin.options import BuildOptions
from bulletin.pipeline.builder import BuildResult, SiteBuilder
from bulletin.write import check_output_folder, write_site


@dataclass(frozen=True)
class Destination:
    """Where to publish: a folder, or a branch of the site's git repository."""

    folder: Path | None = None
    branch: str = "gh-pages"
    remote: str = "origin"
    push: bool = True
    message: str | None = None


def publish(options: BuildOptions, destination: Destination) -> BuildResult:
    """Build the site and publish it; raise BuildError (publishing nothing) on any error."""
    result = SiteBuilder(options).build()
    if destination.folder is not None:
        protected = [options.site_root, options.site_root / "content"]
        check_output_folder(destination.folder, protected)
        write_site(result.files, destination.folder)
        return result
    with tempfile.TemporaryDirectory(prefix="bulletin-publish-") as scratch:
        built = Path(scratch) / "site"
        write_site(result.files, built)
        _commit_to_branch(options.site_root, built, destination, result)
    return result


def _commit_to_branch(
    site_root: Path, built: Path, destination: Destination, result: BuildResult
) -> None:
    issues = len(result.site.issues)
    message = destination.message or f"Publish {issues} issues with bulletin"
    try:
        with contextlib.chdir(site_root):  # ghp-import works on the current folder's repository
            ghp_import.ghp_import(
                str(built),
                branch=destination.branch,
                remote=destination.remote,
                push=destination.push,
                mesg=message,
                nojekyll=True,  # GitHub Pages must not run Jekyll over a finished site
            )
    except ghp_import.GhpError as err:
        raise BulletinError(
            f"could not publish to the {destination.branch} branch: {err.message.strip()}. "
            "Is the site folder a git repository, with a remote named "
            f"{destination.remote!r}? (Use --to DIR to publish to a folder instead.)"
        ) from err
