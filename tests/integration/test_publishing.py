"""Publishing: the workflow, bulletin publish, future-dated issues, reproducible builds."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, TODAY, epoch_of, run, tree_digest

Site = Callable[..., Path]
WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"


def git(*args: str, cwd: Path) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout


def test_the_workflow_is_valid_for_github_actions() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_workflow_tests_checks_builds_deploys_and_runs_daily() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert triggers["schedule"] == [{"cron": "17 5 * * *"}]
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "scripts/test" in runs
    assert ".venv/bin/bulletin check" in runs
    uses = [
        step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step
    ]
    assert all("@" in u and len(u.split("@")[1]) == 40 for u in uses), (
        "every action pinned to a SHA"
    )
    assert {u.split("@")[0] for u in uses} >= {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/upload-artifact",
        "actions/cache",
    }
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".bulletin-cache"
    assert steps.index(cache) < next(
        i
        for i, s in enumerate(steps)
        if "build" in s.get("name", "").lower() and "run" in s and "bulletin build" in s["run"]
    )


def test_publish_to_a_folder(example_site: Path, tmp_path: Path) -> None:
    target = tmp_path / "www"
    result = run("publish", "--site", example_site, "--to", target)
    assert result.exit_code == 0, result.output
    assert result.output == f"Published 3 issues to {target}/.\n"
    assert (target / "issues" / "2026-summer" / "index.html").is_file()
    assert not (target / "issues" / "winter-2026").exists()  # drafts are never published


def test_publish_refuses_a_build_with_errors(example_site: Path, tmp_path: Path) -> None:
    target = tmp_path / "www"
    assert run("publish", "--site", example_site, "--to", target).exit_code == 0
    before = tree_digest(target)
    issue = example_site / "content" / "issues" / "2026-summer.md"
    issue.write_text(issue.read_text().replace("date: 2026-07-22", "date: 22 July"))
    result = run("publish", "--site", example_site, "--to", target)
    assert result.exit_code == 1
    assert "nothing was published (1 error in 1 file)" in result.output
    assert tree_digest(target) == before


@pytest.fixture
def site_repository(example_site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The example site as a git repository, with a bare repository as its origin."""
    remote = tmp_path / "remote.git"
    git("init", "--bare", "--initial-branch=main", str(remote), cwd=tmp_path)
    git("init", "--initial-branch=main", cwd=example_site)
    git("config", "user.email", "editor@northbrook.example", cwd=example_site)
    git("config", "user.name", "Sam Sample", cwd=example_site)
    git("add", "-A", cwd=example_site)
    git("commit", "-qm", "The newsletter", cwd=example_site)
    git("remote", "add", "origin", str(remote), cwd=example_site)
    git("push", "-q", "origin", "main", cwd=example_site)
    return example_site, remote


def test_publish_to_a_gh_pages_branch(site_repository: tuple[Path, Path]) -> None:
    site, remote = site_repository
    result = run("publish", "--site", site, "--message", "Autumn issue")
    assert result.exit_code == 0, result.output
    assert result.output == "Published 3 issues to the gh-pages branch and pushed it to origin.\n"
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert "index.html" in files and ".nojekyll" in files
    assert "issues/2026-summer/index.html" in files and "feed.xml" in files
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=remote).strip() == "Autumn issue"
    assert git("status", "--porcelain", cwd=site).strip() == ""  # the working tree is untouched


def test_publish_to_a_branch_refuses_errors_and_pushes_nothing(
    site_repository: tuple[Path, Path],
) -> None:
    site, remote = site_repository
    (site / "content" / "issues" / "2026-summer.md").write_text("---\ntitle: [\n---\n")
    result = run("publish", "--site", site)
    assert result.exit_code == 1
    assert "nothing was published" in result.output
    assert "gh-pages" not in git("branch", "--list", cwd=remote)


def test_publish_outside_a_repository_is_explained(example_site: Path) -> None:
    result = run("publish", "--site", example_site, "--no-push")
    assert result.exit_code == 1
    assert "could not publish to the gh-pages branch" in result.output
    assert "Use --to DIR to publish to a folder instead." in result.output


def _future_issue(site: Path, date: str) -> None:
    text = f"---\ntitle: Next issue\ndate: {date}\nsummary: Coming soon.\n---\n\n## News\n\nSoon.\n"
    (site / "content" / "issues" / "2027-spring.md").write_text(text)


def test_an_issue_dated_tomorrow_waits_for_its_day(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _future_issue(example_site, (TODAY + dt.timedelta(days=1)).isoformat())
    today = tmp_path / "today"
    assert run("build", "--site", example_site, "-o", today).exit_code == 0
    assert not (today / "issues" / "2027-spring").exists()
    future = tmp_path / "future"
    assert run("build", "--site", example_site, "-o", future, "--future").exit_code == 0
    assert (future / "issues" / "2027-spring" / "index.html").is_file()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_of(TODAY + dt.timedelta(days=1)))
    tomorrow = tmp_path / "tomorrow"
    assert run("build", "--site", example_site, "-o", tomorrow).exit_code == 0
    assert (tomorrow / "issues" / "2027-spring" / "index.html").is_file()


def test_two_builds_of_the_same_content_are_byte_identical(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("build", "--site", example_site, "-o", first).exit_code == 0
    moved = tmp_path / "elsewhere"
    shutil.copytree(example_site, moved)
    os.utime(moved / "content" / "issues" / "2026-summer.md", (0, 0))  # mtimes must not matter
    assert run("build", "--site", moved, "-o", second).exit_code == 0
    assert tree_digest(first) == tree_digest(second)
