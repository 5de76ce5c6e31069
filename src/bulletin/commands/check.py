"""Check: the whole build, publishing nothing, then every problem, errors first."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.checks.external import check_external
from bulletin.commands.build import run_cached
from bulletin.content.source import shown_path
from bulletin.errors import BuildError, Problem, Problems, problem_order
from bulletin.options import BuildOptions
from bulletin.outputs.files import Spool
from bulletin.pipeline.builder import SiteBuilder
from bulletin.pipeline.result import BuildResult


@dataclass(frozen=True)
class Census:
    """What a check looked at: every issue file, and how many of them are published."""

    files: int = 0
    published: int = 0
    drafts: int = 0
    future: int = 0

    def describe(self) -> str:
        """4 issue files (3 published, 1 draft); or 3 issues, when all are published."""
        if self.files == self.published:
            return _count(self.files, "issue")
        kinds = [f"{self.published} published"]
        kinds += [_count(self.drafts, "draft")] if self.drafts else []
        kinds += [f"{self.future} dated after today"] if self.future else []
        unread = self.files - self.published - self.drafts - self.future
        kinds += [f"{unread} with mistakes that stop it being read"] if unread else []
        return f"{_count(self.files, 'issue file')} ({', '.join(kinds)})"


def census(result: BuildResult) -> Census:
    """How many issue files a check's build read, and what each is."""
    reasons = list(result.unpublished.values())
    drafts = sum(1 for reason in reasons if reason == "a draft")
    future = sum(1 for reason in reasons if reason.startswith("an issue dated"))
    published = len(result.site.issues) - drafts - future
    return Census(result.issue_files, published, drafts, future)


@dataclass(frozen=True)
class CheckReport:
    """What a check found: its problems, in order, errors first."""

    found: Problems
    checked: Census

    @property
    def problems(self) -> list[Problem]:
        """Every problem, errors first, then by file and line."""
        return sorted(self.found.items, key=problem_order)

    @property
    def errors(self) -> list[Problem]:
        """The problems that would stop a build."""
        return self.found.errors

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth a look."""
        return self.found.warnings

    def as_text(self) -> str:
        """One problem per line, errors first, then a count."""
        return "\n".join([*(str(p) for p in self.problems), self.summary()])

    def summary(self) -> str:
        """How many problems in how many files, or that there are none."""
        if not self.problems:
            return f"No problems found in {self.checked.describe()}."
        files = len({p.path for p in self.problems})
        return (
            f"{_count(len(self.errors), 'error')} and {_count(len(self.warnings), 'warning')} "
            f"in {_count(files, 'file')}; checked {self.checked.describe()}."
        )

    def as_github(self, site_root: Path) -> str:
        """Each problem as a GitHub workflow annotation, shown on its line of a pull request."""
        annotations = [github_annotation(p, site_root) for p in self.problems]
        return "\n".join([*annotations, self.summary()])

    def as_json(self) -> str:
        """The same, for CI: {errors, warnings, problems: [{file, line, field, ...}]}."""
        return json.dumps(
            {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "issue_files": self.checked.files,
                "published": self.checked.published,
                "drafts": self.checked.drafts,
                "future": self.checked.future,
                "problems": [
                    {
                        "file": p.path,
                        "line": p.line,
                        "field": p.field or None,
                        "severity": p.severity.value,
                        "message": p.message,
                        "unpublished": p.unpublished or None,
                    }
                    for p in self.problems
                ],
            },
            indent=2,
        )


def github_annotation(problem: Problem, site_root: Path) -> str:
    """`::error file=...,line=...,title=...::message`, escaped as GitHub's workflow commands ask.

    The file is named from the folder the check runs in (the repository's, in
    a workflow); a problem that is not in a file (an option, the date) has none.
    """
    note = f" (in {problem.unpublished}, not yet published)" if problem.unpublished else ""
    properties, message = [], problem.message + note
    path = site_root / problem.path
    if problem.path and path.is_file():
        properties.append(f"file={_escape_property(shown_path(path))}")
        if problem.line:
            properties.append(f"line={problem.line}")
    elif problem.path:
        message = f"{problem.path}: {message}"
    if problem.field:
        properties.append(f"title={_escape_property(problem.field)}")
    command = " ".join([problem.severity.value, ",".join(properties)]).strip()
    return f"::{command}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_check(
    options: BuildOptions, external: bool = False, notice: Callable[[str], None] | None = None
) -> CheckReport:
    """Build every issue file, drafts and issues dated after today included, publishing
    nothing, and collect every problem; with external, fetch outside links.

    Links are checked as the published site would have them: a link to a draft
    is still a mistake. Made files go to a scratch folder that is then
    removed; with the build cache (`options.use_cache`) the check starts from
    what the last build left, and leaves the cache as it found it.
    """
    options = replace(options, everything=True)
    with tempfile.TemporaryDirectory(prefix="bulletin-check-") as scratch:
        sink = Spool(Path(scratch)).keep
        try:
            if options.use_cache:
                result, _ = run_cached(options, None, notice or _ignore, sink, read_only=True)
            else:
                result = SiteBuilder(options, sink=sink).build()
        except BuildError as err:  # the settings could not be read: nothing else can be
            return CheckReport(Problems(list(err.problems)), Census())
        found = Problems([*result.errors, *result.warnings])
        if external:
            assert result.full is not None
            check_external(result.site, result.full, found)
            if options.strict:
                found.make_strict()
    return CheckReport(found, census(result))


def _ignore(message: str) -> None:
    """Where notices go when nobody asked to hear them."""
