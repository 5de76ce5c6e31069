"""The CLI edge's handling of Python's cycle collector: code frozen out of it once, never
the collector left off."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc
from bulletin.cli.options import loading_code
with loading_code():
    assert not gc.isenabled()
    import bulletin.site
first = gc.get_freeze_count()
garbage = [[]]
with loading_code():
    pass
print(first > 0, gc.get_freeze_count() == first, gc.isenabled())
"""


def test_code_is_frozen_once_a_process_and_the_collector_runs_again() -> None:
    ran = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert ran.stdout.split() == ["True", "True", "True"]
