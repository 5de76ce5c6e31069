"""Command line: how much each command says: -q/--quiet, the default, -v/--verbose.

Every command takes both, as Hugo's and MkDocs' do. Quiet prints errors
only (what failed, and why); the default adds warnings and the one line
that says what was done; verbose adds what each step did (issue files read
again, products made and reused, the cache used or not). The level lives in
click's context for the command being run, not in a global.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2
_KEY = "bulletin.voice"
F = TypeVar("F", bound=Callable[..., Any])


def _set(level: int) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, param: click.Parameter, given: bool) -> None:
        if given:
            ctx.meta[_KEY] = level

    return callback


def voice_options(command: F) -> F:
    """Give a command -q/--quiet and -v/--verbose."""
    quiet = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set(QUIET),
        help="Print errors only.",
    )
    verbose = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set(VERBOSE),
        help="Also print what each step did.",
    )
    return quiet(verbose(command))


def level() -> int:
    """How much the command being run is to say."""
    ctx = click.get_current_context(silent=True)
    return int(ctx.meta.get(_KEY, NORMAL)) if ctx is not None else NORMAL


def say(text: str) -> None:
    """What a command did: its one line of news (not when quiet)."""
    if level() >= NORMAL:
        click.echo(text)


def warn(text: str) -> None:
    """A warning or a notice, on standard error (not when quiet)."""
    if level() >= NORMAL:
        click.echo(text, err=True)


def detail(text: str) -> None:
    """What a step did, on standard error (only when verbose)."""
    if level() >= VERBOSE:
        click.echo(text, err=True)


def counted(number: int, noun: str) -> str:
    """A number and its noun, as one would write them: "1 page", "7 pages"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
