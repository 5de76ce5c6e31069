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


BASE_SCRIPT = """
import gc, io, pickle
from bulletin.cache import layers
from bulletin.cache.pickling import References

data = pickle.dumps({"entries": {}, "issues": [[n, {"n": n}] for n in range(5000)]})
before = gc.get_freeze_count()
first = layers._unpickled(References(io.BytesIO(data), "/nowhere"))
frozen = gc.get_freeze_count()
second = layers._unpickled(References(io.BytesIO(data), "/nowhere"))
print(first == second, frozen - before >= 10000, gc.get_freeze_count() == frozen, gc.isenabled())
"""


def test_a_cache_base_is_read_out_of_the_collectors_walks_once_a_process() -> None:
    """The base's 10,000 containers are frozen as read; a second base in the same process
    (a test's) is read as any pickle, so that no build's garbage is frozen for good."""
    ran = subprocess.run(
        [sys.executable, "-c", BASE_SCRIPT], capture_output=True, text=True, check=True
    )
    assert ran.stdout.split() == ["True", "True", "True", "True"]
