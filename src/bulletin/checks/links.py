"""Checks: every link an editor wrote leads somewhere, and says where it leads.

Internal links are checked against the built pages themselves (their files
and the ids in them), so a link to `2026-spring.md#priorities` is known to
work, not assumed to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

from bulletin import urls
from bulletin.checks.settings import SETTINGS, contribution_links
from bulletin.content.link_words import check_link_alone
from bulletin.content.markdown import ROOT, Link, content_url
from bulletin.content.models import FullIssue, Issue
from bulletin.content.sections import fragments
from bulletin.digest import digest
from bulletin.errors import Problems
from bulletin.outputs.files import OutputFile
from bulletin.pipeline.memo import Entry, Memo
from bulletin.site import Site

_ID = re.compile(rb'\sid="([^"]+)"')


def issue_links(issue: FullIssue) -> Iterator[Link]:
    """Every link and image written in an issue's prose (its own call for contributions
    included; site.yaml's is checked as site.yaml's)."""
    call = issue.contributions
    own = (call.text,) if call is not None and call.own_text else ()
    for fragment in fragments(issue.sections, issue.preamble, *own):
        yield from fragment.links


#: Every link-check entry's product id starts so, followed by the issue's slug.
LINKS = "links:"


class PageIds:
    """The ids in each rendered page, by the digest of its bytes.

    Not kept in the build cache: a page's ids are found again, when a link to
    it is checked, faster than a thousand pages' ids are saved and loaded.
    """

    def __init__(self) -> None:
        self._ids: dict[str, frozenset[str]] = {}

    def of(self, page: OutputFile) -> frozenset[str]:
        """Every id attribute in a page."""
        found = self._ids.get(page.digest)
        if found is None:
            found = frozenset(m.decode() for m in _ID.findall(page.read()))
            self._ids[page.digest] = found
        return found

    def keep_only(self, pages: Iterable[OutputFile]) -> None:
        """Forget pages that are no longer part of the site."""
        current = {page.digest for page in pages}
        self._ids = {d: ids for d, ids in self._ids.items() if d in current}


class _Consulted:
    """The site's files by path, remembering which paths were looked up and what was found."""

    def __init__(self, outputs: Mapping[str, OutputFile]) -> None:
        self.outputs = outputs
        self.seen: dict[str, str | None] = {}

    def get(self, path: str) -> OutputFile | None:
        found = self.outputs.get(path)
        self.seen[path] = found.digest if found is not None else None
        return found


def check_links(
    site: Site,
    full: Callable[[Issue], FullIssue],
    files: Mapping[str, OutputFile],
    unpublished: Mapping[str, str],
    memo: Memo,
    ids: PageIds,
) -> Problems:
    """Broken, placeholder and vaguely worded links in every issue.

    An issue's links are checked again only when its prose, or a file its
    links reached last time, changed: each check records the files it
    consulted (by content), and holds while they stay the same.
    """
    problems = Problems()
    ids.keep_only(f for path, f in files.items() if path.endswith(".html"))
    for issue in site.issues:
        key = digest((issue.slug, issue.body_digest, sorted(unpublished.items())))
        entry = memo.get(LINKS + issue.slug)
        if entry is None or not entry.holds(key, files):
            consulted, found = _Consulted(files), Problems()
            whole = full(issue)
            for link in issue_links(whole):
                _check_one(whole, link, consulted, ids, unpublished, found)
            depends = tuple(sorted(consulted.seen.items()))
            entry = Entry(key, value=tuple(found.items), depends=depends)
            memo.put(LINKS + issue.slug, entry)
        problems.extend(list(entry.value))  # type: ignore[call-overload]
    memo.prune((LINKS + issue.slug for issue in site.issues), prefixes=(LINKS,))
    for link in contribution_links(site.config):
        _check_contributions_link(site, link, _Consulted(files), ids, unpublished, problems)
    return problems


def _check_one(
    issue: Issue,
    link: Link,
    outputs: _Consulted,
    ids: PageIds,
    unpublished: Mapping[str, str],
    problems: Problems,
) -> None:
    where = issue.display_path
    if not check_link_alone(where, link, problems):
        return
    problem = _broken(urls.page_file(issue.path), link.target, outputs, ids, unpublished)
    if problem:
        problems.add(where, link.line, f"the link to {link.target} {problem}")


def _check_contributions_link(
    site: Site,
    link: Link,
    outputs: _Consulted,
    ids: PageIds,
    unpublished: Mapping[str, str],
    problems: Problems,
) -> None:
    """A link in the call for contributions, which ends every issue page, works from each."""
    if not check_link_alone(SETTINGS, link, problems):
        return
    within_page = link.target.startswith("#")
    for issue in site.issues if within_page else site.issues[:1]:
        problem = _broken(urls.page_file(issue.path), link.target, outputs, ids, unpublished)
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
    unpublished: Mapping[str, str],
) -> str | None:
    """Why an internal link on the page `here` does not work, or None if it does (or is not
    internal)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    if parts.path:
        rewritten = content_url(target).removeprefix(ROOT)
        path = urlsplit(rewritten).path
        slug = path.rstrip("/").split("/")[-1]
        if path.startswith("issues/") and slug in unpublished:
            return f"goes to an issue that is not published ({unpublished[slug]})"
        output = urls.page_file(path)
    else:
        output = here
    found = outputs.get(output)
    if found is None:
        return "goes nowhere: there is no such page or file"
    is_page = output.endswith(".html")
    if parts.fragment and is_page and parts.fragment not in ids.of(found):
        return f"goes to #{parts.fragment}, which is not on that page"
    return None
