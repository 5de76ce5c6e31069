"""Outputs: a Pagefind search index of every issue page, in parts the search page merges.

Pagefind cannot update an index: any change means indexing every page again
(about 4 ms a page), and it holds every page in memory as it works (about
0.4 MB a page: 400 MB at 1,000 pages). So the issues are indexed in parts,
which the search page merges (Pagefind's "multisite" search), and each part
is a product that reads its issues' pages: it is made again only when one
of them changed. The policy that draws the parts is here (`bundles_of`).

Parts are made in a thread beside the build as soon as their pages are
rendered (pages are rendered newest first, so the newest part starts
first), one at a time: a run of Pagefind already uses more than one core.
Results link to the section within an issue, because headings carry ids.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bulletin import urls
from bulletin.content.models import Issue
from bulletin.outputs.context import OutputContext
from bulletin.outputs.pagefind import PagefindRuns, index_pages, interface_files, pagefind_version
from bulletin.outputs.protocol import Declared, Made, Origin, Product, Results

SEARCH = "search:"
#: A decade with more issues than this is indexed in halves (a weekly's: 260 pages,
#: which Pagefind indexes in about 120 MB), and a half with more a year at a time.
SEARCH_PART_MOST = 300
#: A latest year with more issues than this has its latest month indexed apart.
SEARCH_RECENT_MOST = 13


def bundles_of(issues: Sequence[Issue]) -> tuple[str, ...]:
    """The folders of the index's parts, newest first: what the search page merges."""
    return tuple(dict.fromkeys(bundle_of_each(issues).values()))


def bundle_of_each(issues: Iterable[Issue]) -> dict[str, str]:
    """Which part of the index each issue is in, by slug.

    Each of the two latest years has a part of its own, except that once the
    latest year has more than SEARCH_RECENT_MOST issues (a weekly, by April),
    the latest issue's month is a part of its own: editors work on the newest
    issues, and an edit re-indexes a month's pages, not a year's. Before them,
    each decade is a part, or each half of a decade when the decade has more
    than SEARCH_PART_MOST issues (a weekly), or each year when a half still
    has more (a daily). Parts keep their bounds as issues are added within a
    month, so that a new issue re-indexes one part.
    """
    listed = sorted(issues, key=lambda i: (i.date, i.slug), reverse=True)
    if not listed:
        return {}
    newest = listed[0].date
    latest = newest.year
    older = [issue.date.year for issue in listed if issue.date.year < latest - 1]
    decades = Counter(year // 10 for year in older)
    halves = Counter(year // 5 for year in older)
    split = sum(1 for issue in listed if issue.date.year == latest) > SEARCH_RECENT_MOST

    def part(day: dt.date) -> str:
        if split and (day.year, day.month) == (latest, newest.month):
            return f"{latest}-{day.month:02}"
        if day.year >= latest - 1 or halves[day.year // 5] > SEARCH_PART_MOST:
            return str(day.year)
        if decades[day.year // 10] > SEARCH_PART_MOST:
            first = day.year // 5 * 5
            return f"{first}-{first + 4}"
        return f"{day.year // 10 * 10}s"

    return {issue.slug: urls.search_part_path(part(issue.date)) for issue in listed}


@dataclass(frozen=True, eq=False)
class PartInputs:
    """What one part of the index is made from: where it goes, and its pages' addresses."""

    folder: str
    base_path: str
    language: str
    pages: tuple[str, ...]


class SearchOutput:
    """The search index's parts, and the search interface's two files."""

    name = "search"
    needs: tuple[str, ...] = ("pages",)

    def __init__(self, context: OutputContext, runs: PagefindRuns) -> None:
        self.context, self.runs = context, runs

    def products(self, declared: Sequence[Declared]) -> Iterable[Product]:
        """A product per part, reading its issues' pages, and one for the interface."""
        config = self.context.site.config
        issues = self.context.site.issues
        if not issues:
            return
        members: dict[str, list[Issue]] = {}
        bundles = bundle_of_each(issues)
        for issue in sorted(issues, key=lambda i: (i.date, i.slug), reverse=True):
            members.setdefault(bundles[issue.slug], []).append(issue)
        ui = (urls.SEARCH_INDEX + name for name in ("pagefind-ui.js", "pagefind-ui.css"))
        origin = Origin("the search index", what="the search interface")
        versions = (pagefind_version(), config.language)
        yield Product(SEARCH + "ui", tuple(ui), origin, versions, self._ui, background=True)
        for folder, part in members.items():
            pages = tuple(urls.page_file(issue.path) for issue in part)
            inputs = PartInputs(folder, config.base_path, config.language, pages)
            origin = Origin("the search index", what=f"the search index's part {folder}")
            reads = tuple("page:" + issue.path for issue in part)
            yield Product(
                SEARCH + folder,
                (),
                origin,
                inputs,
                self._part,
                reads,
                background=True,
                claims=(folder,),
            )

    def _part(self, inputs: PartInputs, results: Results) -> Made:
        pages = [file for page in inputs.pages for file in results.files("page:" + _path(page))]
        files = index_pages(self.runs, pages, inputs.folder, inputs.base_path, inputs.language)
        return Made(files)

    def _ui(self, inputs: tuple[str, str], results: Results) -> Made:
        return Made(interface_files(self.runs, inputs[1]))


def _path(page_file: str) -> str:
    return urls.page_of_file(page_file)
