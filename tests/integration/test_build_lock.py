"""One build at a time writes a site: a second waits, says so, then builds on the first's.

Before the lock, two `bulletin build` runs started together after an edit each
exchanged a spare copy for `_site/`: the folder was left holding four files, and
every build after it refused the folder as not bulletin's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bulletin.write.lock import lock_path, one_build_at_a_time
from tests.conftest import tree_digest
from tests.integration.edits import issue, replace_in

WAITING = "Waiting for another build writing"


def start_build(site: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bulletin", "build", "-v"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bulletin", "build"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )


def clean_build(site: Path, output: Path) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "bulletin", "build", "--no-cache", "--output", str(output)],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return tree_digest(output)


def edit(site: Path, number: int) -> None:
    replace_in(issue(site), "\n## ", f"\nA sentence of edit {number}.\n\n## ")


def test_two_builds_at_once_leave_the_site_whole(example_site: Path, tmp_path: Path) -> None:
    assert build(example_site).returncode == 0
    for number in range(3):
        edit(example_site, number)
        first, second = start_build(example_site), start_build(example_site)
        for process in (first, second):
            _, errors = process.communicate(timeout=300)
            assert process.returncode == 0, errors
    after = build(example_site)
    assert after.returncode == 0 and "Nothing changed" in after.stdout, after.stderr
    assert tree_digest(example_site / "_site") == clean_build(example_site, tmp_path / "clean")


def test_a_second_build_waits_for_the_first_and_says_so(example_site: Path) -> None:
    assert build(example_site).returncode == 0
    edit(example_site, 1)
    with one_build_at_a_time((example_site / "_site").absolute(), lambda: None):
        waiting = start_build(example_site)
        assert waiting.stderr is not None
        said = waiting.stderr.readline()  # said as soon as it finds the lock held
        assert WAITING in said and "_site/" in said, said
        time.sleep(1)
        assert waiting.poll() is None  # still waiting
    _, errors = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, errors
    assert (
        "A sentence of edit 1."
        in (example_site / "_site/issues/2026-summer/index.html").read_text()
    )


HOLDER = """
import sys, time
from pathlib import Path
from bulletin.write.lock import one_build_at_a_time
with one_build_at_a_time(Path(sys.argv[1]), lambda: None):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_build_killed_while_holding_the_lock_holds_nothing(example_site: Path) -> None:
    """The lock is the system's, on an open file: there is no stale lock file to clear."""
    output = (example_site / "_site").absolute()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(output)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock_path(output).exists()  # the file stays; its lock went with the process
    done = build(example_site)
    assert done.returncode == 0 and WAITING not in done.stderr, done.stderr


def test_each_output_folder_has_a_lock_of_its_own(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert lock_path(site / "_site") != lock_path(site / "preview")
    assert lock_path(site / "_site") == lock_path(site / "content" / ".." / "_site")


TRY = """
import fcntl, sys
with open(sys.argv[1], "a+b") as handle:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("held")
    else:
        print("free")
"""


def held_elsewhere(output: Path) -> str:
    """What another process finds: whether the output folder's lock is held."""
    tried = subprocess.run(
        [sys.executable, "-c", TRY, str(lock_path(output))], capture_output=True, text=True
    )
    return tried.stdout.strip()


def test_a_process_holding_the_lock_may_ask_again_and_keeps_it(tmp_path: Path) -> None:
    """publish holds the lock around the build it runs, which asks for it again."""
    output, said = tmp_path / "_site", []
    with one_build_at_a_time(output, lambda: said.append("outer waited")):
        with one_build_at_a_time(output, lambda: said.append("inner waited")):
            assert held_elsewhere(output) == "held"
        assert held_elsewhere(output) == "held"  # the inner block let nothing go
    assert held_elsewhere(output) == "free" and said == []


def test_another_thread_of_the_process_waits_as_another_process_would(tmp_path: Path) -> None:
    output, said = tmp_path / "_site", []
    entered = threading.Event()

    def second() -> None:
        with one_build_at_a_time(output, lambda: said.append("waited")):
            entered.set()

    with one_build_at_a_time(output, lambda: None):
        thread = threading.Thread(target=second)
        thread.start()
        assert not entered.wait(0.5)  # kept out while this thread holds the lock
    thread.join(timeout=10)
    assert entered.is_set() and said == ["waited"]
