"""Run `bulletin` and kill it with SIGKILL at the Nth rename it makes (KILL_AT=N).

Every step that puts files in place is a rename (os.replace, Path.rename, or
the exchange of two folders' names), so killing just before each in turn
tries every point at which a real kill could land between two of them.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bulletin import atomic

MAIN = os.getpid()
KILL_AT = int(os.environ["KILL_AT"])
calls = 0


def killing(step: Callable[..., Any]) -> Callable[..., Any]:
    """The step, counted, with a SIGKILL of this process at the Nth one."""

    def counted(*args: Any, **kwargs: Any) -> Any:
        global calls
        if os.getpid() == MAIN:
            calls += 1
            if calls == KILL_AT:
                os.kill(MAIN, signal.SIGKILL)
        return step(*args, **kwargs)

    return counted


os.replace = killing(os.replace)
Path.rename = killing(Path.rename)  # type: ignore[method-assign]
atomic.exchange = killing(atomic.exchange)

if __name__ == "__main__":
    from bulletin.cli import main

    sys.argv = ["bulletin", *sys.argv[1:]]
    main()
