"""Command line: the click group of every command, and how a command's end is reported.

No logic lives here that a test would need to reach through click. Errors
meant for people are `BulletinError`s, which are printed as click prints its
own, without a traceback; anything else is a bug in bulletin, reported as
such, also without a traceback unless BULLETIN_DEBUG is set. The commands are
in `building` (build, pdf, email), `writing` (init, new, check, serve) and
`publishing` (publish).
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import click

from bulletin import __version__
from bulletin.cli import building, publishing, writing
from bulletin.errors import BulletinError, machine_fault


class _Shown(click.ClickException):
    """A `BulletinError`, as click shows errors meant for people."""

    def __init__(self, error: BulletinError) -> None:
        super().__init__(error.message)
        self.error = error
        self.exit_code = error.exit_code  # type: ignore[misc]

    def format_message(self) -> str:
        return self.error.format_message()


class Commands(click.Group):
    """bulletin's commands: a `BulletinError` from any of them is shown, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BulletinError as err:
            raise _Shown(err) from err


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulletin")
def cli() -> None:
    """bulletin: write newsletter issues in Markdown, publish them as a website."""


for command in (
    building.build_command,
    writing.serve_command,
    writing.check_command,
    writing.new_command,
    writing.init_command,
    building.pdf_command,
    building.email_command,
    publishing.publish_command,
):
    cli.add_command(command)


def run(handed_on: object = None) -> None:
    """Run the command the arguments name, and keep tracebacks away from editors.

    `handed_on` reaches the command as click's context object (what `main`
    found out before click was loaded)."""
    try:
        cli.main(standalone_mode=False, obj=handed_on)
    except click.exceptions.Abort:
        click.echo("Stopped.", err=True)
        sys.exit(1)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except BulletinError as err:  # raised before any command ran
        _Shown(err).show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except OSError as err:  # the computer's fault: a full disk, a read-only one
        fault = machine_fault(err)
        if fault is None:
            _internal_error(err)
        click.echo(f"Error: {fault}. {_STILL_WHOLE}", err=True)
        sys.exit(1)
    except Exception as err:  # a bug in bulletin, not a mistake by the editor
        _internal_error(err)


#: True whenever bulletin stops: content is only read, and an output folder is replaced in
#: one step or its update is finished by the next run (`bulletin.write`). Worded for the
#: command that writes no folder, and the first build that had none yet, as well.
_STILL_WHOLE = (
    "Your content was not changed, and no site was left half written "
    "(an output folder holds the last whole site, or this one)."
)


def _internal_error(err: Exception) -> NoReturn:
    if os.environ.get("BULLETIN_DEBUG"):
        raise err
    click.echo(
        f"bulletin stopped because of an internal error ({type(err).__name__}: {err}). "
        f"{_STILL_WHOLE} Please report this; run with BULLETIN_DEBUG=1 for details.",
        err=True,
    )
    sys.exit(70)


__all__ = ["cli", "run"]
