"""Init's questions: the newsletter's name, publisher, address and contact, with defaults.

Each answer is given as an option, or asked for at a terminal with a default
shown, and checked as site.yaml's own fields are checked, so that a mistake is
named (and, at a terminal, asked again) before anything is written.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import click
from pydantic import TypeAdapter, ValidationError

from bulletin.content.fields import Email, Phone, SiteUrl, Text
from bulletin.errors import BulletinError


@dataclass(frozen=True)
class Answers:
    """What init writes into content/site.yaml."""

    title: str
    organisation: str
    base_url: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class Question:
    """One thing init needs to know: its option, how it is asked, and how it is checked."""

    name: str
    prompt: str
    check: Any  # the field type from bulletin.content.fields
    optional: bool = False

    @property
    def option(self) -> str:
        """The command-line option that gives the answer."""
        return "--" + self.name.replace("_", "-")


GITHUB_REMOTE = re.compile(
    r"(?:https://|git@|ssh://git@)github\.com[:/]([^/]+)/([^/]+?)(?:\.git)?/?"
)

QUESTIONS = (
    Question("title", "The newsletter's name", Text),
    Question("organisation", "Who publishes it", Text),
    Question("base_url", "Its web address", SiteUrl),
    Question("email", "The email address readers write to", Email),
    Question("phone", "A phone number for readers (Enter for none)", Phone, optional=True),
)


class Asker(Protocol):
    """Someone at a terminal, who can be asked a question and told of a mistake."""

    def ask(self, prompt: str, default: str) -> str:
        """Their answer, or the default if they just press Enter."""

    def tell(self, message: str) -> None:
        """Show them a message, such as why an answer cannot be used."""


def at_a_terminal() -> bool:
    """Whether someone is there to answer: standard input is a terminal."""
    return sys.stdin.isatty()


class TerminalAsker:
    """Questions and messages at the terminal, through click."""

    def ask(self, prompt: str, default: str) -> str:
        """Ask, showing the default (if any) in brackets."""
        answer: str = click.prompt(prompt, default=default, show_default=bool(default))
        return answer.strip()

    def tell(self, message: str) -> None:
        """Print the message to standard error."""
        click.echo(message, err=True)


def gather_answers(folder: Path, given: dict[str, str | None], asker: Asker | None) -> Answers:
    """Every answer: as given, else asked (with asker), else its default; each one checked."""
    found: dict[str, str] = {}
    for question in QUESTIONS:
        default = _default(question.name, folder, found)
        value = given.get(question.name)
        if value is not None:
            found[question.name] = _checked(question, value, question.option)
        elif asker is not None:
            found[question.name] = _ask_until_right(question, default, asker)
        elif default or question.optional:
            found[question.name] = _checked(question, default, f"the default {question.option}")
        else:
            raise BulletinError(
                f"{question.option} is needed: {question.prompt.lower()} (it is shown in the "
                "contacts directory and the accessibility statement)"
            )
    return Answers(**found)


def _ask_until_right(question: Question, default: str, asker: Asker) -> str:
    while True:
        answer = asker.ask(question.prompt, default)
        problem = _problem(question, answer)
        if problem is None:
            return _clean(question, answer)
        asker.tell(f"That cannot be used: {problem}.")


def _checked(question: Question, value: str, source: str) -> str:
    problem = _problem(question, value)
    if problem is not None:
        raise BulletinError(f"{source}: {problem}")
    return _clean(question, value)


def _problem(question: Question, value: str) -> str | None:
    """Why an answer cannot be used, in site.yaml's own words, or None."""
    if question.optional and not value.strip():
        return None
    if "\n" in value or "\r" in value:
        return "write it on one line"
    try:
        TypeAdapter(question.check).validate_python(value)
    except ValidationError as err:
        return str(err.errors()[0]["msg"])
    return None


def _clean(question: Question, value: str) -> str:
    text = value.strip()
    if question.name == "base_url" and not text.endswith("/"):
        text += "/"
    return text


def _default(name: str, folder: Path, found: dict[str, str]) -> str:
    defaults: dict[str, Callable[[], str]] = {
        "title": lambda: title_from_folder(folder),
        "organisation": lambda: found.get("title", ""),
        "base_url": lambda: pages_address(folder) or f"https://{folder_slug(folder)}.example/",
    }
    return defaults[name]() if name in defaults else ""


def folder_slug(folder: Path) -> str:
    """The folder's name as a web address's part: lower case, hyphens."""
    words = re.findall(r"[a-z0-9]+", folder.resolve().name.lower())
    return "-".join(words) or "newsletter"


def title_from_folder(folder: Path) -> str:
    """A name made from the folder's: northbrook-news is "Northbrook News"."""
    return " ".join(word.capitalize() for word in folder_slug(folder).split("-"))


def pages_address(folder: Path) -> str | None:
    """The GitHub Pages address of the folder's repository, from its git remote, if on GitHub.

    Only a folder that exists can be a clone; a new folder inside some other
    repository is not that repository's site.
    """
    if not (folder / ".git").exists():
        return None
    try:
        remote = subprocess.run(
            ["git", "-C", str(folder), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    match = GITHUB_REMOTE.fullmatch(remote)
    if not match:
        return None
    owner, repository = match[1].lower(), match[2]
    if repository.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repository}/"
