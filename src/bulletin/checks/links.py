"""Checks: every link an editor wrote leads somewhere, and says where it leads.

Internal links are checked against the built pages themselves (their files
and the ids in them), so a link to `2026-spring.md#priorities` is known to
work, not assumed to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bulletin.checks.settings import SETTINGS, contribution_links
from bulletin.checks.wording import check_link_alone
from bulletin.content.markdown import ROOT, Link, content_url
from bulletin.content.models import Issue
from bulletin.content.sections import fragments
from bulletin.errors import Problem, Problems
from bulletin.outputs.files import OutputFile
from bulletin.site import Site, issue_path, page_file

_ID = re.compile(rb'\sid="([^"]+)"')


def issue_links(issue: Issue) -> Iterator[Link]:
    """Every link and image written in an issue's prose."""
    for fragment in fragments(issue.sections, issue.preamble):
        yield from fragment.links


class PageIds:
    """The ids in each rendered page, kept across builds while the page is unchanged.

    Not kept in the build cache: a page's ids are found again, when a link to
    it is checked, faster than a thousand pages' ids are saved and loaded.
    """

    def __init__(self) -> None:
        self._ids: dict[OutputFile, frozenset[str]] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"_ids": {}}

    def of(self, page: OutputFile) -> frozenset[str]:
        """Every id attribute in a page."""
        found = self._ids.get(page)
        if found is None:
            found = self._ids[page] = frozenset(m.decode() for m in _ID.findall(page.read()))
        return found

    def keep_only(self, pages: list[OutputFile]) -> None:
        """Forget pages that are no longer part of the site."""
        current = set(pages)
        self._ids = {page: ids for page, ids in self._ids.items() if page in current}


class _Consulted:
    """The site's files by path, remembering which paths were looked up and what was found."""

    def __init__(self, outputs: dict[str, OutputFile]) -> None:
        self.outputs = outputs
        self.seen: dict[str, OutputFile | None] = {}

    def get(self, path: str) -> OutputFile | None:
        found = self.seen[path] = self.outputs.get(path)
        return found


class LinkChecks:
    """Each issue's link problems, kept while neither the issue nor a file its links reach changed.

    A file that is re-rendered is a new object even if its bytes are the same,
    so comparing the files found last time by identity is exact and cheap.
    """

    def __init__(self) -> None:
        self._issues: dict[str, tuple[object, dict[str, OutputFile | None], list[Problem]]] = {}
        self.ids = PageIds()

    def check(
        self, site: Site, files: list[OutputFile], unpublished: set[str], problems: Problems
    ) -> None:
        """Record broken, placeholder and vaguely worded links in every issue."""
        outputs = {f.path: f for f in files}
        self.ids.keep_only(files)
        checked = {}
        for issue in site.issues:
            key = (issue.fingerprint, frozenset(unpublished))
            previous = self._issues.get(issue.slug)
            if previous is None or previous[0] != key or not _same(previous[1], outputs):
                consulted, found = _Consulted(outputs), Problems()
                for link in issue_links(issue):
                    _check_one(issue, link, consulted, self.ids, unpublished, found)
                previous = (key, consulted.seen, found.items)
            checked[issue.slug] = previous
            problems.extend(previous[2])
        self._issues = checked
        for link in contribution_links(site.config):
            _check_contributions_link(
                site, link, _Consulted(outputs), self.ids, unpublished, problems
            )


def _same(seen: dict[str, OutputFile | None], outputs: dict[str, OutputFile]) -> bool:
    return all(outputs.get(path) is file for path, file in seen.items())


def _check_one(
    issue: Issue,
    link: Link,
    outputs: _Consulted,
    ids: PageIds,
    unpublished: set[str],
    problems: Problems,
) -> None:
    where = issue.display_path
    if not check_link_alone(where, link, problems):
        return
    problem = _broken(page_file(issue_path(issue)), link.target, outputs, ids, unpublished)
    if problem:
        problems.add(where, link.line, f"the link to {link.target} {problem}")


def _check_contributions_link(
    site: Site,
    link: Link,
    outputs: _Consulted,
    ids: PageIds,
    unpublished: set[str],
    problems: Problems,
) -> None:
    """A link in the call for contributions, which ends every issue page, works from each."""
    if not check_link_alone(SETTINGS, link, problems):
        return
    within_page = link.target.startswith("#")
    for issue in site.issues if within_page else site.issues[:1]:
        problem = _broken(page_file(issue_path(issue)), link.target, outputs, ids, unpublished)
        if problem:
            page = f" (the page of {issue.title})" if within_page else ""
            problems.add(
                SETTINGS,
                link.line,
                f"the link to {link.target} in the call for contributions {problem}{page}",
                "contributions",
            )
            return


def _broken(
    here: str,
    target: str,
    outputs: _Consulted,
    ids: PageIds,
    unpublished: set[str],
) -> str | None:
    """Why an internal link on the page `here` does not work, or None if it does (or is not
    internal)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    if parts.path:
        rewritten = content_url(target).removeprefix(ROOT)
        path = urlsplit(rewritten).path
        if path.startswith("issues/") and path.rstrip("/").split("/")[-1] in unpublished:
            return "goes to an issue that is not published (a draft, or dated in the future)"
        output = page_file(path) if not path or path.endswith("/") else path
    else:
        output = here
    found = outputs.get(output)
    if found is None:
        return "goes nowhere: there is no such page or file"
    is_page = output.endswith(".html")
    if parts.fragment and is_page and parts.fragment not in ids.of(found):
        return f"goes to #{parts.fragment}, which is not on that page"
    return None
