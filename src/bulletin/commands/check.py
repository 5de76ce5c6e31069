"""Check: the whole build in memory, then every problem, errors first. Nothing is written."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bulletin.checks.external import check_external
from bulletin.commands.build import BuildOptions, SiteBuilder
from bulletin.errors import BuildError, Problem, Problems, Severity, problem_order


@dataclass(frozen=True)
class CheckReport:
    """What a check found."""

    problems: list[Problem]
    issues: int

    @property
    def errors(self) -> list[Problem]:
        """The problems that would stop a build."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth a look."""
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def as_text(self) -> str:
        """One problem per line, errors first, then a count."""
        lines = [str(p) for p in self.problems]
        if not self.problems:
            lines.append(f"No problems found in {self.issues} issues.")
        else:
            files = len({p.path for p in self.problems})
            lines.append(
                f"{_count(len(self.errors), 'error')} and {_count(len(self.warnings), 'warning')} "
                f"in {_count(files, 'file')}."
            )
        return "\n".join(lines)

    def as_json(self) -> str:
        """The same, for CI: {errors, warnings, problems: [{file, line, field, ...}]}."""
        return json.dumps(
            {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "issues": self.issues,
                "problems": [
                    {
                        "file": p.path,
                        "line": p.line,
                        "field": p.field or None,
                        "severity": p.severity.value,
                        "message": p.message,
                    }
                    for p in self.problems
                ],
            },
            indent=2,
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_check(options: BuildOptions, external: bool = False) -> CheckReport:
    """Build without writing and collect every problem; with external, fetch outside links."""
    try:
        result = SiteBuilder(options).build()
    except BuildError as err:
        return CheckReport(sorted(err.problems, key=problem_order), 0)
    found = Problems(list(result.warnings))
    if external:
        check_external(result.site, found)
        if options.strict:
            found.make_strict()
    return CheckReport(sorted(found.items, key=problem_order), len(result.site.issues))
