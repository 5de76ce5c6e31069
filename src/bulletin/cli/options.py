"""Command line: what several commands share: their options, progress bars, problems printed.

Each command imports the parts of bulletin it needs when it runs: loading
every library for every command would cost more than a build that finds
nothing to do takes in all.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TypeVar

import click

from bulletin.cli.voice import warn
from bulletin.errors import BuildError

#: Fewer items than this go by too fast for a progress bar to help.
PROGRESS_FROM = 50
T = TypeVar("T")


def _site_folder(ctx: click.Context, param: click.Parameter, given: Path | None) -> Path:
    """--site as given, else this folder or the nearest one above it that holds a site."""
    if given is not None:
        return given
    from bulletin.commands.site_folder import find_site_folder

    found = find_site_folder(Path("."))
    if found != Path("."):
        warn(f"Using the site folder {found}/ (it holds content/site.yaml).")
    return found


SITE_OPTION = click.option(
    "--site",
    "site_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    callback=_site_folder,
    help="The site folder: the one holding content/ (and any templates/ and static/).  "
    "[default: this folder, or the nearest one above it holding content/site.yaml]",
)
OUTPUT_OPTION = click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The site's output folder.  [default: _site in the site folder]",
)
DRAFTS_OPTION = click.option("--drafts", is_flag=True, help="Include issues marked draft: true.")
FUTURE_OPTION = click.option(
    "--future", is_flag=True, help="Include issues dated after today (in the site's time zone)."
)
BASE_URL_OPTION = click.option(
    "--base-url", help="Override base_url from site.yaml, e.g. for a preview."
)
STRICT_OPTION = click.option(
    "--strict", is_flag=True, help="Treat every warning as an error (useful in CI)."
)


@contextmanager
def loading_code() -> Iterator[None]:
    """Load the pipeline's modules with Python's cycle collector paused, then freeze what
    they made: importing makes objects by the million and no garbage, and those objects
    (functions, classes, compiled schemas) live as long as the process, so the collector
    would otherwise walk them again at every full collection of a build (about a tenth
    of a one-edit rebuild at 1,000 issues, each time). Once a process: a process that
    runs commands again (a test's) would otherwise freeze each one's garbage for good."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
        if enabled:
            gc.enable()


def terminal_progress(items: list[T], label: str) -> AbstractContextManager[Iterable[T]]:
    """A progress bar on the terminal for steps long enough to wait for."""
    from bulletin.pipeline.progress import no_progress

    if len(items) < PROGRESS_FROM or not sys.stderr.isatty():
        return no_progress(items, label)
    return click.progressbar(items, label=label, file=sys.stderr, show_pos=True)


def report_problems(err: BuildError) -> None:
    """Print every problem, one per line, as file:line: field: message."""
    for problem in err.problems:
        click.echo(str(problem), err=True)
