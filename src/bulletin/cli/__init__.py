"""The command line: `main`, the entry point, and click's commands (`bulletin.cli.app`).

`main` answers a plain `bulletin build` that finds nothing changed without
loading click (`bulletin.cli.unchanged`); every other command line goes to
click, which loads the commands' modules.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Entry point: run the command, and keep tracebacks away from editors."""
    # pydantic looks for plugins of its own among the entry points of every installed
    # distribution when the first model is defined: 60-80 ms of every command in a
    # virtual environment with the test tools, for plugins bulletin never uses. A
    # setting already in the environment wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from bulletin.cli.unchanged import answered

        try:
            done, inputs = answered(sys.argv[1:])
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
            sys.exit(1)
        if not done:
            from bulletin.cli.app import run

            run(inputs)
    finally:
        # Python runs its cycle collector over every object once more as it exits: after
        # a build that is a million objects, a tenth of a second after the work is done.
        # Frozen objects are skipped; their memory goes back with the process's.
        gc.freeze()


def __getattr__(name: str) -> object:
    """`bulletin.cli.cli`, the click group of every command, loaded when asked for."""
    if name == "cli":
        from bulletin.cli.app import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["cli", "main"]
