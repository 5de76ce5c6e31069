"""serve's search index gives way to the next build: its thread, and the Pagefind it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import Any

import pytest

from bulletin.commands import serve

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a thread's own priority is Linux's"
)


def _priority() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_the_index_and_what_it_starts_run_behind_the_builds() -> None:
    builder: Any = None  # the indexer thread is all this test uses
    preview = serve.Preview(builder, serve.PreviewApp(), echo=print)
    ours = _priority()
    try:
        indexing = preview.indexer.submit(_priority).result()
        started = preview.indexer.submit(
            subprocess.run,
            [sys.executable, "-c", "import os; print(os.nice(0))"],
            capture_output=True,
            text=True,
        ).result()
        building = preview.builds.submit(_priority).result()
    finally:
        preview.indexer.shutdown()
        preview.builds.shutdown()
    assert indexing == min(ours + serve.INDEXING_NICENESS, 19)
    assert int(started.stdout) == indexing  # Pagefind, started from that thread
    assert building == ours == _priority()  # the builds, and the server, as they were
