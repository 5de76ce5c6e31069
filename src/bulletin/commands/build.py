"""Build: content, theme and settings in; a site on disk (or in memory) out.

`SiteBuilder.build` is the whole pipeline without writing, so `check`,
`serve` and the tests share one code path with `build`. A builder remembers
its previous build: an issue file whose size and modification time are
unchanged (under unchanged settings and images) is not parsed again, and a
page whose inputs are unchanged is not rendered again. `serve` keeps one
builder alive, which is why an edit shows in the browser at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import jinja2

from bulletin import __version__
from bulletin.checks.links import PageIds, check_links
from bulletin.config import load_config
from bulletin.content.issue import IssueContext, load_issue
from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.models import Issue
from bulletin.content.schema import SiteConfig
from bulletin.content.source import discover_issue_files
from bulletin.errors import BuildError, Problem, Problems
from bulletin.outputs.calendar import CalendarFiles
from bulletin.outputs.crawlers import crawler_files
from bulletin.outputs.email import EMAIL_CSS, EmailEditions, is_email
from bulletin.outputs.feeds import feed_files
from bulletin.outputs.files import OutputFile
from bulletin.outputs.pdf import PRINT_CSS, Download, PrintEditions, human_size
from bulletin.outputs.search import SearchIndex
from bulletin.outputs.static import static_files
from bulletin.render.pages import PageCache, PageRenderer, site_pages
from bulletin.render.theme import find_theme, make_environment
from bulletin.render.views import site_view
from bulletin.site import Site, assemble_site
from bulletin.write import check_output_folder, write_site


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked to do."""

    site_root: Path
    output: Path | None = None
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    strict: bool = False
    today: dt.date | None = None
    script_hashes: tuple[str, ...] = ()
    index_search: bool = True
    pdf: tuple[str, ...] = ()  # slugs of the issues to make PDFs of; "*" for all
    # Processes that read issues. 1 (the default) reads in this process; 0 uses
    # every core once there are enough stale issues (what the CLI asks for). A
    # script asking for more than 1 needs `if __name__ == "__main__":`, as any
    # program starting processes with multiprocessing's spawn method does.
    workers: int = 1

    @property
    def output_dir(self) -> Path:
        """The output folder: _site in the site folder unless told otherwise."""
        return self.output if self.output is not None else self.site_root / "_site"


@dataclass
class BuildResult:
    """A finished build: the site, its files and anything worth a warning."""

    site: Site
    files: list[OutputFile]
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    reloaded_issues: int = 0
    rendered_pages: int = 0

    @property
    def pages(self) -> int:
        """How many web pages the site has (email editions are not web pages)."""
        return sum(1 for f in self.files if f.path.endswith(".html") and not is_email(f.path))

    def summary(self, output: Path) -> str:
        """The one line printed after a build."""
        issues = len(self.site.issues)
        noun = "issue" if issues == 1 else "issues"
        return (
            f"Built {issues} {noun}, {self.pages} pages in {self.seconds:.2f} s -> "
            f"{shown_path(output)}/"
        )


@dataclass
class _CachedIssue:
    stamp: tuple[int, int, str]
    issue: Issue | None
    problems: list[Problem]


@dataclass
class _CachedTheme:
    stamp: str
    env: jinja2.Environment


