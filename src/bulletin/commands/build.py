"""Build: content, theme and settings in; a site on disk (or in memory) out.

`SiteBuilder.build` is the whole pipeline without writing, so `check`,
`serve` and the tests share one code path with `build`. A builder remembers
its previous build: an issue file whose contents are unchanged (under
unchanged settings and images) is not parsed again, and a page whose inputs
are unchanged is not rendered again. `serve` keeps one builder alive, which
is why an edit shows in the browser at once; `bulletin build` keeps the
builder's memory in .bulletin-cache/ (see `bulletin.cache`), so that one
build picks up where the last left off.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import jinja2

from bulletin import __version__
from bulletin.cache import (
    CacheFolder,
    DamagedCache,
    FileDigests,
    InputsCheck,
    Record,
    cache_dir,
    hash_inputs,
)
from bulletin.checks.links import LinkChecks
from bulletin.config import load_config
from bulletin.content.issue import IssueContext, load_issue
from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.models import Issue
from bulletin.content.schema import SiteConfig
from bulletin.content.source import discover_issue_files, shown_path
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.options import BuildOptions, build_date
from bulletin.outputs.admin import ADMIN, admin_files
from bulletin.outputs.calendar import CalendarFiles
from bulletin.outputs.crawlers import crawler_files
from bulletin.outputs.email import EMAIL_CSS, EmailEditions, is_email
from bulletin.outputs.feeds import feed_files
from bulletin.outputs.files import OutputFile, Spool
from bulletin.outputs.pdf import PRINT_CSS, Download, PrintEditions, human_size
from bulletin.outputs.search import PartsAsRendered, SearchIndex, search_parts
from bulletin.outputs.static import static_files
from bulletin.render.pages import PageCache, PageRenderer, site_pages
from bulletin.render.theme import make_environment
from bulletin.render.theme_files import find_theme
from bulletin.render.views import site_view
from bulletin.site import Site, assemble_site, issue_path, page_file
from bulletin.write import PreviousOutput, check_output_folder, output_intact, write_site

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


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
        """How many web pages the site has (email editions and the editor's page are not)."""
        return sum(
            1
            for f in self.files
            if f.path.endswith(".html") and not is_email(f.path) and not f.path.startswith(ADMIN)
        )

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
    """An issue as read, with the stamp of what it was read from."""

    stamp: tuple[str, str]
    issue: Issue | None
    problems: list[Problem]


@dataclass
class _CachedTheme:
    stamp: str
    env: jinja2.Environment


class SiteBuilder:
    """Builds one site, again and again, redoing only what its inputs require."""

    def __init__(
        self,
        options: BuildOptions,
        progress: Progress | None = None,
        digests: FileDigests | None = None,
        spool: Spool | None = None,
    ) -> None:
        self.options = options
        self.progress: Progress = progress or no_progress
        self.digests = digests or FileDigests()
        # Where made files go as soon as they are made, when the site is written
        # to disk: a big site's files do not fit in memory all at once.
        self.keep: Callable[[OutputFile], OutputFile] = spool.keep if spool else _in_memory
        self.renderer = MarkdownRenderer()
        self._theme: _CachedTheme | None = None
        self._shared: ProcessPoolExecutor | None = None
        self._pool_setup = ("", "", "")
        self.memory = _Memory()

    def restore(self, memory: object, issues_only: bool = False) -> bool:
        """Take up what an earlier builder remembered; False if it is not a builder's memory."""
        if not isinstance(memory, _Memory):
            return False
        self.memory = memory if not issues_only else _Memory(issues=memory.issues)
        return True

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
            self.memory.issues.clear()
        with self._sharing(config):
            loaded, reloaded = self._load_issues(config, problems)
            options = self.options
            site = assemble_site(
                config, loaded, problems, drafts=options.drafts, future=options.future, today=today
            )
            self._finish_stage(problems)
            files = self._outputs(site, root, problems, today)
        unpublished = {issue.slug for issue in loaded} - {issue.slug for issue in site.issues}
        self.memory.links.check(site, files, unpublished, problems)
        self._finish_stage(problems)
        return BuildResult(
            site,
            files,
            problems.warnings,
            time.perf_counter() - started,
            reloaded,
            self.memory.pages.rendered_last_time,
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
            self.memory.pages,
            (cached.stamp, sorted(assets.items()), info),
        )
        downloads = self._print_editions(site, renderer, static, assets)
        # The emails and calendars are finished in the pool that read the issues;
        # then the pool stops, and Pagefind indexes each part of the search index
        # (in a process of its own) as soon as its issue pages are rendered here,
        # so both cores work. The pool and Pagefind never run at once: each takes
        # about 100 MB, and the whole build is to stay under 250 MB.
        feeds = feed_files(site, renderer.issue_content)
        email_css = next(f for f in static if f.path == assets[EMAIL_CSS]).read()
        emails = self.memory.emails.files(site, renderer, email_css, self.keep, self._share)
        calendars = self.memory.calendars.files(site, today, self.keep, self._share)
        self._stop_pool()
        with self.memory.search.indexing(config.base_path, config.language, self.keep) as index:
            parts = PartsAsRendered(site.issues if self.options.index_search else ())
            pages = []
            with self.progress(site_pages(site, today, downloads), "Rendering pages") as specs:
                for spec in specs:
                    pages.append(self.keep(renderer.render(spec)))
                    if (part := parts.rendered(pages[-1])) is not None:
                        index.add(part)
            renderer.finish()
            search = index.files() if self.options.index_search else []
        extras = calendars + crawler_files(site, pages)
        extras += admin_files(site, root, today, assets, self.options.local_cms)
        pdfs = [self.memory.prints_made[slug] for slug in downloads]
        everything = pages + feeds + emails + pdfs + extras + search + static
        return sorted(everything, key=lambda f: f.path)

    def _print_editions(
        self, site: Site, renderer: PageRenderer, static: list[OutputFile], assets: dict[str, str]
    ) -> dict[str, Download]:
        """PDFs of the issues asked for, as the links on their pages describe them."""
        if not self.options.pdf:
            self.memory.prints_made = {}
            return {}
        css = next(f for f in static if f.path == assets[PRINT_CSS]).read()
        site_files = {f.path: f for f in static}
        self.memory.prints_made = self.memory.prints.files(
            site, renderer, self.options.pdf, site_files, css
        )
        return {
            slug: Download(pdf.path, human_size(len(pdf.read())))
            for slug, pdf in self.memory.prints_made.items()
        }

    def search_files(self, site: Site, pages: list[OutputFile]) -> list[OutputFile]:
        """The search index of the issue pages among these pages."""
        by_path = {page.path: page for page in pages}
        issue_pages = {issue.slug: by_path[page_file(issue_path(issue))] for issue in site.issues}
        parts = search_parts(site.issues, issue_pages)
        config = site.config
        return self.memory.search.files_for(parts, config.base_path, config.language, self.keep)

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
        self.memory.issues = {p: c for p, c in self.memory.issues.items() if p in present}
        reloaded = 0
        stamps = {path: (self.digests.digest(path), settings) for path in paths}
        stale = [
            p
            for p in paths
            if p not in self.memory.issues or self.memory.issues[p].stamp != stamps[p]
        ]
        with self.progress(stale, "Reading issues") as reading:
            for path, (issue, found) in zip(reading, self._read(stale, context), strict=True):
                self.memory.issues[path] = _CachedIssue(stamps[path], issue, found)
                reloaded += 1
        for path in paths:
            problems.extend(self.memory.issues[path].problems)
        loaded = [c.issue for c in self.memory.issues.values() if c.issue is not None]
        return loaded, reloaded

    def _read(self, paths: list[Path], context: IssueContext) -> Iterator[_Loaded]:
        """Read issues, in order: in the pool of processes when there are enough to share out.

        Markdown conversion is most of a cold build and holds the GIL, so only
        processes make use of a second core.
        """
        workers = self._workers_for(len(paths))
        if workers < 2:
            yield from (_read_one(path, context) for path in paths)
            return
        yield from self._pool(workers).map(_read_in_reader, paths, chunksize=8)

    def _share(self, function: Callable[[S], R], items: Iterable[S], count: int) -> Iterator[R]:
        """Apply a function of plain values to each item, in order; in the pool when there
        are many. Items are made as results come back, so only a few are in memory at once."""
        workers = self._workers_for(count)
        if workers < 2:
            yield from map(function, items)
            return
        pool = self._pool(workers)
        pending: collections.deque[Future[R]] = collections.deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= workers * 8:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        """The build's pool of processes, started on first use: each process costs a
        quarter of a second of a core to start, so reading and outputs share one."""
        if self._shared is None:
            self._shared = _start_pool(workers, self._pool_setup)
        return self._shared

    @contextmanager
    def _sharing(self, config: SiteConfig) -> Iterator[None]:
        """Whatever pool the build starts is shut down when it ends (its processes read
        issues with this build's settings)."""
        root = self.options.site_root
        self._pool_setup = (config.model_dump_json(), str(root), str(root / "content"))
        try:
            yield
        finally:
            self._stop_pool()

    def _stop_pool(self) -> None:
        """Shut the pool down, if one was started; the next use starts another."""
        if self._shared is not None:
            self._shared.shutdown()
            self._shared = None

    def _workers_for(self, count: int) -> int:
        """How many processes to share `count` pieces of work among (1: this one alone)."""
        if self.options.workers == 0:
            return (os.cpu_count() or 1) if count >= PARALLEL_FROM else 1
        return self.options.workers

    def _current_theme(self, root: Path, config: SiteConfig) -> _CachedTheme:
        """The Jinja environment, made again only when a template file changes.

        Static folders are looked up afresh on every build (a site may gain a
        static/ folder while serve runs); only the compiled templates are kept.
        """
        theme = find_theme(root)
        stamp = self._files_stamp(theme.template_dirs) + config.model_dump_json()
        if self._theme is None or self._theme.stamp != stamp:
            compiled = cache_dir(self.options) / "templates" if self.options.use_cache else None
            self._theme = _CachedTheme(stamp, make_environment(theme, compiled))
        return self._theme

    def _files_stamp(self, folders: tuple[Path, ...]) -> str:
        """Names and content hashes of every file in some folders."""
        entries = [
            f"{path}:{self.digests.digest(path)}"
            for folder in folders
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]
        return hashlib.sha256("\n".join(entries).encode()).hexdigest()


@dataclass
class _Memory:
    """Everything a builder remembers between builds (but the compiled templates),
    in one object so that the build cache can keep it whole."""

    issues: dict[Path, _CachedIssue] = field(default_factory=dict)
    pages: PageCache = field(default_factory=PageCache)
    links: LinkChecks = field(default_factory=LinkChecks)
    search: SearchIndex = field(default_factory=SearchIndex)
    emails: EmailEditions = field(default_factory=EmailEditions)
    calendars: CalendarFiles = field(default_factory=CalendarFiles)
    prints: PrintEditions = field(default_factory=PrintEditions)
    prints_made: dict[str, OutputFile] = field(default_factory=dict)


def _in_memory(file: OutputFile) -> OutputFile:
    """Files stay in memory when nothing is written to disk (serve, check, tests)."""
    return file


#: Fewer stale issues than this are read in this process: a pool costs ~1 s to start.
PARALLEL_FROM = 100

_Loaded = tuple[Issue | None, list[Problem]]

#: What each worker process reads issues with, made once by _start_reader.
_reader_context: IssueContext | None = None


def _start_pool(workers: int, setup: tuple[str, str, str]) -> ProcessPoolExecutor:
    """Processes started fresh (spawn): a forked copy of a serving process, with its
    threads, could deadlock. Each is set up to read issues (`_start_reader`)."""
    import multiprocessing  # loaded only by the builds that need a pool
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_reader, initargs=setup
    )


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


