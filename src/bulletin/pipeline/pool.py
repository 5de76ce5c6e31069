"""Pipeline: the build's pool of processes, for reading issues and for products' tasks.

Markdown conversion, CSS inlining and calendar serialisation hold the GIL,
so only processes make use of a second core. A pool costs about a quarter
of a core-second per process to start, so one pool serves a whole build
(reading issues, then every product's task) and only when there is enough
work to share out; the builder shuts it down (with the resource tracker
its start began) before Pagefind runs, since each takes about 100 MB.
Processes are started fresh (spawn): a forked copy of a serving process,
with its threads, could deadlock.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bulletin.content.context import IssueContext
from bulletin.content.issue import Read, load_issue
from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.schema import SiteConfig
from bulletin.errors import Problem, Problems
from bulletin.outputs.protocol import Made, Task

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

S = TypeVar("S")
R = TypeVar("R")

#: Fewer pieces of work than this are done in this process: a pool costs ~1 s to start.
PARALLEL_FROM = 100

#: An issue as read in a worker: its facts and body, or nothing, and the problems found.
Loaded = tuple[Read | None, list[Problem]]

#: How each worker process reads issues: its own copy, made once by `_start_worker`.
_worker_context: IssueContext | None = None


class Pool:
    """A pool of processes started on first use, set up with one build's settings."""

    def __init__(self, workers: int, config: SiteConfig, site_root: Path) -> None:
        self._wanted = workers
        self._setup = (config.model_dump_json(), str(site_root), str(site_root / "content"))
        self._pool: ProcessPoolExecutor | None = None
        #: Whether the resource tracker was started by this pool (so it may stop it).
        self._tracker_is_ours = False

    def workers_for(self, count: int) -> int:
        """How many processes to share `count` pieces of work among (1: this one alone)."""
        if self._wanted == 0:
            return (os.cpu_count() or 1) if count >= PARALLEL_FROM else 1
        return self._wanted

    def read(self, paths: list[Path], context: IssueContext) -> Iterator[Loaded]:
        """Read issues, in order, in the pool when there are enough to share out."""
        workers = self.workers_for(len(paths))
        if workers < 2:
            yield from (read_one(path, context) for path in paths)
            return
        yield from self._started(workers).map(_read_in_worker, paths, chunksize=8)

    def run(self, tasks: Iterable[Task], count: int) -> Iterator[Made]:
        """Each of `count` tasks' results, in order; a few in flight at a time, so memory
        stays flat (tasks are taken from `tasks` only as the pool gets through them)."""
        yield from self.share(run_task, tasks, count)

    def share(self, function: Callable[[S], R], items: Iterable[S], count: int) -> Iterator[R]:
        """Apply a function of plain values to each item, in order; in the pool if many."""
        workers = self.workers_for(count)
        if workers < 2:
            yield from map(function, items)
            return
        pool = self._started(workers)
        pending: collections.deque[Future[R]] = collections.deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= workers * 8:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def stop(self) -> None:
        """Shut the processes down, if any were started; the next use starts others."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
            if self._tracker_is_ours:
                _stop_tracker()

    def _started(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing  # loaded only by the builds that need a pool
            from concurrent.futures import ProcessPoolExecutor

            self._tracker_is_ours = not _tracker_running()
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=self._setup,
            )
        return self._pool


def _tracker_running() -> bool:
    """Whether multiprocessing's resource tracker is running for this process."""
    from multiprocessing import resource_tracker

    return getattr(resource_tracker._resource_tracker, "_fd", None) is not None


def _stop_tracker() -> None:
    """Stop multiprocessing's resource tracker, which starting the pool began.

    A spawned pool's semaphores are watched by a tracker process (about 12 MB)
    that outlives the pool: left alone, it stayed through the rest of the
    build, Pagefind's runs included, where a cold build's memory peaks. Once
    the pool is shut down none of its semaphores is left, so it is stopped;
    the next pool starts another. `_stop` is CPython's own (3.8 and later):
    where it is missing the tracker is left running, as it was before.
    """
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


def read_one(path: Path, context: IssueContext) -> Loaded:
    """Read one issue, with the problems found in it."""
    found = Problems()
    read = load_issue(path, context, found)
    return read, found.items


def run_task(task: Task) -> Made:
    """Do one product's task (in a worker, or here)."""
    return task.function(task.argument)


def _start_worker(config_json: str, site_root: str, content_dir: str) -> None:
    """Set up a worker process: the site's settings and a Markdown renderer of its own."""
    global _worker_context
    config = SiteConfig.model_validate_json(config_json)
    renderer = MarkdownRenderer(config.allow_raw_html)
    _worker_context = IssueContext(config, Path(site_root), Path(content_dir), renderer)


def _read_in_worker(path: Path) -> Loaded:
    assert _worker_context is not None, "the worker was not started with _start_worker"
    return read_one(path, _worker_context)