class SiteBuilder:
    """Builds one site, again and again, redoing only what its inputs require."""

    def __init__(self, options: BuildOptions, progress: Progress | None = None) -> None:
        self.options = options
        self.progress: Progress = progress or no_progress
        self.renderer = MarkdownRenderer()
        self._issues: dict[Path, _CachedIssue] = {}
        self._theme: _CachedTheme | None = None
        self._pages = PageCache()
        self._page_ids = PageIds()
        self._search = SearchIndex()
        self._emails = EmailEditions()
        self._calendars = CalendarFiles()
        self._prints = PrintEditions()
        self._prints_made: dict[str, OutputFile] = {}

    def build(self) -> BuildResult:
        """Run the whole pipeline and return the files; raise BuildError on any error."""
        started = time.perf_counter()
        root = self.options.site_root
        problems = Problems()
        config = load_config(root, problems, build_date(self.options.today), self.options.base_url)
        self._finish_stage(problems)
        assert config is not None
        today = build_date(self.options.today, config.zone)
        if self.renderer.allow_raw_html != config.allow_raw_html:
            self.renderer = MarkdownRenderer(config.allow_raw_html)
            self._issues.clear()
        loaded, reloaded = self._load_issues(config, problems)
        options = self.options
        site = assemble_site(
            config, loaded, problems, drafts=options.drafts, future=options.future, today=today
        )
        self._finish_stage(problems)
        files = self._outputs(site, root, problems, today)
        unpublished = {issue.slug for issue in loaded} - {issue.slug for issue in site.issues}
        check_links(site, files, unpublished, problems, self._page_ids)
        self._finish_stage(problems)
        return BuildResult(
            site,
            files,
            problems.warnings,
            time.perf_counter() - started,
            reloaded,
            self._pages.rendered_last_time,
        )

    def _outputs(
        self, site: Site, root: Path, problems: Problems, today: dt.date
    ) -> list[OutputFile]:
        """Every file of the site: pages, feeds, calendars, crawler files, search, static."""
        config = site.config
        cached = self._current_theme(root, config)
        static, assets = static_files(
            find_theme(root).static_dirs, root / "content", config, root, problems
        )
        info = site_view(site, self.renderer, self.options.script_hashes)
        renderer = PageRenderer(
            cached.env,
            info,
            assets,
            root,
            self._pages,
            (cached.stamp, sorted(assets.items()), info),
        )
        downloads = self._print_editions(site, renderer, static, assets)
        with self.progress(site_pages(site, today, downloads), "Rendering pages") as specs:
            pages = [renderer.render(spec) for spec in specs]
        feeds = feed_files(site, renderer.issue_content)
        email_css = next(f for f in static if f.path == assets[EMAIL_CSS]).read()
        emails = self._emails.files(site, renderer, email_css)
        renderer.finish()
        search = self.search_files(site, pages) if self.options.index_search else []
        extras = self._calendars.files(site) + crawler_files(site, pages)
        pdfs = [self._prints_made[slug] for slug in downloads]
        everything = pages + feeds + emails + pdfs + extras + search + static
        return sorted(everything, key=lambda f: f.path)

    def _print_editions(
        self, site: Site, renderer: PageRenderer, static: list[OutputFile], assets: dict[str, str]
    ) -> dict[str, Download]:
        """PDFs of the issues asked for, as the links on their pages describe them."""
        if not self.options.pdf:
            self._prints_made = {}
            return {}
        css = next(f for f in static if f.path == assets[PRINT_CSS]).read()
        site_files = {f.path: f for f in static}
        self._prints_made = self._prints.files(site, renderer, self.options.pdf, site_files, css)
        return {
            slug: Download(pdf.path, human_size(len(pdf.read())))
            for slug, pdf in self._prints_made.items()
        }

    def search_files(self, site: Site, pages: list[OutputFile]) -> list[OutputFile]:
        """The search index of the issue pages among these pages."""
        issue_pages = [p for p in pages if p.path.startswith("issues/") and p.path.count("/") == 2]
        return self._search.files_for(issue_pages, site.config.base_path, site.config.language)

    def _finish_stage(self, problems: Problems) -> None:
        """Stop if there are errors; under --strict, warnings count as errors."""
        if self.options.strict:
            problems.make_strict()
        problems.raise_if_errors()

    def _load_issues(self, config: SiteConfig, problems: Problems) -> tuple[list[Issue], int]:
        """Every issue, reusing those whose file, settings and images are unchanged."""
        root = self.options.site_root
        content_dir = root / "content"
        context = IssueContext(config, root, content_dir, self.renderer)
        settings = _settings_stamp(config, content_dir)
        paths = discover_issue_files(content_dir, root, problems)
        present = set(paths)
        self._issues = {p: c for p, c in self._issues.items() if p in present}
        reloaded = 0
        stamps = {path: _stamp(path, settings) for path in paths}
        stale = [p for p in paths if p not in self._issues or self._issues[p].stamp != stamps[p]]
        with self.progress(stale, "Reading issues") as reading:
            for path, (issue, found) in zip(reading, self._read(stale, context), strict=True):
                self._issues[path] = _CachedIssue(stamps[path], issue, found)
                reloaded += 1
        for path in paths:
            problems.extend(self._issues[path].problems)
        loaded = [c.issue for c in self._issues.values() if c.issue is not None]
        return loaded, reloaded

    def _read(self, paths: list[Path], context: IssueContext) -> Iterator[_Loaded]:
        """Read issues, in order: in a pool of processes when there are enough to share out.

        Markdown conversion is most of a cold build and holds the GIL, so only
        processes make use of a second core. Workers start fresh (spawn): a
        forked copy of a serving process, with its threads, could deadlock.
        """
        workers = self.options.workers
        if workers == 0:
            workers = (os.cpu_count() or 1) if len(paths) >= PARALLEL_FROM else 1
        if workers < 2:
            yield from (_read_one(path, context) for path in paths)
            return
        config = context.config.model_dump_json()
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_reader,
            initargs=(config, str(context.site_root), str(context.content_dir)),
        ) as pool:
            yield from pool.map(_read_in_reader, paths, chunksize=8)

    def _current_theme(self, root: Path, config: SiteConfig) -> _CachedTheme:
        """The Jinja environment, made again only when a template file changes.

        Static folders are looked up afresh on every build (a site may gain a
        static/ folder while serve runs); only the compiled templates are kept.
        """
        theme = find_theme(root)
        stamp = _files_stamp(theme.template_dirs) + config.model_dump_json()
        if self._theme is None or self._theme.stamp != stamp:
            self._theme = _CachedTheme(stamp, make_environment(theme))
        return self._theme


