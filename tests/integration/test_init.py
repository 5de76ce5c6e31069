"""bulletin init: a new site repository that checks, builds and publishes itself.

And finding the site from inside it: a command run in content/ means the site
above it; one run where there is no site says to run bulletin init.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bulletin.cli import cli
from bulletin.commands.init import init_site
from bulletin.commands.init_answers import Answers, gather_answers
from tests.conftest import REPO, TODAY, run, tree_digest

EMAIL = "news@riverside.example"
OPTIONS = ("--title", "Riverside News", "--organisation", "Riverside Partnership")
OPTIONS += ("--email", "news@riverside.example", "--base-url", "https://news.riverside.example")
EVERY_FILE = [
    ".github/dependabot.yml",
    ".github/workflows/publish.yml",
    ".gitignore",
    "README.md",
    "constraints.txt",
    "content/README.md",
    "content/images/.gitkeep",
    "content/issues/autumn-2026.md",  # TODAY is in November
    "content/site.yaml",
    "requirements.txt",
]


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    folder = tmp_path / "riverside-news"
    result = run("init", folder, *OPTIONS)
    assert result.exit_code == 0, result.output
    return folder


def test_init_writes_a_whole_site_repository(new_site: Path) -> None:
    assert files_in(new_site) == EVERY_FILE
    settings = yaml.safe_load((new_site / "content" / "site.yaml").read_text())
    assert settings["title"] == "Riverside News"
    assert settings["organisation"] == "Riverside Partnership"
    assert settings["base_url"] == "https://news.riverside.example/"
    assert settings["accessibility"]["email"] == "news@riverside.example"
    assert settings["contacts"]["riverside-partnership"]["email"] == "news@riverside.example"
    assert (new_site / "content" / "README.md").read_bytes() == (
        REPO / "content" / "README.md"
    ).read_bytes()
    assert (new_site / "constraints.txt").read_bytes() == (REPO / "constraints.txt").read_bytes()
    gitignore = (new_site / ".gitignore").read_text().splitlines()
    assert {"_site/", ".bulletin-cache/", ".venv/"} <= set(gitignore)


def test_the_new_site_checks_clean_and_builds_with_its_print_edition(
    new_site: Path, tmp_path: Path
) -> None:
    check = run("check", "--site", new_site, "--drafts", "--future")
    assert check.exit_code == 0, check.output
    assert check.output == "No problems found in 1 issue.\n"
    output = tmp_path / "out"
    build = run("build", "--site", new_site, "-o", output, "--pdf")
    assert build.exit_code == 0, build.output
    page = (output / "issues" / "autumn-2026" / "index.html").read_text()
    assert "Welcome to the first issue of Riverside News, from Riverside Partnership." in page
    assert "news@riverside.example" in page
    assert (output / "issues" / "autumn-2026" / "autumn-2026.pdf").is_file()


def test_init_tells_the_editor_the_next_three_commands(tmp_path: Path) -> None:
    result = run("init", tmp_path / "riverside-news", *OPTIONS)
    lines = result.output.splitlines()
    start = lines.index(f"Your next three commands, in {tmp_path}/riverside-news/:")
    assert [line.split()[:2] for line in lines[start + 1 : start + 4]] == [
        ["bulletin", "serve"],
        ["bulletin", "new"],
        ["bulletin", "check"],
    ]
    assert '"Winter 2026"' in lines[start + 2]
    assert "Settings > Pages > Source: GitHub Actions." in result.output


def test_the_workflow_and_dependabot_are_this_repositorys_own(new_site: Path) -> None:
    """The example site here is published by the very file every new site gets."""
    for name in (".github/workflows/publish.yml", ".github/dependabot.yml"):
        assert (new_site / name).read_bytes() == (REPO / name).read_bytes(), name


def test_the_pin_is_one_line_naming_a_release_tag(new_site: Path) -> None:
    from bulletin import __version__

    lines = [
        line
        for line in (new_site / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == [
        f"bulletin[pdf] @ git+https://github.com/bulletin-newsletter/bulletin@v{__version__}",
        "-c constraints.txt",
    ]
    readme = (new_site / "README.md").read_text()
    assert f"change `v{__version__}` in `requirements.txt`" in readme
    assert (
        "https://raw.githubusercontent.com/bulletin-newsletter/bulletin/"
        f"v{__version__}/constraints.txt"
    ) in readme


def test_a_folder_that_holds_a_site_is_refused_and_left_alone(new_site: Path) -> None:
    before = tree_digest(new_site)
    result = run("init", new_site, *OPTIONS)
    assert result.exit_code == 1
    assert "already holds a site (it has content/site.yaml), so nothing was written" in (
        result.stderr
    )
    assert tree_digest(new_site) == before


def test_init_never_writes_over_a_file(tmp_path: Path) -> None:
    workflow = tmp_path / ".github" / "workflows" / "publish.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: mine\n")
    result = run("init", tmp_path, *OPTIONS)
    assert result.exit_code == 1
    assert (
        "already has .github/workflows/publish.yml, and init never writes over a file, so "
        "nothing was written"
    ) in result.stderr
    assert files_in(tmp_path) == [".github/workflows/publish.yml"]
    assert workflow.read_text() == "name: mine\n"


def test_a_fresh_clone_keeps_its_readme_and_gains_gitignore_lines(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Our newsletter\n")
    (tmp_path / ".gitignore").write_text("*.log\n_site/")
    result = run("init", tmp_path, *OPTIONS)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "README.md").read_text() == "# Our newsletter\n"
    assert (tmp_path / ".gitignore").read_text().splitlines() == [
        "*.log",
        "_site/",
        "# What bulletin makes, and the tools it runs in: never committed.",
        "._site.*/",
        ".bulletin-cache/",
        ".venv/",
        "__pycache__/",
    ]
    assert "README.md                          kept as it was" in result.output


def test_existing_issues_are_kept_and_no_first_issue_is_added(tmp_path: Path) -> None:
    issue = tmp_path / "content" / "issues" / "2026-spring.md"
    issue.parent.mkdir(parents=True)
    issue.write_text("---\ntitle: Spring 2026\ndate: 2026-04-01\nsummary: Ours.\n---\n")
    assert run("init", tmp_path, *OPTIONS).exit_code == 0
    assert sorted(p.name for p in issue.parent.iterdir()) == ["2026-spring.md"]


class Answering:
    """Someone at the terminal, answering each question in turn."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []
        self.told: list[str] = []

    def ask(self, prompt: str, default: str) -> str:
        self.asked.append((prompt, default))
        answer = self.answers.pop(0)
        return answer or default

    def tell(self, message: str) -> None:
        self.told.append(message)


