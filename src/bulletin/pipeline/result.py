"""Pipeline: what one build gives: the site, its files, and what is worth telling."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bulletin import urls
from bulletin.content.models import FullIssue, Issue
from bulletin.content.source import shown_path
from bulletin.errors import Problem
from bulletin.outputs.files import OutputFile
from bulletin.site import Site


@dataclass
class BuildResult:
    """A finished build: the site, its files and anything worth a warning."""

    site: Site
    files: list[OutputFile]
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    reloaded_issues: int = 0
    rendered_pages: int = 0
    #: Issues read well but not published (drafts, issues dated after today), by slug,
    #: with why ("a draft").
    unpublished: dict[str, str] = field(default_factory=dict)
    #: Joins an issue of the site to its prose (read back from the cache if kept there).
    full: Callable[[Issue], FullIssue] | None = None
    #: Errors, for a build asked for `everything` (check), which reports them, not raises.
    errors: list[Problem] = field(default_factory=list)
    #: How many issue files there are, read well or not.
    issue_files: int = 0
    #: How many products this build made, and how many it reused as the last build made them.
    made: int = 0
    reused: int = 0

    def issue(self, slug: str) -> FullIssue:
        """One published issue in full, by its slug."""
        found = next(issue for issue in self.site.issues if issue.slug == slug)
        assert self.full is not None
        return self.full(found)

    @property
    def pages(self) -> int:
        """How many web pages the site has (email editions and the editor's page are not)."""
        return sum(1 for f in self.files if urls.is_page(f.path))

    def summary(self, output: Path) -> str:
        """The one line printed after a build."""
        issues = len(self.site.issues)
        noun = "issue" if issues == 1 else "issues"
        return (
            f"Built {issues} {noun}, {self.pages} pages in {self.seconds:.2f} s -> "
            f"{shown_path(output)}/"
        )