T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")


class Progress(Protocol):
    """Shows progress through a long step (a terminal progress bar), or nothing at all."""

    def __call__(self, items: list[T], label: str) -> AbstractContextManager[Iterable[T]]: ...


@contextmanager
def no_progress(items: list[T], label: str) -> Iterator[Iterable[T]]:
    """Progress shown nowhere: tests, serve, and builds whose output is not a terminal."""
    yield items


def _settings_stamp(config: SiteConfig, content_dir: Path) -> str:
    """What every issue depends on besides its own file: settings, images, bulletin itself."""
    images = content_dir / "images"
    names = sorted(p.name for p in images.rglob("*")) if images.is_dir() else []
    text = f"{__version__}\n{config.model_dump_json()}\n{names}"
    return hashlib.sha256(text.encode()).hexdigest()


def build_in_memory(options: BuildOptions) -> BuildResult:
    """One build, from nothing, without writing."""
    return SiteBuilder(options).build()


def build(
    options: BuildOptions,
    progress: Progress | None = None,
    notice: Callable[[str], None] | None = None,
    inputs: InputsCheck | None = None,
) -> BuildResult:
    """Build and write the site; the previous output survives any failure.

    With `options.use_cache`, the build starts from what the last one left in
    .bulletin-cache/ and leaves its own there; `notice` hears why a cache was
    not used, if one was there; `inputs` are the hashes taken just before to
    ask whether anything changed (`up_to_date`). Files are spooled to a
    scratch folder beside the output as they are made, and moved into place at
    the end.
    """
    started = time.perf_counter()
    output = options.output_dir.absolute()
    check_output_folder(output, [options.site_root, options.site_root / "content"])
    output.parent.mkdir(parents=True, exist_ok=True)
    spool = Spool(Path(tempfile.mkdtemp(prefix=f".{output.name}.spool-", dir=output.parent)))
    try:
        if options.use_cache:
            result = _build_cached(options, progress, notice or _say_nothing, spool, inputs)
        else:
            result = SiteBuilder(options, progress, spool=spool).build()
            write_site(result.files, output, spool=spool)
    finally:
        shutil.rmtree(spool.folder, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


def _say_nothing(message: str) -> None:
    """Where notices go when nobody asked to hear them."""


def _build_cached(
    options: BuildOptions,
    progress: Progress | None,
    notice: Callable[[str], None],
    spool: Spool,
    inputs: InputsCheck | None = None,
) -> BuildResult:
    """A build that starts from .bulletin-cache/ and leaves its own memory there."""
    output = options.output_dir.absolute()
    cache = CacheFolder(options, notice)
    record = cache.record()
    if inputs is None or inputs.options != options or inputs.record is not record:
        inputs = hash_inputs(options, record)
    digests = inputs.digests
    builder = SiteBuilder(options, progress, digests, spool)
    previous = _previous_output(cache, builder, record, output)
    try:
        result = builder.build()
    except BulletinError:
        raise
    except DamagedCache as err:
        cache.discard(str(err))  # found only now: values kept apart are read when used
        return _build_cached(options, progress, notice, spool)
    except Exception as err:
        if record is None:
            raise
        # A bug may lie in bulletin or in what the cache held; a cold build tells
        # which, and an editor is never stuck behind a cache that cannot be used.
        cache.clear()
        notice(
            f"Note: the build cache was discarded after an internal error ({err}); "
            "building from nothing."
        )
        return _build_cached(options, progress, notice, spool)
    stamps = write_site(result.files, output, previous, spool)
    written = {file.path: file for file in result.files}
    today = build_date(options.today, result.site.config.zone)
    record = Record(
        inputs.digest,
        str(output),
        result.site.config.timezone,
        today.isoformat(),
        digests.used,
        stamps,
        len(result.site.issues),
        result.pages,
        [str(warning) for warning in result.warnings],
    )
    try:
        cache.save(builder.memory, written, record)
    except DamagedCache as err:  # the site is built; only what the cache held is lost
        cache.discard(str(err))
    return result


def _previous_output(
    cache: CacheFolder, builder: SiteBuilder, record: Record | None, output: Path
) -> PreviousOutput | None:
    """What the last build left, taken up by the builder; None if there is nothing to trust.

    Files already written are remembered as references to the output folder,
    so all but the issues read are of use only while that folder is as the
    last build left it.
    """
    if record is None:
        return None
    loaded = cache.load_state(output.absolute())
    if not isinstance(loaded, tuple) or len(loaded) != 2:
        return None
    state, written = loaded
    intact = record.output == str(output.absolute()) and output_intact(output, record.outputs)
    if not builder.restore(state, issues_only=not intact) or not intact:
        return None
    return PreviousOutput(written, record.outputs)
