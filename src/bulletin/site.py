"""Site: every issue in order, with prev/next, the archive by year, and the URL scheme.

This is the only module that knows where pages live. Paths here are relative
to the site root and end in / for pretty URLs; templates turn them into links
that work at a domain root and under a sub-path alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from bulletin.content.models import Issue
from bulletin.content.schema import SiteConfig
from bulletin.errors import Problems

HOME = ""
ARCHIVE = "issues/"
NOT_FOUND = "404.html"


def issue_path(issue: Issue) -> str:
    """Where an issue's page lives."""
    return f"issues/{issue.slug}/"


def page_file(path: str) -> str:
    """The file that serves a path: issues/x/ is issues/x/index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True)
class YearGroup:
    """The issues of one year, newest first."""

    year: int
    issues: tuple[Issue, ...]


@dataclass(frozen=True)
class Site:
    """All published issues, newest first, and how they relate."""

    config: SiteConfig
    issues: tuple[Issue, ...]
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({issue.slug: n for n, issue in enumerate(self.issues)})

    @property
    def latest(self) -> Issue | None:
        """The newest issue, which the home page leads with."""
        return self.issues[0] if self.issues else None

    def newer(self, issue: Issue) -> Issue | None:
        """The next issue in time, if there is one."""
        position = self._index[issue.slug]
        return self.issues[position - 1] if position > 0 else None

    def older(self, issue: Issue) -> Issue | None:
        """The previous issue in time, if there is one."""
        position = self._index[issue.slug] + 1
        return self.issues[position] if position < len(self.issues) else None

    def recent(self) -> tuple[Issue, ...]:
        """The issues after the latest that the home page lists."""
        return self.issues[1 : 1 + self.config.recent_issues]

    def by_year(self) -> tuple[YearGroup, ...]:
        """The archive: years newest first, each with its issues newest first."""
        return tuple(
            YearGroup(year, tuple(group))
            for year, group in groupby(self.issues, key=lambda issue: issue.date.year)
        )


def assemble_site(
    config: SiteConfig, issues: Iterable[Issue], include_drafts: bool, problems: Problems
) -> Site:
    """Order the issues newest first, leaving out drafts unless asked for them."""
    chosen = [issue for issue in issues if include_drafts or not issue.draft]
    _check_unique_slugs(chosen, problems)
    ordered = sorted(chosen, key=lambda i: (i.date, i.number or 0, i.slug), reverse=True)
    return Site(config, tuple(ordered))


def _check_unique_slugs(issues: list[Issue], problems: Problems) -> None:
    """Two issues at one address would overwrite each other."""
    first: dict[str, Issue] = {}
    for issue in sorted(issues, key=lambda i: i.display_path):
        other = first.setdefault(issue.slug, issue)
        if other is not issue:
            problems.add(
                issue.display_path,
                None,
                f"has the same address (issues/{issue.slug}/) as {other.display_path}; "
                "rename one file or give it its own 'slug:'",
                "slug",
            )