def test_questions_offer_defaults_and_ask_again_after_a_mistake(tmp_path: Path) -> None:
    folder = tmp_path / "northbrook-news"
    person = Answering("", "Northbrook Council", "", "not-an-address", "news@nb.example", "")
    answers = gather_answers(folder, {}, person)
    assert answers == Answers(
        "Northbrook News",
        "Northbrook Council",
        "https://northbrook-news.example/",
        "news@nb.example",
        "",
    )
    assert [default for _, default in person.asked] == [
        "Northbrook News",
        "Northbrook News",
        "https://northbrook-news.example/",
        "",
        "",
        "",
    ]
    assert person.told == [
        'That cannot be used: "not-an-address" is not an email address (write name@example.org).'
    ]


def test_without_a_terminal_an_email_must_be_given(tmp_path: Path) -> None:
    result = run("init", tmp_path / "site", "--title", "News")
    assert result.exit_code == 1
    assert "--email is needed: the email address readers write to" in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--email", "news.example", '--email: "news.example" is not an email address'),
        ("--base-url", "news.example", '--base-url: "news.example" needs https:// in front'),
        ("--phone", "12", '--phone: "12" has too few digits for a phone number in GB'),
        ("--title", "Two\nlines", "--title: write it on one line"),
    ],
)
def test_a_bad_option_is_named_and_nothing_is_written(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    given = {"--email": "news@riverside.example"} | {option: value}
    result = run("init", tmp_path / "site", *[part for pair in given.items() for part in pair])
    assert result.exit_code == 1
    assert message in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_github_clone_defaults_to_its_pages_address(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, timeout=60)
    remote = "git@github.com:Riverside-Council/newsletter.git"
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
    answers = gather_answers(tmp_path, {"email": "news@riverside.example"}, None)
    assert answers.base_url == "https://riverside-council.github.io/newsletter/"
    site = init_site(tmp_path, answers, TODAY)
    assert site.placeholder_address is None


def test_new_in_a_folder_without_a_site_says_to_run_init(tmp_path: Path) -> None:
    result = run("new", "Autumn 2026", "--site", tmp_path)
    assert result.exit_code == 1
    assert "there is no site in" in result.stderr and "Make one with 'bulletin init'" in (
        result.stderr
    )
    assert files_in(tmp_path) == []


def test_commands_run_inside_content_use_the_site_above(
    new_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(new_site / "content" / "issues")
    result = run("new", "Winter 2026")
    assert result.exit_code == 0, result.output
    assert "Using the site folder ../../ (it holds content/site.yaml)." in result.stderr
    assert (new_site / "content" / "issues" / "winter-2026.md").is_file()
    assert run("check").exit_code == 0


def test_commands_where_there_is_no_site_say_where_to_run_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["build"], ["check"], ["new", "Autumn 2026"], ["serve"]):
        result = run(*command)
        assert result.exit_code == 1, command
        assert result.stderr.strip() == (
            "Error: there is no site in this folder or any folder above it (a site folder "
            "holds content/site.yaml). Run bulletin in your site folder, give it with --site "
            "DIR, or make a new site with 'bulletin init'"
        )
    assert files_in(tmp_path) == []


def test_init_runs_without_a_terminal_through_python_dash_m(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "bulletin", "init", str(tmp_path / "s"), "--yes", *OPTIONS],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "s" / "content" / "site.yaml").is_file()


def test_at_a_terminal_init_asks_each_question_with_its_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulletin.commands.init_answers.at_a_terminal", lambda: True)
    typed = "\nRiverside Partnership\n\nnot an address\nnews@riverside.example\n\n"
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "riverside-news")], input=typed)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "The newsletter's name [Riverside News]: \n"
        "Who publishes it [Riverside News]: Riverside Partnership\n"
        "Its web address [https://riverside-news.example/]: \n"
        "The email address readers write to: not an address\n"
    )
    assert '"not an address" is not an email address (write name@example.org)' in result.stderr
    settings = yaml.safe_load((tmp_path / "riverside-news" / "content" / "site.yaml").read_text())
    assert settings["organisation"] == "Riverside Partnership"
    assert settings["accessibility"]["email"] == EMAIL
    assert "phone" not in settings["accessibility"]
    assert "base_url is https://riverside-news.example/ for now" in result.output


def test_with_yes_nothing_is_asked_even_at_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulletin.commands.init_answers.at_a_terminal", lambda: True)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "s"), "--yes", "--email", EMAIL])
    assert result.exit_code == 0, result.output
    assert "[" not in result.output.splitlines()[0]


def test_init_in_the_current_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", *OPTIONS)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Created a newsletter site in this folder:\n")
    assert "\nYour next three commands:\n" in result.output
    assert run("check").exit_code == 0
