"""A new site repository, end to end, outside this repository, with bulletin from its wheel.

bulletin is installed from its built wheel into a virtual environment of its
own, as a user installs it; `bulletin init` makes a site in a folder far from
this checkout; the site builds; then the generated workflow's `run:` steps are
run in order as shell commands, as GitHub's runner would run them, for a pull
request and for a push to main, with the GitHub variables they read set to
plausible values. The one line that pins bulletin is pointed at the wheel,
since this machine cannot reach GitHub.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

PAGES = "https://riverside-council.github.io/riverside-news"
EMAIL = "news@riverside.example"
#: What each expression in the workflow is on GitHub, for each event this test plays.
EXPRESSIONS: dict[str, dict[str, Any]] = {
    "github.event_name == 'pull_request'": {"pull_request": True, "push": False},
    "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'": {
        "pull_request": False,
        "push": True,
    },
    "steps.pages.outputs.base_url": {"pull_request": "", "push": PAGES},
}
GITHUB = {
    "pull_request": {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_REF": "refs/pull/7/merge"},
    "push": {"GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/main"},
}


def shell(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    completed = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert completed.returncode == 0, (command, completed.stdout, completed.stderr)
    return completed.stdout


def fresh_python(folder: Path) -> Path:
    """A virtual environment that nothing is installed in: what setup-python gives a job."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    return folder / "bin"


def clean_environment(bin_folder: Path) -> dict[str, str]:
    """This machine's environment, with only the given Python's folder added in front."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    outside = [p for p in env["PATH"].split(os.pathsep) if ".venv" not in p]
    return env | {"PATH": os.pathsep.join([str(bin_folder), *outside])}


@pytest.fixture(scope="module")
def tool(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bulletin installed from its wheel, with the lock, as a user installs it."""
    bin_folder = fresh_python(tmp_path_factory.mktemp("tool") / "venv")
    requirement = f"{wheel}[pdf]"
    lock = str(REPO / "constraints.txt")
    env = clean_environment(bin_folder)
    shell(["pip", "install", "--quiet", requirement, "-c", lock], Path.cwd(), env)
    return bin_folder


@dataclass
class Run:
    """One run of the workflow's job, as the runner would make it."""

    event: str
    site: Path
    env: dict[str, str]
    outputs: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def value_of(expression: str, event: str) -> Any:
    known = EXPRESSIONS.get(expression.strip())
    assert known is not None, f"this test does not know what {expression!r} is on GitHub"
    return known[event]


def substituted(text: str, event: str) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(value_of(m[1], event)), text)


def run_job(workflow: dict[str, Any], run: Run) -> None:
    """Each step with a run: command, in order, under bash -eo pipefail, as GitHub runs it."""
    base = run.env | {str(k): str(v) for k, v in workflow.get("env", {}).items()}
    for step in workflow["jobs"]["build"]["steps"]:
        if "run" not in step or ("if" in step and not value_of(step["if"], run.event)):
            continue
        step_env = {k: substituted(str(v), run.event) for k, v in step.get("env", {}).items()}
        assert "${{" not in step["run"], step["run"]  # everything reaches run: through env:
        started = time.perf_counter()
        output = shell(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            run.site,
            base | step_env,
            timeout=900,
        )
        run.seconds[step["name"]] = time.perf_counter() - started
        run.outputs.append((step["name"], output))


def point_the_pin_at(site: Path, wheel: Path) -> None:
    """Replace the one line that pins bulletin (a git tag) with the wheel built here."""
    requirements = site / "requirements.txt"
    lines = requirements.read_text().splitlines()
    pins = [i for i, line in enumerate(lines) if line.startswith("bulletin[pdf] @ ")]
    assert len(pins) == 1 and "@ git+https://github.com/" in lines[pins[0]]
    lines[pins[0]] = f"bulletin[pdf] @ {wheel.as_uri()}"
    requirements.write_text("\n".join(lines) + "\n")


def test_init_builds_and_the_workflow_runs_outside_the_repository(
    tool: Path, wheel: Path, tmp_path: Path
) -> None:
    env = clean_environment(tool)
    init = shell(
        ["bulletin", "init", "riverside-news", "--title", "Riverside News", "--email", EMAIL],
        tmp_path,
        env,
    )
    assert "Your next three commands, in riverside-news/:" in init
    site = tmp_path / "riverside-news"
    assert not site.resolve().is_relative_to(REPO)
    built = shell(["bulletin", "build", "--pdf"], site, env)
    assert re.fullmatch(r"Built 1 issue, \d+ pages in [\d.]+ s -> _site/\n", built), built

    workflow = yaml.safe_load((site / ".github" / "workflows" / "publish.yml").read_text())
    point_the_pin_at(site, wheel)
    runner = fresh_python(tmp_path / "runner")
    runs = {}
    for event in ("pull_request", "push"):
        github = GITHUB[event] | {
            "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
            "GITHUB_WORKSPACE": str(site),
            "GITHUB_OUTPUT": str(tmp_path / f"{event}.output"),
            "RUNNER_TEMP": str(tmp_path),
            "CI": "true",
        }
        runs[event] = Run(event, site, clean_environment(runner) | github)
        run_job(workflow, runs[event])

    pull = dict(runs["pull_request"].outputs)
    assert list(pull) == [
        "Install Pango for the print edition, if the runner lacks it",
        "Install bulletin, at the version requirements.txt sets",
        "Check every issue, drafts and future-dated ones included",
        "Build the site with its print edition",
    ]
    assert pull["Check every issue, drafts and future-dated ones included"] == (
        "No problems found in 1 issue.\n"
    )
    assert "Check every issue, drafts and future-dated ones included" not in dict(
        runs["push"].outputs
    )
    slug = next((site / "content" / "issues").glob("*.md")).stem
    assert (site / "_site" / "issues" / slug / f"{slug}.pdf").is_file()
    page = (site / "_site" / "issues" / slug / "index.html").read_text()
    assert f'<link rel="canonical" href="{PAGES}/issues/{slug}/">' in page
    installed = shell(["bulletin", "--version"], site, clean_environment(runner))
    assert installed.strip().endswith(wheel.name.split("-")[1])
    timings = {e: {k: round(v, 1) for k, v in r.seconds.items()} for e, r in runs.items()}
    print(f"\nworkflow steps, seconds: {timings}")
