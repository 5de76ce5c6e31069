"""serve answers requests while it rebuilds: a slow build after a save does not hold up
the pages already built (the build runs beside the server, not on its loop)."""

from __future__ import annotations

import shutil
import time
import urllib.request
from pathlib import Path

from tests.browser.conftest import start_serve
from tests.conftest import REPO

#: A footer that takes seconds to render (49 million tests that print nothing, about 4 s
#: here and well over 1 s on any machine): a stand-in for a build of a big site.
SLOW = "{% for a in range(7000) %}{% for b in range(7000) %}{% if a < b < a %}x{% endif %}{% endfor %}{% endfor %}"


def test_pages_are_served_during_a_slow_rebuild(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    (site / "templates").mkdir()  # watched from the start
    served = start_serve(site, tmp_path / "serve.log")
    try:
        theme = REPO / "templates" / "404.html"
        override = site / "templates" / "404.html"
        builds = served.output().count("Rebuilt")
        override.write_text(theme.read_text() + SLOW)
        time.sleep(0.5)  # the watcher has seen the save, and the build is under way
        started = time.monotonic()
        with urllib.request.urlopen(served.url, timeout=30) as response:
            assert response.status == 200
        waited = time.monotonic() - started
        assert waited < 1.0, f"a request waited {waited:.1f} s for the build"
        assert served.output().count("Rebuilt") == builds, "the build was too quick to tell"
    finally:
        served.stop()
