"""The CLI edge turns off pydantic's search for plugins, which costs every command the time
of listing every installed distribution, unless the environment says otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import os, sys
sys.argv = ["bulletin", "--version"]
from bulletin.cli import main
try:
    main()
except SystemExit:
    pass
from pydantic.plugin._loader import get_plugins
print(os.environ["PYDANTIC_DISABLE_PLUGINS"], len(list(get_plugins())))
"""


def _run(environment: dict[str, str]) -> list[str]:
    ran = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, env=environment
    )
    return ran.stdout.split()[-2:]


def test_plugins_are_not_searched_for() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert _run(environment) == ["__all__", "0"]


def test_a_setting_in_the_environment_wins() -> None:
    assert _run({**os.environ, "PYDANTIC_DISABLE_PLUGINS": "some-plugin"})[0] == "some-plugin"
