"""Outputs: a Pagefind search index of every issue page, in a few parts.

Pagefind's binary (from the `pagefind_bin` package on PyPI) reads the
rendered issue pages and writes a static index that the search page queries
in the reader's browser: no server, nothing sent elsewhere. Results link to
the section within an issue, because section headings carry ids.

Pagefind cannot update an index: any change means indexing every page again
(about 4 ms a page), and it holds every page in memory as it works (about
0.4 MB a page: 400 MB at 1,000 pages). So the issues are indexed in parts,
which the search page merges (Pagefind's "multisite" search): one part for
each of the two latest years (with the latest month a part of its own once
the year has more than 13 issues), where editors work, and one per decade
before them, or per half decade, or per year, so that no part has more than
about 300 pages (see `bulletin.site.search_bundles`). Editing this month's
issue re-indexes a month of pages, not the archive, and the number of parts
a reader's browser loads grows by one or two a decade for most newsletters.
Parts whose pages are unchanged are kept; stale parts are indexed one at a
time, each as soon as the build has rendered its pages (`PartsAsRendered`),
so that Pagefind works while the rest of the site is made.

The pages are written to a scratch folder, under the site's base path so
that result addresses work under a sub-path, and indexed there in one run of
the binary per part (Pagefind's Python API, one request per page, took 100 s
for 1,000 pages). `serve` indexes in the background, so that indexing never
delays a reload.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bulletin.content.models import Issue
from bulletin.errors import BulletinError
from bulletin.outputs.files import Folders, OutputFile
from bulletin.site import SEARCH_INDEX, issue_path, page_file, search_bundles

#: The search interface, shared by every part (each part has its own copy).
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")

#: What the search page uses of Pagefind's output; the other UIs are left out.
_UNUSED = ("pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight", *UI_FILES)
#: Stale parts indexed at once: Pagefind holds a part's pages in memory (about 0.4 MB
#: a page), and a run already uses more than one core.
_AT_ONCE = 1


@dataclass(frozen=True)
class SearchPart:
    """Some issues indexed together: where their index goes (a year or a decade), their pages."""

    bundle: str
    pages: tuple[OutputFile, ...]


def search_parts(issues: Sequence[Issue], pages: dict[str, OutputFile]) -> list[SearchPart]:
    """The parts of the index, newest first, with the page of each of their issues."""
    parts = PartsAsRendered(issues)
    found = (parts.rendered(pages[issue.slug]) for issue in _newest_first(issues))
    return [part for part in found if part is not None]


def _newest_first(issues: Sequence[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.date, i.slug), reverse=True)


class PartsAsRendered:
    """Tells which part of the index is complete as each issue page is rendered.

    A build renders issue pages newest first, so the parts are complete one
    after another, and each can be indexed while the next is being rendered.
    """

    def __init__(self, issues: Sequence[Issue]) -> None:
        bundles = search_bundles(issues)
        self._members: dict[str, list[str]] = {}
        for issue in _newest_first(issues):
            self._members.setdefault(bundles[issue.slug], []).append(page_file(issue_path(issue)))
        self._bundle_of = {path: b for b, paths in self._members.items() for path in paths}
        self._missing = {bundle: len(paths) for bundle, paths in self._members.items()}
        self._pages: dict[str, OutputFile] = {}

    def rendered(self, page: OutputFile) -> SearchPart | None:
        """The part this page completes, if it is an issue page and the last of its part."""
        bundle = self._bundle_of.get(page.path)
        if bundle is None or page.path in self._pages:
            return None
        self._pages[page.path] = page
        self._missing[bundle] -= 1
        if self._missing[bundle]:
            return None
        return SearchPart(bundle, tuple(self._pages[path] for path in self._members[bundle]))


#: A part's index files, and the search interface's files.
_Indexed = tuple[list[OutputFile], list[OutputFile]]


class SearchIndex:
    """Pagefind's files for each part, kept while the part's pages are the same files."""

    def __init__(self) -> None:
        self._parts: dict[str, tuple[tuple[OutputFile, ...], list[OutputFile]]] = {}
        self._settings = ("", "")
        self._ui: list[OutputFile] = []

    def files_for(
        self,
        parts: list[SearchPart],
        base_path: str,
        language: str,
        keep: Callable[[OutputFile], OutputFile] = lambda file: file,
    ) -> list[OutputFile]:
        """Every part's index (made again only where a page changed), and the interface."""
        with self.indexing(base_path, language, keep) as run:
            for part in parts:
                run.add(part)
            return run.files()

    @contextlib.contextmanager
    def indexing(
        self,
        base_path: str,
        language: str,
        keep: Callable[[OutputFile], OutputFile] = lambda file: file,
    ) -> Iterator[IndexRun]:
        """A run that indexes parts as they are added, one at a time, in a thread of its own."""
        if self._settings != (base_path, language):
            self._parts, self._settings = {}, (base_path, language)
        with ThreadPoolExecutor(_AT_ONCE) as pool:
            yield IndexRun(self, pool, base_path, language, keep)

    def take(
        self,
        parts: list[SearchPart],
        made: list[tuple[SearchPart, _Indexed]],
        keep: Callable[[OutputFile], OutputFile],
    ) -> list[OutputFile]:
        """Keep the parts just indexed, forget those no longer wanted, and give every file."""
        for part, (files, ui) in made:
            self._parts[part.bundle] = (part.pages, [keep(file) for file in files])
            self._ui = ui
        self._parts = {part.bundle: self._parts[part.bundle] for part in parts}
        if not parts:
            return []
        return [*self._ui, *(f for part in parts for f in self._parts[part.bundle][1])]

    def current(self, part: SearchPart) -> bool:
        """Whether a part was indexed from these very files (a rendered page is a new file)."""
        previous = self._parts.get(part.bundle)
        return (
            previous is not None
            and len(previous[0]) == len(part.pages)
            and all(a is b for a, b in zip(previous[0], part.pages, strict=True))
        )


