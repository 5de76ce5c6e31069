"""Publishing: the workflow, bulletin publish, future-dated issues, reproducible builds."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO, TODAY, epoch_of, run, tree_digest

Site = Callable[..., Path]
WORKFLOWS = REPO / ".github" / "workflows"
#: The .gitignore that `bulletin init` writes into a new site.
GITIGNORE = REPO / "src" / "bulletin" / "site_template" / "gitignore"
WORKFLOW = WORKFLOWS / "publish.yml"


def git(*args: str, cwd: Path) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout


def validate(path: Path, schema: str) -> None:
    """Check a file against GitHub's schema, as check-jsonschema vendors it (offline)."""
    completed = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize("name", ["publish.yml", "test.yml", "release.yml"])
def test_each_workflow_is_valid_for_github_actions(name: str) -> None:
    validate(WORKFLOWS / name, "vendor.github-workflows")


def test_dependabots_settings_are_valid() -> None:
    validate(REPO / ".github" / "dependabot.yml", "vendor.dependabot")
    updates = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text())["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"github-actions", "pip"}


def steps_of(name: str, job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = yaml.safe_load((WORKFLOWS / name).read_text())["jobs"][job][
        "steps"
    ]
    return steps


def test_every_action_is_pinned_to_a_full_commit_with_its_version() -> None:
    for name in ("publish.yml", "test.yml", "release.yml"):
        text = (WORKFLOWS / name).read_text()
        uses = re.findall(r"uses: (\S+)@(\S+)(.*)", text)
        assert uses, name
        for action, ref, comment in uses:
            assert re.fullmatch(r"[0-9a-f]{40}", ref), (name, action, ref)
            assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (name, action, comment)


def test_the_tool_is_tested_by_its_own_workflow_which_publishes_nothing() -> None:
    runs = [step.get("run", "") for step in steps_of("test.yml", "test")]
    assert "scripts/test" in runs
    text = (WORKFLOWS / "test.yml").read_text()
    assert "pages" not in text and "deploy" not in text


def test_the_publish_workflow_checks_builds_deploys_and_runs_daily() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert triggers["schedule"] == [{"cron": "17 5 * * *"}]
    steps = steps_of("publish.yml", "build")
    runs = [step.get("run", "") for step in steps]
    assert not [r for r in runs if "scripts/test" in r or "pytest" in r or "ruff" in r]
    check = next(step for step in steps if "bulletin check" in step.get("run", ""))
    assert check["run"] == "bulletin check --format github"
    assert check["if"] == "github.event_name == 'pull_request'"
    build = next(step for step in steps if "bulletin build" in step.get("run", ""))
    assert build["run"].count("bulletin build --pdf") == 3
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".bulletin-cache"
    assert steps.index(cache) < steps.index(build)
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"].split() == [
        "requirements.txt",
        "constraints.txt",
    ]
    uses = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert uses >= {"actions/configure-pages", "actions/upload-pages-artifact"}
    assert uses >= {"actions/upload-artifact", "actions/cache"}


def test_the_example_site_is_installed_as_a_new_site_is() -> None:
    """This repository's requirements.txt names this checkout where a site's names a tag."""
    lines = [
        line
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == [".[pdf]", "-c constraints.txt"]


def test_the_lock_pins_every_library_bulletin_asks_for_at_a_version_it_accepts() -> None:
    lines = [
        line
        for line in (REPO / "constraints.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][^ ]*", line) for line in lines), lines
    locked = {canonicalize_name(line.split("==")[0]): line.split("==")[1] for line in lines}
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["pdf"], "hatchling"]
    for requirement in map(Requirement, wanted):
        name = canonicalize_name(requirement.name)
        assert name in locked, name
        assert requirement.specifier.contains(locked[name]), (str(requirement), locked[name])


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
    (example_site / ".gitignore").write_text(GITIGNORE.read_text())  # as init writes
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
    git("commit", "-qam", "A mistake", cwd=site)
    result = run("publish", "--site", site)
    assert result.exit_code == 1
    assert "nothing was published (1 error in 1 file)" in result.output
    assert "gh-pages" not in git("branch", "--list", cwd=remote)


def test_publish_names_uncommitted_issues_and_refuses_them(
    site_repository: tuple[Path, Path],
) -> None:
    site, remote = site_repository
    issue = site / "content" / "issues" / "2026-summer.md"
    issue.write_text(issue.read_text().replace("Summer 2026", "Summer 2026, revised"))
    (site / "content" / "issues" / "2027-spring.md").write_text(
        "---\ntitle: Spring 2027\ndate: 2026-11-01\nsummary: Soon.\n---\n\n## News\n\nSoon.\n"
    )
    result = run("publish", "--site", site)
    assert result.exit_code == 1
    assert "nothing was published: these files are not committed to git" in result.output
    assert "content/issues/2026-summer.md (changed since the last commit)" in result.output
    assert "content/issues/2027-spring.md (not added to git)" in result.output
    assert "or publish them as they are with --uncommitted" in result.output
    assert "gh-pages" not in git("branch", "--list", cwd=remote)
    going_on = run("publish", "--site", site, "--uncommitted")
    assert going_on.exit_code == 0, going_on.output
    assert "Publishing 2 files not committed to git, as --uncommitted asks" in going_on.output
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert "issues/2027-spring/index.html" in files


def test_publish_keeps_the_custom_domain_of_a_gh_pages_branch(
    site_repository: tuple[Path, Path], tmp_path: Path
) -> None:
    site, remote = site_repository
    assert run("publish", "--site", site).exit_code == 0
    clone = tmp_path / "pages"
    git("clone", "-q", "--branch", "gh-pages", str(remote), str(clone), cwd=tmp_path)
    (clone / "CNAME").write_text("news.northbrook.example\n")
    git("-c", "user.email=a@b.example", "-c", "user.name=Admin", "add", "CNAME", cwd=clone)
    git(
        "-c",
        "user.email=a@b.example",
        "-c",
        "user.name=Admin",
        "commit",
        "-qm",
        "Domain",
        cwd=clone,
    )
    git("push", "-q", "origin", "gh-pages", cwd=clone)
    git("fetch", "-q", "origin", cwd=site)
    git("branch", "-D", "gh-pages", cwd=site)
    result = run("publish", "--site", site)
    assert result.exit_code == 0, result.output
    cname = git("show", "gh-pages:CNAME", cwd=remote)
    assert cname.strip() == "news.northbrook.example"


def test_publish_to_a_folder_keeps_what_the_host_added(example_site: Path, tmp_path: Path) -> None:
    target = tmp_path / "www"
    target.mkdir()
    (target / ".well-known").mkdir()
    (target / ".well-known" / "security.txt").write_text("Contact: mailto:a@b.example\n")
    (target / ".htaccess").write_text("Header set X-Frame-Options DENY\n")
    for _ in range(2):  # a first publish into the host's folder, then one over bulletin's own
        result = run("publish", "--site", example_site, "--to", target)
        assert result.exit_code == 0, result.output
        assert (target / ".well-known" / "security.txt").read_text().startswith("Contact:")
        assert (target / ".htaccess").is_file()
        assert (target / "issues" / "2026-summer" / "index.html").is_file()


@pytest.mark.parametrize("inside", ["content/www", "static/out", "templates/x", "content"])
@pytest.mark.parametrize("command", ["publish --to", "build --output"])
def test_the_site_is_never_written_inside_its_own_sources(
    example_site: Path, inside: str, command: str
) -> None:
    (example_site / "static").mkdir(exist_ok=True)
    (example_site / "templates").mkdir(exist_ok=True)
    before = tree_digest(example_site)
    result = run(*command.split(), example_site / inside, "--site", example_site)
    assert result.exit_code == 1
    assert "refusing to write the site to" in result.output
    assert "Traceback" not in result.output
    assert tree_digest(example_site) == before


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


def test_a_rejected_push_leaves_the_local_branch_as_it_was(
    site_repository: tuple[Path, Path],
) -> None:
    site, remote = site_repository
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = run("publish", "--site", site)
    assert result.exit_code == 1
    assert "could not publish to the gh-pages branch" in result.output
    assert "Nothing was published, and the local gh-pages branch is as it was." in result.output
    assert "internal error" not in result.output
    assert git("branch", "--list", "gh-pages", cwd=site).strip() == ""
    assert "gh-pages" not in git("branch", "--list", cwd=remote)


def test_a_missing_remote_is_explained(site_repository: tuple[Path, Path]) -> None:
    site, _ = site_repository
    result = run("publish", "--site", site, "--remote", "upstream")
    assert result.exit_code == 1
    assert "with a remote named 'upstream'" in result.output
    assert git("branch", "--list", "gh-pages", cwd=site).strip() == ""


def test_publishing_without_git_is_explained(
    site_repository: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, _ = site_repository
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = run("publish", "--site", site)
    assert result.exit_code == 1
    assert "publishing to a branch needs git, which is not installed" in result.output
