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
from pathlib import Path

from bulletin.cache import TEMPLATES, InputsCheck, Record, cache_dir, hash_inputs
from bulletin.cache.state import CacheFolder, DamagedCache
from bulletin.errors import BulletinError
from bulletin.options import BuildOptions, build_date
from bulletin.outputs.files import Spool
from bulletin.pipeline.builder import BuildResult, SiteBuilder
from bulletin.pipeline.issues import BodyMissing
from bulletin.pipeline.progress import Progress
from bulletin.write import check_output_folder, output_intact, write_site


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

    `notice` hears why a cache was not used, if one was there; `inputs` are
    the hashes taken just before to ask whether anything changed.
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
            result = SiteBuilder(options, progress, sink=spool.keep).build()
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
    compiled = cache_dir(options) / TEMPLATES
    builder = SiteBuilder(options, progress, inputs.digests, spool.keep, compiled)
    intact = record is not None and _intact(record, output)
    restored = record is not None and cache.restore(builder.memory, output, intact)
    try:
        result = builder.build()
    except BulletinError:
        raise
    except (DamagedCache, BodyMissing) as err:
        cache.discard(str(err))  # found only now: bodies are read when a product needs them
        return _build_cached(options, progress, notice, spool)
    except Exception as err:
        if not restored:
            raise
        # A bug may lie in bulletin or in what the cache held; a cold build tells
        # which, and an editor is never stuck behind a cache that cannot be used.
        cache.clear()
        notice(
            f"Note: the build cache was discarded after an internal error ({err}); "
            "building from nothing."
        )
        return _build_cached(options, progress, notice, spool)
    previous = record.outputs if restored and intact and record is not None else None
    stamps = write_site(result.files, output, previous, spool)
    _save(cache, builder, result, inputs, stamps, options)
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
    )
    try:
        cache.save(builder.memory, record)
    except DamagedCache as err:  # the site is built; only what the cache held is lost
        cache.discard(str(err))
