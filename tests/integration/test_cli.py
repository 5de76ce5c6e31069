"""The command line as an editor meets it: help, version, and no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.cli import main
from tests.conftest import FIXTURES, run


def test_help_lists_the_build_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "build" in result.output


def test_build_help_explains_each_option() -> None:
    result = run("build", "--help")
    for option in ("--site", "--output", "--drafts", "--base-url"):
        assert option in result.output


def test_python_dash_m_runs_and_a_failure_shows_no_traceback(tmp_path: Path) -> None:
    site = FIXTURES / "sites" / "invalid" / "bad-date"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bulletin",
            "build",
            "--site",
            str(site),
            "--output",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert "events[0].start" in completed.stderr
    assert completed.stderr.strip().endswith("was left as it was")


def test_a_site_folder_without_content_is_explained(tmp_path: Path) -> None:
    result = run("build", "--site", tmp_path)
    assert result.exit_code == 1
    assert "content/site.yaml: is missing" in result.stderr


def test_a_bad_base_url_option_is_named(example_site: Path) -> None:
    result = run("build", "--site", example_site, "--base-url", "example.github.io/news")
    assert result.exit_code == 1
    assert (
        '--base-url: "example.github.io/news" needs https:// in front '
        "(write https://example.github.io/news)"
    ) in result.stderr


def test_an_internal_error_is_reported_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], example_site: Path
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("something unexpected")

    monkeypatch.setattr("bulletin.commands.build.build", broken)
    monkeypatch.setattr(sys, "argv", ["bulletin", "build", "--site", str(example_site)])
    monkeypatch.delenv("BULLETIN_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error (RuntimeError: something unexpected)" in err
    assert "Your content was not changed, and no site was left half written" in err


COMMANDS = ("build", "check", "email", "init", "new", "pdf", "publish", "serve")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_quiet_and_verbose(command: str) -> None:
    result = run(command, "--help")
    assert "-q, --quiet" in result.output and "-v, --verbose" in result.output


def test_quiet_says_nothing_but_errors_and_verbose_says_what_each_step_did(
    example_site: Path,
) -> None:
    quiet = run("build", "--site", example_site, "-q", "--no-cache")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    issue = example_site / "content" / "issues" / "2026-summer.md"
    issue.write_text(issue.read_text().replace("Welcome to the summer", "Hello to the summer"))
    verbose = run("build", "--site", example_site, "--verbose")
    assert verbose.exit_code == 0
    assert verbose.stderr.startswith("Read 4 of 4 issue files again; made ")
    assert verbose.stdout.startswith("Built 3 issues")
    again = run("build", "--site", example_site, "-v")
    assert again.stdout.startswith("Nothing changed")
    issue.write_text(issue.read_text().replace("date: 2026-07-22", "date: 22nd July"))
    failed = run("check", "--site", example_site, "-q")
    assert failed.exit_code == 1
    assert failed.output.splitlines() == [  # errors only, every one of them
        "content/issues/2026-autumn.md:106: the link to 2026-summer.md#focus goes to an issue "
        "that is not published (its file has mistakes to correct)",
        'content/issues/2026-summer.md:3: date: "22nd July" is not a date (write 2026-07-22)',
    ]


def test_serve_takes_the_short_port_option_and_open() -> None:
    help_text = run("serve", "--help").output
    assert "-p, --port" in help_text and "--open" in help_text
