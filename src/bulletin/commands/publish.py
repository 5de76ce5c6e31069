"""Publish: build, then put the site where readers get it, without GitHub Actions.

The site is built into its output folder (`_site/`) exactly as `bulletin
build` builds it, through the build cache, so that publishing a big site
costs what a build costs; that folder is then committed to a branch or
copied into the destination.

To a `gh-pages` branch (with ghp-import, which commits the built folder to
that branch and pushes it), or to any folder a web server serves. A build
with errors is never published: the previous site stays as it was.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import ghp_import

from bulletin.commands.build import build, source_folders, waiting_for
from bulletin.commands.publish_checks import branch_cname, check_committed, host_files
from bulletin.errors import BulletinError
from bulletin.options import BuildOptions
from bulletin.outputs.files import kept_in
from bulletin.pipeline.progress import Progress
from bulletin.pipeline.result import BuildResult
from bulletin.write import check_output_folder, write_site
from bulletin.write.lock import one_build_at_a_time


@dataclass(frozen=True)
class Destination:
    """Where to publish: a folder, or a branch of the site's git repository."""

    folder: Path | None = None
    branch: str = "gh-pages"
    remote: str = "origin"
    push: bool = True
    message: str | None = None
    #: Publish even if some of the site's sources are not committed to git.
    uncommitted: bool = False


def built_folder(options: BuildOptions) -> Path:
    """Where the site is built before it is published."""
    return options.output_dir.absolute()


def publish(
    options: BuildOptions,
    destination: Destination,
    progress: Progress | None = None,
    notice: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the site into its output folder, as `bulletin build` does, then publish that
    folder; raise BuildError (publishing nothing) on any error."""
    if destination.folder is not None:
        protected = [options.site_root, options.site_root / "content", built_folder(options)]
        check_output_folder(destination.folder, protected, source_folders(options.site_root))
    say = notice or (lambda _: None)
    check_committed(options.site_root, destination.uncommitted, say)
    built = built_folder(options)
    # Held until the site is published, so that no other build replaces it meanwhile.
    with one_build_at_a_time(built, lambda: say(waiting_for(built))):
        result = build(replace(options, use_cache=True), progress, notice)
        _publish_built(options.site_root, built, destination, result)
    return result


def _publish_built(
    site_root: Path, built: Path, destination: Destination, result: BuildResult
) -> None:
    """Copy the built site to the destination folder, or commit it to the branch."""
    if destination.folder is not None:
        files = [kept_in(str(built), f.path, f.digest, f.size) for f in result.files]
        made = {file.path for file in files}
        kept = [f for f in host_files(destination.folder.absolute()) if f.path not in made]
        with one_build_at_a_time(destination.folder.absolute(), lambda: None):
            write_site(files + kept, destination.folder)
        return
    _commit_to_branch(site_root, built, destination, result)


def _commit_to_branch(
    site_root: Path, built: Path, destination: Destination, result: BuildResult
) -> None:
    issues = len(result.site.issues)
    message = destination.message or f"Publish {issues} issues with bulletin"
    before = _branch_tip(site_root, destination.branch)
    try:
        with contextlib.chdir(site_root):  # ghp-import works on the current folder's repository
            ghp_import.ghp_import(
                str(built),
                branch=destination.branch,
                remote=destination.remote,
                push=destination.push,
                mesg=message,
                nojekyll=True,  # GitHub Pages must not run Jekyll over a finished site
                cname=branch_cname(site_root, destination.branch, destination.remote),
            )
    except (ghp_import.GhpError, subprocess.CalledProcessError) as err:
        # A push that was refused leaves a new commit on the local branch: take it back, so
        # that the branch says what readers have.
        _put_back(site_root, destination.branch, before)
        raise BulletinError(
            f"could not publish to the {destination.branch} branch: {_what_failed(err)}. "
            "Is the site folder a git repository, with a remote named "
            f"{destination.remote!r}, that you may push to? Nothing was published, and the "
            f"local {destination.branch} branch is as it was. "
            "(Use --to DIR to publish to a folder instead.)"
        ) from err


def _what_failed(err: ghp_import.GhpError | subprocess.CalledProcessError) -> str:
    if isinstance(err, ghp_import.GhpError):
        return str(err.message).strip()
    command = " ".join(str(part) for part in err.cmd)
    return f"{command} failed (git's own message is above)"


def _git(site_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in the site folder; without git, say so and what to do."""
    try:
        return subprocess.run(
            ["git", *args], cwd=site_root, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as err:
        raise BulletinError(
            "publishing to a branch needs git, which is not installed on this computer "
            "(or not on its PATH): install git, or publish to a folder with --to DIR"
        ) from err


def _branch_tip(site_root: Path, branch: str) -> str | None:
    """The commit a local branch points to, or None if there is no such branch (yet)."""
    found = _git(site_root, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    return found.stdout.strip() or None


def _put_back(site_root: Path, branch: str, tip: str | None) -> None:
    """Point a local branch where it pointed before (or remove it, if it was not there)."""
    ref = f"refs/heads/{branch}"
    _git(site_root, "update-ref", ref, tip) if tip else _git(site_root, "update-ref", "-d", ref)
