"""Build: the pipeline's files written to the output folder; the previous output survives
any failure.

Files are spooled to a scratch folder beside the output as they are made,
and moved into place at the end (`bulletin.write`). With the build cache
(`options.use_cache`, what the CLI does), the build starts from what the
last one left in .bulletin-cache/ and leaves its own there: a cache that
cannot be trusted is discarded with a notice and the build goes on from
nothing.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bulletin.cache import TEMPLATES, InputsCheck, Record, cache_dir, hash_inputs
from bulletin.cache.pickling import DamagedCache
from bulletin.cache.state import CacheFolder
from bulletin.cache.written import output_intact
from bulletin.content.source import shown_path
from bulletin.errors import BulletinError, machine_fault
from bulletin.options import BuildOptions, build_date
from bulletin.outputs.files import Spool
from bulletin.outputs.pagefind import tidy_search_scratch
from bulletin.pipeline.builder import SiteBuilder
from bulletin.pipeline.issues import BodyMissing
from bulletin.pipeline.maker import Sink
from bulletin.pipeline.progress import Progress
from bulletin.pipeline.result import BuildResult
from bulletin.write import (
    check_output_folder,
    scratch,
    tidy_output,
    write_site,
)
from bulletin.write.lock import one_build_at_a_time


def build_in_memory(options: BuildOptions) -> BuildResult:
    """One build, from nothing, without writing."""
    return SiteBuilder(options).build()


def source_folders(site_root: Path) -> list[Path]:
    """The folders a build reads: a site written inside one would be published again in it."""
    return [site_root / name for name in ("content", "static", "templates")]


def build(
    options: BuildOptions,
    progress: Progress | None = None,
    notice: Callable[[str], None] | None = None,
    inputs: InputsCheck | None = None,
) -> BuildResult:
    """Build and write the site; the previous output survives any failure.

    `notice` hears why a cache was not used, if one was there; `inputs` are
    the hashes taken just before to ask whether anything changed.
    """
    started = time.perf_counter()
    output = options.output_dir.absolute()
    notice = notice or _say_nothing
    with one_build_at_a_time(output, lambda: notice(waiting_for(output))):
        tidy_output(output)
        tidy_search_scratch()
        protected = [options.site_root, options.site_root / "content"]
        check_output_folder(output, protected, source_folders(options.site_root))
        output.parent.mkdir(parents=True, exist_ok=True)
        spool = Spool(Path(tempfile.mkdtemp(prefix=scratch(output, "spool"), dir=output.parent)))
        try:
            if options.use_cache:
                result = _build_cached(options, progress, notice, spool, inputs)
            else:
                result = SiteBuilder(options, progress, sink=spool.keep).build()
                write_site(result.files, output, spool=spool)
        finally:
            shutil.rmtree(spool.folder, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


def waiting_for(output: Path) -> str:
    """What a build says while another writes its output folder."""
    return (
        f"Waiting for another build writing {shown_path(output)}/ to finish "
        "(only one build at a time writes a site)..."
    )


def _say_nothing(message: str) -> None:
    """Where notices go when nobody asked to hear them."""


@dataclass
class Cached:
    """A builder that took up what the build cache kept, and what it knows of that cache."""

    cache: CacheFolder
    record: Record | None
    inputs: InputsCheck
    builder: SiteBuilder
    #: Whether the memory was restored, and with the products (the output was intact).
    restored: bool
    intact: bool


def run_cached(
    options: BuildOptions,
    progress: Progress | None,
    notice: Callable[[str], None],
    sink: Sink,
    inputs: InputsCheck | None = None,
    read_only: bool = False,
) -> tuple[BuildResult, Cached]:
    """Build from what .bulletin-cache/ holds (without changing it but for compiled templates,
    unless `read_only`); a cache that cannot be trusted is discarded with a notice, and the
    build starts again from nothing."""
    cached = _prepared(options, progress, notice, sink, inputs, read_only)
    try:
        return cached.builder.build(), cached
    except BulletinError:
        raise
    except (DamagedCache, BodyMissing) as err:
        cached.cache.discard(str(err))  # found only now: bodies are read when a product needs them
    except Exception as err:
        fault = isinstance(err, OSError) and machine_fault(err) is not None
        if fault or not cached.restored:
            raise  # a full or read-only disk: building again from nothing would not help
        # A bug may lie in bulletin or in what the cache held; a cold build tells
        # which, and an editor is never stuck behind a cache that cannot be used.
        cached.cache.clear()
        notice(
            f"Note: the build cache was discarded after an internal error ({err}); "
            "building from nothing."
        )
    return run_cached(options, progress, notice, sink, read_only=read_only)


def _prepared(
    options: BuildOptions,
    progress: Progress | None,
    notice: Callable[[str], None],
    sink: Sink,
    inputs: InputsCheck | None,
    read_only: bool,
) -> Cached:
    output = options.output_dir.absolute()
    cache = CacheFolder(options, notice)
    record = cache.record()
    if inputs is None or inputs.options != options or inputs.record != record:
        inputs = hash_inputs(options, record)
    compiled = None if read_only else cache_dir(options) / TEMPLATES
    builder = SiteBuilder(options, progress, inputs.digests, sink, compiled)
    intact = record is not None and _intact(record, output)
    restored = record is not None and cache.restore(builder.memory, output, intact)
    return Cached(cache, record, inputs, builder, restored, intact)


def _build_cached(
    options: BuildOptions,
    progress: Progress | None,
    notice: Callable[[str], None],
    spool: Spool,
    inputs: InputsCheck | None = None,
) -> BuildResult:
    """A build that starts from .bulletin-cache/ and leaves its own memory there."""
    result, cached = run_cached(options, progress, notice, spool.keep, inputs)
    record = cached.record
    previous = record.outputs if cached.restored and cached.intact and record else None
    output = options.output_dir.absolute()
    stamps = write_site(result.files, output, previous, spool, updates_follow=True)
    _save(cached.cache, cached.builder, result, cached.inputs, stamps, options)
    return result


def _intact(record: Record, output: Path) -> bool:
    """Whether the output folder is as the last build left it (so its files can be reused)."""
    return record.output == str(output) and output_intact(output, record.outputs)


def _save(
    cache: CacheFolder,
    builder: SiteBuilder,
    result: BuildResult,
    inputs: InputsCheck,
    stamps: dict[str, tuple[int, int, str]],
    options: BuildOptions,
) -> None:
    """Leave this build's memory and record for the next one."""
    today = build_date(options.today, result.site.config.zone)
    record = Record(
        inputs.digest,
        str(options.output_dir.absolute()),
        result.site.config.timezone,
        today.isoformat(),
        inputs.digests.used,
        stamps,
        len(result.site.issues),
        result.pages,
        [str(warning) for warning in result.warnings],
        inputs.hashed_at,
    )
    try:
        cache.save(builder.memory, record)
    except DamagedCache as err:  # the site is built; only what the cache held is lost
        cache.discard(str(err))
