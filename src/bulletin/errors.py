"""Errors an editor can read: every problem names its file, line and field.

Problems are collected, not raised one at a time, so an editor sees every
mistake in a build at once. Only when a stage has finished collecting does it
raise a `BuildError` carrying them all; the CLI prints them and exits non-zero.
"""

from __future__ import annotations

import errno
import os
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a problem is: errors stop a build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place, phrased for the person who must fix it."""

    path: str
    line: int | None
    message: str
    field: str = ""
    severity: Severity = Severity.ERROR
    #: Why its file is not published yet, if it is not: "a draft", "dated 2027-01-20".
    unpublished: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        note = f" (in {self.unpublished}, not yet published)" if self.unpublished else ""
        return f"{where}: {prefix}{what}{note}"


@dataclass
class Problems:
    """A collector that stages append to, so that all problems are reported together."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: str | Path,
        line: int | None,
        message: str,
        field: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Record one problem."""
        self.items.append(Problem(str(path), line, message, field, severity))

    def extend(self, other: Problems | Sequence[Problem]) -> None:
        """Take every problem from another collector."""
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth a look that do not stop a build."""
        return [p for p in self.items if p.severity is Severity.WARNING]

    def make_strict(self) -> None:
        """Treat every warning as an error (for `--strict`, e.g. in CI)."""
        self.items = [replace(p, severity=Severity.ERROR) for p in self.items]

    def raise_if_errors(self) -> None:
        """Stop here if anything so far is an error."""
        if self.errors:
            raise BuildError(self.items)


class BulletinError(Exception):
    """Base of every error meant for a person rather than a traceback.

    The command line shows it as "Error: " and `format_message()`, and exits
    with `exit_code` (`bulletin.cli.app`). It is not click's own exception, so
    that the modules which answer "nothing changed" load without click.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        """What the command line prints after "Error: "."""
        return self.message

    def __str__(self) -> str:
        return self.message


class BuildError(BulletinError):
    """The content, configuration or templates have problems; the site was not changed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=problem_order)
        super().__init__(self._summary())

    @property
    def errors(self) -> list[Problem]:
        """The problems that stopped the build."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def _summary(self) -> str:
        errors = len(self.errors)
        files = len({p.path for p in self.errors})
        noun = "error" if errors == 1 else "errors"
        where = "file" if files == 1 else "files"
        return f"{errors} {noun} in {files} {where}"

    def format_message(self) -> str:
        """Every problem on its own line, errors first, then the count."""
        lines = [str(p) for p in self.problems]
        return "\n".join([*lines, self._summary()])


def problem_order(problem: Problem) -> tuple[int, str, int]:
    """Errors before warnings, then by file and line, so output reads top to bottom."""
    rank = 0 if problem.severity is Severity.ERROR else 1
    return (rank, problem.path, problem.line or 0)


class OutputError(BulletinError):
    """The output folder cannot be safely written or replaced."""


#: What the machine's own faults mean for an editor, and what to do, by errno.
_FAULTS = {
    errno.ENOSPC: "the disk is full; free some space (or empty the bin), then run it again",
    errno.EDQUOT: "your share of the disk is used up; free some space, then run it again",
    errno.EROFS: "that disk is read-only (a locked USB stick, a read-only share); "
    "build onto a disk you may write to, with --output DIR, or unlock it",
    errno.EACCES: "this user may not write or read in that folder; change the folder's "
    "permissions, or build elsewhere with --output DIR",
    errno.EPERM: "this user may not change it; change the folder's permissions, "
    "or build elsewhere with --output DIR",
    errno.EIO: "the disk reported a read or write error; check the disk, "
    "or copy the site to another one",
}


#: Faults of permission, whose fix depends on whether a file or a folder refused.
_ACCESS = (errno.EACCES, errno.EPERM)


def machine_fault(err: OSError) -> str | None:
    """What a fault of the computer (not a mistake in the site, nor a bug) means and what to
    do; None for a fault that is not one of those."""
    advice = _FAULTS.get(err.errno or 0)
    if advice is None:
        return None
    if err.errno in _ACCESS and err.filename and os.path.isfile(err.filename):
        advice = (
            "this user may not read or change that file; give it permission "
            f"(for example: chmod u+rw {shlex.quote(os.fsdecode(err.filename))}), "
            "then run it again"
        )
    where = f" ({err.filename})" if err.filename else ""
    return f"{err.strerror or 'a file system error'}{where}: {advice}"
