"""Real headless Chromium (Debian's package) driven by Playwright, and a served site.

Where CI is set, a missing browser fails the run rather than skipping tests
that would otherwise silently prove nothing.
"""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

#: Debian's package by default; BULLETIN_CHROMIUM names another (GitHub's runners have Chrome).
CHROMIUM = Path(os.environ.get("BULLETIN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Marks the page as connected to the reload server; runs again after each reload.
WATCH_LIVERELOAD = (
    "window.__connected = false;"
    "document.addEventListener('LiveReloadConnect', () => { window.__connected = true; });"
)


def wait_until(page: Any, expression: str, arg: object = None, timeout: float = 15) -> None:
    """Wait until a JavaScript expression is true, polling from outside the page.

    Playwright's wait_for_function evaluates its predicate inside the page,
    which a Content-Security-Policy without 'unsafe-eval' (ours) forbids;
    page.evaluate goes through the DevTools protocol and is not subject to it.
    A page that is reloading has no context for a moment: try again.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(expression, arg):
                return
        except Exception:  # the page navigated away between two looks
            pass
        time.sleep(0.02)
    raise AssertionError(f"still false after {timeout} s: {expression} ({arg!r})")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"no browser at {CHROMIUM} (apt-get install chromium, or set BULLETIN_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """A `bulletin serve` process and where to reach it."""

    process: subprocess.Popen[str]
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> int:
        """Press Ctrl-C, as an editor would, and wait for the process to end."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def _as_in_a_terminal() -> None:
    """Ctrl-C reaches serve as it does in an editor's terminal, even when the tests run as
    a background job (a shell starts those with SIGINT ignored, and so their children)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_serve(site: Path, log: Path) -> Served:
    """Start `bulletin serve` on a free port and wait until it answers."""
    port = free_port()
    handle = log.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bulletin", "serve", "--site", str(site), "--port", str(port)],
        stdout=handle,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_as_in_a_terminal,
    )
    served = Served(process, f"http://127.0.0.1:{port}/", log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve stopped early:\n{served.output()}")
        try:
            with urllib.request.urlopen(served.url, timeout=2):
                return served
        except OSError:
            time.sleep(0.1)
    served.stop()
    raise AssertionError(f"serve did not answer within 60 s:\n{served.output()}")


@pytest.fixture(scope="session")
def static_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site, built and served as files by a plain local web server."""
    from tests.conftest import REPO

    yield from serve_built(REPO, tmp_path_factory.mktemp("static-example") / "_site")


def serve_built(site: Path, output: Path, **options: Any) -> Iterator[str]:
    """Build a site and serve its files with a plain local web server, until the test ends."""
    from bulletin.commands.build import build
    from bulletin.options import BuildOptions

    build(BuildOptions(site, output=output, **options))
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served_example(example_site: Path, tmp_path: Path) -> Iterator[tuple[Served, Path]]:
    served = start_serve(example_site, tmp_path / "serve.log")
    yield served, example_site
    served.stop()
