"""bulletin check --format github: each problem as a GitHub workflow annotation.

GitHub reads `::error file=F,line=N,title=T::message` lines from a step's output
and shows each on that line of the pull request's changed files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bulletin.commands.check import github_annotation
from bulletin.errors import Problem, Severity
from tests.conftest import run

Site = Callable[..., Path]
ISSUE = "content/issues/2022-summer.md"


def issue(front: str = "", body: str = "## News\n\nHello.\n") -> dict[str, str]:
    base = "title: Summer 2022\ndate: 2022-07-20\nsummary: A test issue.\n"
    return {ISSUE: f"---\n{base}{front}---\n\n{body}"}


def test_errors_and_warnings_become_annotations_on_their_lines(
    make_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(issue(body="## News\n\nTODO: the story.\n"))
    monkeypatch.chdir(site)  # a workflow runs in the repository, the site's folder
    result = run("check", "--format", "github")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"::warning file={ISSUE},line=9::still to fill in: TODO: the story.",
        "0 errors and 1 warning in 1 file; checked 1 issue.",
    ]
    (site / ISSUE).write_text((site / ISSUE).read_text().replace("summary:", "number: x\nsummary:"))
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines() == [  # one problem no longer hides the next
        f'::error file={ISSUE},line=4,title=number::"x" is not a whole number',
        f"::warning file={ISSUE},line=10::still to fill in: TODO: the story.",
        "1 error and 1 warning in 1 file; checked 1 issue file (0 published, 1 with mistakes that stop it being read).",
    ]


def test_file_names_are_given_from_the_folder_the_check_runs_in(make_site: Site) -> None:
    site = make_site(issue("number: x\n"))
    result = run("check", "--site", site, "--format", "github")
    assert result.output.splitlines()[0] == (
        f'::error file={site}/{ISSUE},line=5,title=number::"x" is not a whole number'
    )


def test_a_clean_site_prints_only_the_summary(example_site: Path) -> None:
    result = run("check", "--site", example_site, "--format", "github", "--drafts", "--future")
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found in 4 issues.\n"


def test_a_problem_outside_any_file_names_its_source_in_the_message(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = run("check", "--site", example_site, "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        '::error::SOURCE_DATE_EPOCH: "soon" is not a whole number of seconds'
    )


def test_data_and_properties_are_escaped_as_github_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a,b:c.md").write_text("odd name")
    monkeypatch.chdir(tmp_path)
    problem = Problem(
        "a,b:c.md",
        3,
        "100% wrong\r\nsecond line: a, b",
        "events[0].start, end",
        Severity.WARNING,
    )
    assert github_annotation(problem, Path(".")) == (
        "::warning file=a%2Cb%3Ac.md,line=3,title=events[0].start%2C end"
        "::100%25 wrong%0D%0Asecond line: a, b"
    )


def test_the_site_workflows_check_sees_an_issue_due_next_month(make_site: Site) -> None:
    """What the site workflow runs on a pull request: drafts and future issues are checked."""
    due = "---\ntitle: Winter 2026\ndate: 2026-12-20\nsummary: Next.\ndraft: true\n---\n\n"
    site = make_site({"content/issues/2026-winter.md": due + "## News\n\n[the plan](#)\n"})
    result = run("check", "--site", site, "--drafts", "--future", "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        f"::error file={site}/content/issues/2026-winter.md,line=10::the link 'the plan' has a "
        "placeholder address (#)"
    )
