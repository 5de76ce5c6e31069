"""A program bulletin starts (Pagefind) is killed when bulletin is, even by SIGKILL: through
setpriv where it is, which lets the child start without copying the build, else through a
call in the child."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin import atomic

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="Linux only")

#: A parent that starts `sleep` as bulletin starts Pagefind, prints the child's id, waits.
PARENT = """
import subprocess, sys, time
from bulletin import atomic
if sys.argv[1] == "without setpriv":
    atomic._setpriv = lambda: None
command, before = atomic.dying_with_parent(["sleep", "60"])
child = subprocess.Popen(command, preexec_fn=before)
print(child.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


@pytest.mark.parametrize("way", ["with setpriv", "without setpriv"])
def test_the_child_dies_with_a_parent_killed_outright(way: str) -> None:
    if way == "with setpriv" and atomic._setpriv() is None:
        pytest.skip("setpriv with --pdeathsig is not on this machine")
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, way], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    # setpriv asks for the signal, then becomes the program: a parent killed before that
    # (a millisecond after the start) is outlived, so the kill waits for the program.
    deadline = time.monotonic() + 5
    while _name(child) != "sleep" and time.monotonic() < deadline:
        time.sleep(0.005)
    assert _alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(child)


def test_setpriv_runs_the_program_itself_and_nothing_runs_in_the_child() -> None:
    if atomic._setpriv() is None:
        pytest.skip("setpriv with --pdeathsig is not on this machine")
    command, before = atomic.dying_with_parent(["pagefind", "--quiet"])
    assert command[-3:] == ["--", "pagefind", "--quiet"]
    assert "--pdeathsig" in command
    assert before is None


def test_without_setpriv_the_child_sets_the_signal_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(atomic, "_setpriv", lambda: None)
    command, before = atomic.dying_with_parent(["pagefind"])
    assert command == ["pagefind"]
    assert before is atomic.die_with_parent