#: Fewer stale issues than this are read in this process: a pool costs ~1 s to start.
PARALLEL_FROM = 100

_Loaded = tuple[Issue | None, list[Problem]]

#: What each worker process reads issues with, made once by _start_reader.
_reader_context: IssueContext | None = None


def _read_one(path: Path, context: IssueContext) -> _Loaded:
    found = Problems()
    issue = load_issue(path, context, found)
    return issue, found.items


def _start_reader(config_json: str, site_root: str, content_dir: str) -> None:
    """Set up a worker process: the site's settings and a Markdown renderer of its own."""
    global _reader_context
    config = SiteConfig.model_validate_json(config_json)
    renderer = MarkdownRenderer(config.allow_raw_html)
    _reader_context = IssueContext(config, Path(site_root), Path(content_dir), renderer)


def _read_in_reader(path: Path) -> _Loaded:
    assert _reader_context is not None, "the worker was not started with _start_reader"
    return _read_one(path, _reader_context)


def _stamp(path: Path, settings: str) -> tuple[int, int, str]:
    """What says an issue file must be read again: its size, its time, the settings."""
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size, settings)


T = TypeVar("T")


class Progress(Protocol):
    """Shows progress through a long step (a terminal progress bar), or nothing at all."""

    def __call__(self, items: list[T], label: str) -> AbstractContextManager[Iterable[T]]: ...


@contextmanager
def no_progress(items: list[T], label: str) -> Iterator[Iterable[T]]:
    """Progress shown nowhere: tests, serve, and builds whose output is not a terminal."""
    yield items


def build_date(given: dt.date | None, zone: dt.tzinfo | None = None) -> dt.date:
    """The build's date in the site's time zone: what "upcoming" and "future" are measured from.

    SOURCE_DATE_EPOCH, the reproducible-builds convention, fixes it, so that two
    builds of the same content give the same bytes on any day.
    """
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise BuildError(
                [Problem("SOURCE_DATE_EPOCH", None, f'"{epoch}" is not a whole number of seconds')]
            )
        return dt.datetime.fromtimestamp(int(epoch), tz=zone or dt.UTC).date()
    return dt.datetime.now(zone).date()


def _settings_stamp(config: SiteConfig, content_dir: Path) -> str:
    """What every issue depends on besides its own file: settings, images, bulletin itself."""
    images = content_dir / "images"
    names = sorted(p.name for p in images.rglob("*")) if images.is_dir() else []
    text = f"{__version__}\n{config.model_dump_json()}\n{names}"
    return hashlib.sha256(text.encode()).hexdigest()


def _files_stamp(folders: tuple[Path, ...]) -> str:
    """Names, sizes and modification times of every file in some folders."""
    entries = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                entries.append(f"{path}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()


def build_in_memory(options: BuildOptions) -> BuildResult:
    """One build, from nothing, without writing."""
    return SiteBuilder(options).build()


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Build and write the site; the previous output survives any failure."""
    started = time.perf_counter()
    output = options.output_dir
    check_output_folder(output, [options.site_root, options.site_root / "content"])
    result = SiteBuilder(options, progress).build()
    write_site(result.files, output)
    result.seconds = time.perf_counter() - started
    return result


def shown_path(path: Path) -> str:
    """A path as short as it can be written from the current folder."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
