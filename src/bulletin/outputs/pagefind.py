"""Outputs: running Pagefind over some pages, for one part of the search index.

Pagefind's binary (from the `pagefind_bin` package on PyPI) reads rendered
pages and writes a static index that the search page queries in the
reader's browser: no server, nothing sent elsewhere. The pages are placed in
a scratch folder, under the site's base path so that result addresses work
under a sub-path (hard links to their bytes on disk where they can be), and
indexed in one run of the binary per part (Pagefind's Python API, one
request per page, took 100 s for 1,000 pages).

`PagefindRuns` knows the runs in progress, so that whoever owns them (serve,
on Ctrl-C) can stop them all at once.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from bulletin import atomic, urls
from bulletin.errors import BulletinError
from bulletin.outputs.files import Folders, OutputFile, inside, made

#: The start of the names of the folders where pages are indexed, in the system's temporary
#: folder, followed by the id of the process; `tidy_search_scratch` removes those of builds
#: that were killed.
SCRATCH = "bulletin-search-"
#: The search interface, shared by every part (each run writes its own copy).
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
#: What the search page uses of Pagefind's output; the other UIs are left out.
_UNUSED = ("pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight", *UI_FILES)


class PagefindRuns:
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
            command, before = atomic.dying_with_parent(command)
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                preexec_fn=before,  # only a system call, if any: safe after fork
            )
            self._running.add(process)
            return process

    def end(self, process: subprocess.Popen[str]) -> None:
        """Forget a run that has finished."""
        with self._lock:
            self._running.discard(process)

    def stop(self) -> None:
        """End every run in progress, and start no more."""
        with self._lock:
            self._stopped = True
            for process in self._running:
                process.kill()


def tidy_search_scratch() -> None:
    """Remove the scratch folders of Pagefind runs whose build was killed."""
    for path in atomic.abandoned(Path(tempfile.gettempdir()), SCRATCH):
        atomic.remove(path)


def index_pages(
    runs: PagefindRuns, pages: Sequence[OutputFile], folder: str, base_path: str, language: str
) -> tuple[OutputFile, ...]:
    """The index files of some pages, at `folder` within the site."""
    with tempfile.TemporaryDirectory(prefix=atomic.scratch_prefix(SCRATCH)) as scratch:
        bundle = _indexed(runs, pages, Path(scratch), base_path, language)
        return tuple(
            made(folder + path.relative_to(bundle).as_posix(), path.read_bytes())
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED)
        )


def interface_files(runs: PagefindRuns, language: str) -> tuple[OutputFile, ...]:
    """The search interface's script and stylesheet, from a run over one small page."""
    page = made("index.html", b"<html><body><main><p>bulletin</p></main></body></html>")
    with tempfile.TemporaryDirectory(prefix=atomic.scratch_prefix(SCRATCH)) as scratch:
        bundle = _indexed(runs, [page], Path(scratch), "/", language)
        return tuple(
            made(urls.SEARCH_INDEX + name, (bundle / name).read_bytes()) for name in UI_FILES
        )


def _indexed(
    runs: PagefindRuns, pages: Sequence[OutputFile], scratch: Path, base_path: str, language: str
) -> Path:
    """Place the pages in a scratch site, index it, and give the folder of the index."""
    site = scratch / "site"
    under = base_path.strip("/")
    root = Path(inside(site, under)) if under else site
    root.mkdir(parents=True, exist_ok=True)
    folders = Folders()
    for page in pages:
        target = Path(inside(root, page.path))
        folders.make_parent(target)
        _place(page, target)
    bundle = scratch / "bundle"
    _run(runs, site, bundle, language.split("-")[0].lower())
    return bundle


def _place(page: OutputFile, target: Path) -> None:
    """Put a page where Pagefind will read it: a hard link to its bytes on disk if it can."""
    if page.folder is not None:
        with contextlib.suppress(OSError):  # another file system: copy instead
            os.link(inside(page.folder, page.path), target)
            return
    target.write_bytes(page.read())


def _run(runs: PagefindRuns, site: Path, bundle: Path, language: str) -> None:
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
        process = runs.start(command)
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
        runs.end(process)
    if process.returncode != 0:
        details = errors or f"it stopped with code {process.returncode}"
        raise BulletinError(f"the search index could not be made (Pagefind: {details})")


def pagefind_version() -> str:
    """The version of Pagefind's package: its interface files change with it.

    Read from the name of the package's metadata folder, as pip writes it
    (`pagefind_bin-1.5.2.dist-info`), found without importing the package:
    `importlib.metadata` would load the email parser, a tenth of a second of
    every one-edit build, to read the same name.
    """
    import importlib.util

    spec = importlib.util.find_spec("pagefind_bin")
    if spec is None or not spec.submodule_search_locations:
        return "unknown"
    packages = Path(next(iter(spec.submodule_search_locations))).parent
    versions = sorted(p.name for p in packages.glob("pagefind_bin-*.dist-info"))
    if len(versions) != 1:
        return _version_from_metadata()
    return versions[0].removeprefix("pagefind_bin-").removesuffix(".dist-info")


def _version_from_metadata() -> str:
    """The version as importlib.metadata finds it (an unusual install: none or several
    metadata folders beside the package)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"
