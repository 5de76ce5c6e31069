"""A progress bar on long builds when the output is a terminal, and never in logs."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import generate


def run_on_terminal(command: list[str]) -> str:
    """Run a command with its output on a pseudo-terminal, as in an editor's shell."""
    controller, terminal = os.openpty()
    process = subprocess.Popen(command, stdout=terminal, stderr=terminal, close_fds=True)
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(controller, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_long_build_on_a_terminal_shows_its_progress(tmp_path: Path) -> None:
    site = generate(60, tmp_path / "site")
    build = [sys.executable, "-m", "bulletin", "build", "--site", str(site)]
    shown = run_on_terminal(build)
    assert "Reading issues" in shown and "60/60" in shown
    assert "Rendering pages" in shown
    assert "Built 60 issues" in shown


def test_a_build_whose_output_is_not_a_terminal_shows_no_bar(tmp_path: Path) -> None:
    site = generate(60, tmp_path / "site")
    logged = subprocess.run(
        [sys.executable, "-m", "bulletin", "build", "--site", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert logged.returncode == 0
    assert "Reading issues" not in logged.stdout + logged.stderr
    assert logged.stdout.startswith("Built 60 issues")
