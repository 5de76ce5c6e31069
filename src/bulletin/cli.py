"""The command line: thin click wrappers over bulletin.commands.

No logic lives here that a test would need to reach through click. Errors
meant for people are `BulletinError`s, which click prints without a traceback;
anything else is a bug in bulletin, reported as such, also without a traceback
unless BULLETIN_DEBUG is set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from bulletin import __version__
from bulletin.commands.build import BuildOptions, build
from bulletin.errors import BuildError, BulletinError

SITE_OPTION = click.option(
    "--site",
    "site_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The site folder: the one holding content/ (and any templates/ and static/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulletin")
def cli() -> None:
    """bulletin: write newsletter issues in Markdown, publish them as a website."""


@cli.command("build")
@SITE_OPTION
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site.  [default: _site in the site folder]",
)
@click.option("--drafts", is_flag=True, help="Include issues marked draft: true.")
@click.option("--base-url", help="Override base_url from site.yaml, e.g. for a preview.")
def build_command(site_root: Path, output: Path | None, drafts: bool, base_url: str | None) -> None:
    """Build the site from content/ into _site/ (or --output)."""
    options = BuildOptions(site_root, output, drafts, base_url)
    try:
        result = build(options)
    except BuildError as err:
        report_problems(err)
        raise click.ClickException(
            f"build failed ({err.message}); {options.output_dir} was left as it was"
        ) from err
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    click.echo(result.summary(options.output_dir))


def report_problems(err: BuildError) -> None:
    """Print every problem, one per line, as file:line: field: message."""
    for problem in err.problems:
        click.echo(str(problem), err=True)


def main() -> None:
    """Entry point: run the CLI, and keep tracebacks away from editors."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Stopped.", err=True)
        sys.exit(1)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except Exception as err:  # a bug in bulletin, not a mistake by the editor
        if os.environ.get("BULLETIN_DEBUG"):
            raise
        click.echo(
            f"bulletin stopped because of an internal error ({type(err).__name__}: {err}). "
            "Nothing was changed. Please report this; run with BULLETIN_DEBUG=1 for details.",
            err=True,
        )
        sys.exit(70)


__all__ = ["BulletinError", "cli", "main"]
