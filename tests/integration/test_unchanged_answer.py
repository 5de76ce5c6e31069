"""A plain `bulletin build` that finds nothing changed answers before click is loaded, with
the words, warnings and exit the command gives through click; when something did change,
what it hashed is handed on to the build, which hashes nothing twice."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.cache.inputs import FOLDER
from tests.conftest import REPO
from tests.integration.edits import issue, replace_in

#: Runs bulletin's entry point as the `bulletin` command does, then reports what it loaded
#: and how often it hashed the inputs.
SCRIPT = """
import sys
import bulletin.cache, bulletin.cache.inputs as inputs
hashed = []
original = inputs.hash_inputs
def counted(*args, **kwargs):
    hashed.append(1)
    return original(*args, **kwargs)
inputs.hash_inputs = bulletin.cache.hash_inputs = counted
sys.argv = ["bulletin", *sys.argv[1:]]
from bulletin.cli import main
try:
    main()
    code = 0
except SystemExit as stop:
    code = stop.code
print("REPORT", code, "click" in sys.modules, len(hashed), file=sys.stderr)
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(REPO / "content", folder / "content")
    return folder


def bulletin(site: Path, *arguments: str) -> tuple[str, str, tuple[int, bool, int]]:
    """Run `bulletin ARGUMENTS` in the site folder: its output, errors and report (exit code,
    whether click was loaded, how many times the inputs were hashed)."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *arguments],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors, _, report = done.stderr.rpartition("REPORT ")
    code, click_loaded, hashed = report.split()
    return done.stdout, errors, (int(code), click_loaded == "True", int(hashed))


def without_timing(text: str) -> str:
    return re.sub(r"checked in [0-9.]+ s", "checked in … s", text)


def test_nothing_changed_is_said_without_loading_click(site: Path) -> None:
    assert bulletin(site, "build")[2][0] == 0
    out, errors, report = bulletin(site, "build")
    assert out.startswith("Nothing changed: 3 issues, 19 pages already in _site/ (checked in")
    assert errors == ""
    assert report == (0, False, 1)


def test_the_answer_and_its_warnings_are_those_of_the_command(site: Path) -> None:
    """The same line on standard output, the same warnings on standard error, as the build
    command gives when click runs it (here, with an option that takes the click path)."""
    path = issue(site)
    path.write_text(path.read_text() + "\nRead [click here](https://example.org/report).\n")
    first = bulletin(site, "build")
    assert first[2][0] == 0 and "does not say where it goes" in first[1]
    quick = bulletin(site, "build")
    through_click = bulletin(site, "build", "--site", ".")
    assert quick[2] == (0, False, 1)
    assert through_click[2] == (0, True, 1)
    assert without_timing(quick[0]) == without_timing(through_click[0])
    assert quick[1] == through_click[1]
    assert "warning: the link text 'click here' does not say where it goes" in quick[1]


def test_a_change_is_built_with_the_inputs_hashed_once(site: Path) -> None:
    bulletin(site, "build")
    replace_in(issue(site), "Welcome to the summer", "Welcome to the summit")
    out, _, report = bulletin(site, "build")
    assert out.startswith("Built 3 issues")
    assert report == (0, True, 1)
    assert "Welcome to the summit" in (site / "_site/issues/2026-summer/index.html").read_text()
    assert bulletin(site, "build")[0].startswith("Nothing changed")


def test_a_mistake_is_reported_as_the_command_reports_it(site: Path) -> None:
    bulletin(site, "build")
    replace_in(issue(site), "date: 2026-", "date: 2026-13-")
    _, errors, report = bulletin(site, "build")
    assert report[0] == 1
    assert "Traceback" not in errors
    assert "content/issues/2026-summer.md:" in errors
    assert errors.strip().endswith("was left as it was")
    assert "Welcome to the summer" in (site / "_site/issues/2026-summer/index.html").read_text()


def test_a_damaged_record_goes_to_the_build_which_says_so(site: Path) -> None:
    bulletin(site, "build")
    record = site / FOLDER / "record.marshal"
    record.write_bytes(record.read_bytes()[:-40])
    out, errors, report = bulletin(site, "build")
    assert report[0] == 0 and report[1] is True
    assert "record of the last build could not be used" in errors
    assert out.startswith("Built 3 issues")


def test_options_and_other_folders_go_through_click(site: Path) -> None:
    bulletin(site, "build")
    assert bulletin(site, "build", "-q")[2][1] is True
    inside = bulletin(site / "content", "build")
    assert inside[2][1] is True
    assert "Using the site folder ../" in inside[1]


def test_every_spelling_of_the_site_folder_finds_its_cache(site: Path, tmp_path: Path) -> None:
    """Run from content/ (where the site is `..`), given as an absolute path or through a
    symbolic link, a build uses what the build in the site folder kept: nothing is
    discarded, and an edit reads only the issue it changed."""
    bulletin(site, "build")
    (tmp_path / "linked").symlink_to(site)
    places = [
        (site / "content", ()),
        (site / "content" / "issues", ()),
        (tmp_path, ("--site", str(site))),
        (tmp_path, ("--site", "linked")),
        (site, ("--site", ".")),
    ]
    for folder, arguments in places:
        out, errors, report = bulletin(folder, "build", *arguments)
        assert report[0] == 0, errors
        assert out.startswith("Nothing changed: 3 issues, 19 pages already in"), (folder, out)
        assert "discarded" not in errors
    assert f"already in {site / '_site'}/" in bulletin(site / "content", "build")[0]
    replace_in(issue(site), "Welcome to the summer", "Welcome to the summit")
    out, errors, _ = bulletin(site / "content", "build", "-v")
    assert "Read 1 of 4 issue files again" in errors, out + errors
    assert "discarded" not in errors
