"""Command line: publish, to a gh-pages branch or to a folder, without GitHub Actions."""

from __future__ import annotations

from pathlib import Path

import click

from bulletin.cli.options import (
    BASE_URL_OPTION,
    SITE_OPTION,
    STRICT_OPTION,
    report_problems,
    terminal_progress,
)
from bulletin.cli.unchanged import ALL_CORES
from bulletin.cli.voice import say, voice_options, warn
from bulletin.content.source import shown_path
from bulletin.errors import BuildError
from bulletin.options import BuildOptions


@click.command("publish")
@voice_options
@SITE_OPTION
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Publish into this folder (for any web server) instead of a git branch.",
)
@click.option("--branch", default="gh-pages", show_default=True, help="The branch to publish to.")
@click.option("--remote", default="origin", show_default=True, help="The remote to push to.")
@click.option("--no-push", is_flag=True, help="Commit to the branch, but do not push it.")
@click.option("--message", "-m", help="The commit message.")
@click.option(
    "--uncommitted",
    is_flag=True,
    help="Publish even if files in content/, templates/ or static/ are not committed to git.",
)
@BASE_URL_OPTION
@STRICT_OPTION
def publish_command(
    site_root: Path,
    folder: Path | None,
    branch: str,
    remote: str,
    no_push: bool,
    message: str | None,
    uncommitted: bool,
    base_url: str | None,
    strict: bool,
) -> None:
    """Build the site and publish it: to a gh-pages branch, or --to a folder.

    Drafts and issues dated after today are never published. A build with
    any error publishes nothing.
    """
    from bulletin.commands.publish import Destination, publish

    options = BuildOptions(site_root, base_url=base_url, strict=strict, workers=ALL_CORES)
    destination = Destination(folder, branch, remote, not no_push, message, uncommitted)
    try:
        result = publish(options, destination, terminal_progress, _notice)
    except BuildError as err:
        report_problems(err)
        raise click.ClickException(f"nothing was published ({err.message})") from err
    where = shown_path(folder) + "/" if folder else f"the {branch} branch"
    pushed = "" if folder or no_push else f" and pushed it to {remote}"
    say(f"Published {len(result.site.issues)} issues to {where}{pushed}.")


def _notice(text: str) -> None:
    """Notices (a build cache discarded) go where warnings go."""
    warn(text)