class IndexRun:
    """The parts of one build's index, each indexed (if stale) as soon as it is added."""

    def __init__(
        self,
        index: SearchIndex,
        pool: ThreadPoolExecutor,
        base_path: str,
        language: str,
        keep: Callable[[OutputFile], OutputFile],
    ) -> None:
        self._index, self._pool, self._keep = index, pool, keep
        self._where = (base_path, language)
        self._parts: list[SearchPart] = []
        self._making: list[tuple[SearchPart, Future[_Indexed]]] = []

    def add(self, part: SearchPart) -> None:
        """A part whose pages are all rendered; indexing starts now if it is stale."""
        self._parts.append(part)
        if not self._index.current(part):
            self._making.append((part, self._pool.submit(_index, part, *self._where)))

    def files(self) -> list[OutputFile]:
        """Every part's files and the interface, once the stale parts are indexed."""
        made = [(part, making.result()) for part, making in self._making]
        return self._index.take(self._parts, made, self._keep)


def _index(part: SearchPart, base_path: str, language: str) -> _Indexed:
    """One part's index files, and the search interface's files (the same for every part)."""
    pages = part.pages
    with tempfile.TemporaryDirectory(prefix="bulletin-search-") as scratch:
        site = Path(scratch) / "site"
        root = site.joinpath(*[part for part in base_path.split("/") if part])
        folders = Folders()
        for page in pages:
            target = root / page.path
            folders.make_parent(target)
            _place(page, target)
        bundle = Path(scratch) / "bundle"
        _run_pagefind(site, bundle, language.split("-")[0].lower())
        files = [
            OutputFile(part.bundle + path.relative_to(bundle).as_posix(), data=path.read_bytes())
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED)
        ]
        ui = [
            OutputFile(SEARCH_INDEX + name, data=(bundle / name).read_bytes()) for name in UI_FILES
        ]
        return files, ui


def _place(page: OutputFile, target: Path) -> None:
    """Put a page where Pagefind will read it: a hard link to its bytes on disk if it can."""
    if page.folder is not None:
        with contextlib.suppress(OSError):  # another file system: copy instead
            os.link(os.path.join(page.folder, page.path), target)
            return
    target.write_bytes(page.read())


class _Runs:
    """The Pagefind processes running now, so that they can be stopped all at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self._stopped = False

    def start(self, command: list[str]) -> subprocess.Popen[str]:
        """Start a run, unless runs were stopped (then raise, as a run that failed would)."""
        with self._lock:
            if self._stopped:
                raise BulletinError("the search index was not made: indexing was stopped")
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            self._running.add(process)
            return process

    def end(self, process: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running.discard(process)

    def stop(self) -> None:
        """End every run in progress, and start no more."""
        with self._lock:
            self._stopped = True
            for process in self._running:
                process.kill()


_RUNS = _Runs()


def stop_indexing() -> None:
    """Stop indexing in this process for good (parts under way are not made): when
    `serve` ends, Ctrl-C need not wait for a big site's index, made in the background."""
    _RUNS.stop()


def _run_pagefind(site: Path, bundle: Path, language: str) -> None:
    import pagefind_bin  # loaded only when some part of the index must be made again

    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site),
        "--output-path", str(bundle),
        "--root-selector", "main",
        "--force-language", language,
        "--quiet",
    ]  # fmt: skip
    try:
        process = _RUNS.start(command)
    except OSError as err:
        raise BulletinError(f"the search index could not be made (Pagefind: {err})") from err
    try:
        _, errors = process.communicate(timeout=900)
    except subprocess.TimeoutExpired as err:
        process.kill()
        process.communicate()
        message = "the search index could not be made (Pagefind ran for 15 minutes)"
        raise BulletinError(message) from err
    finally:
        _RUNS.end(process)
    if process.returncode != 0:
        details = errors or f"it stopped with code {process.returncode}"
        raise BulletinError(f"the search index could not be made (Pagefind: {details})")
