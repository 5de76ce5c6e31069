"""Check: the whole build in memory, then every problem, errors first. Nothing is written."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bulletin.checks.external import check_external
from bulletin.errors import BuildError, Problem, Problems, problem_order
from bulletin.options import BuildOptions
from bulletin.pipeline.builder import SiteBuilder


@dataclass(frozen=True)
class CheckReport:
    """What a check found: its problems, in order, errors first."""

    found: Problems
    issues: int

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
    builder = SiteBuilder(options)
    try:
        result = builder.build()
    except BuildError as err:
        return CheckReport(Problems(list(err.problems)), 0)
    found = Problems(list(result.warnings))
    if external:
        check_external(result.site, builder.memory.issues.full, found)
        if options.strict:
            found.make_strict()
    return CheckReport(found, len(result.site.issues))
