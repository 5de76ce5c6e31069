"""Serve: a live preview that rebuilds on every save and reloads the browser.

The site is served from memory by a small WSGI application, which livereload
wraps to inject its reload script: nothing is written to disk, drafts never
land in `_site/`, and only files of the built site can be served. One
`SiteBuilder` lives as long as the server, so a save re-reads only the files
that changed and re-renders only the pages that show them. A save that breaks
the build keeps the server running: the terminal and the browser both show
the problems, and the next good save recovers.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import mimetypes
import os
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado import ioloop

from bulletin.cms.config import LOCAL_BACKEND
from bulletin.commands.serve_guard import (
    LOOPBACK,
    Hosts,
    address,
    allowed_hosts,
    check_free,
    host_allowed,
    port_taken,
    quieten_the_servers,
    run_server,
)
from bulletin.commands.watcher import QuickWatcher
from bulletin.errors import BuildError, BulletinError, Problem
from bulletin.options import BuildOptions
from bulletin.outputs.files import OutputFile
from bulletin.pipeline.builder import SiteBuilder
from bulletin.pipeline.result import BuildResult
from bulletin.render.error_page import error_page

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

#: The script livereload 2.7 injects into every page (Server.application), to
#: name by its hash in the pages' Content-Security-Policy. If livereload
#: changes it, the browser test of serve fails: the page would never reload.
LIVERELOAD_SNIPPET = (
    "(function(){"
    'var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port'
    '+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);"
    "})();"
)


def script_hash(script: str) -> str:
    """A CSP source naming one inline script by its SHA-256."""
    digest = hashlib.sha256(script.encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()


@dataclass
class PreviewApp:
    """A WSGI application serving the latest build, or the latest build's errors."""

    files: dict[str, OutputFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    search: dict[str, OutputFile] = field(default_factory=dict)
    #: The names it answers to (`serve_guard`): none but this computer's, by default.
    hosts: Hosts = LOOPBACK

    def publish(self, files: list[OutputFile]) -> None:
        """Serve a new build (with the latest search index until a newer one is ready)."""
        self.files = {f.path: f for f in files} | self.search
        self.problems = []

    def publish_search(self, files: list[OutputFile]) -> None:
        """Serve a freshly made search index alongside the current build."""
        self.search = {f.path: f for f in files}
        self.files = self.files | self.search

    def fail(self, problems: list[Problem]) -> None:
        """Show these problems instead of pages until the next good build."""
        self.problems = problems

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not host_allowed(environ.get("HTTP_HOST"), self.hosts):
            return _respond(start_response, "403 Forbidden", _NOT_HERE, "refused.txt")
        path = unquote(environ.get("PATH_INFO", "/")).lstrip("/")
        if self.problems and _is_page(path):
            return _respond(start_response, "500 Build failed", error_page(self.problems))
        wanted = f"{path}index.html" if path == "" or path.endswith("/") else path
        file = self.files.get(wanted)
        if file is None and f"{path}/index.html" in self.files:
            location = "/" + path + "/"
            start_response("301 Moved Permanently", [("Location", location)])
            return [b""]
        if file is None:
            missing = self.files.get("404.html")
            body = (
                missing.read() if missing else b"<html><head></head><body>Not found</body></html>"
            )
            return _respond(start_response, "404 Not Found", body)
        return _respond(start_response, "200 OK", file.read(), wanted)


_NOT_HERE = (
    b"This preview answers only at the address bulletin serve printed "
    b"(http://127.0.0.1:PORT/ unless --host was given).\n"
)


def _is_page(path: str) -> bool:
    return path == "" or path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]


def _respond(
    start_response: StartResponse, status: str, body: bytes, name: str = "page.html"
) -> list[bytes]:
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type.endswith(("xml", "json", "javascript")):
        content_type += "; charset=utf-8"
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    start_response(status, headers)
    return [body]


@dataclass
class Preview:
    """A builder, the app serving its output, and what to print after each build."""

    builder: SiteBuilder
    app: PreviewApp
    #: Where problems are printed; `news` is for the rest (a rebuild, a warning), if not here.
    echo: Callable[[str], None]
    #: Where the search index is made after a build, giving way to the next build.
    indexer: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, initializer=_behind_the_builds)
    )
    #: Where builds after a save run, so that the server answers requests meanwhile.
    builds: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    queued: bool = False
    generation: int = 0
    news: Callable[[str], None] | None = None
    #: The site's title as its last good build had it, to name it by.
    title: str = ""

    def _index_in_background(self, result: BuildResult) -> None:
        """Make the search index after the page has reloaded; drop it if a newer build came."""
        self.generation += 1
        generation = self.generation

        def index() -> None:
            files = self.builder.search_files(result)
            if generation == self.generation:
                self.app.publish_search(files)

        self.indexer.submit(index)

    def stop(self) -> None:
        """Stop any indexing under way, for good, so that Ctrl-C ends the preview at once."""
        self.generation += 1
        self.indexer.shutdown(wait=False, cancel_futures=True)
        self.builds.shutdown(wait=False, cancel_futures=True)
        self.builder.stop_indexing()

    def rebuild_soon(self) -> None:
        """On the server's loop, after a save: build in the background, serving the last
        build until the new one is ready; saves during a build make one more after it."""
        if self.queued:
            return
        self.queued = True
        loop = ioloop.IOLoop.current()

        def build() -> None:
            self.queued = False
            self.rebuild(reload=lambda: loop.add_callback(_reload_pages))

        self.builds.submit(build)

    def rebuild(self, reload: Callable[[], None] | None = None) -> None:
        """Build again; show the result or the problems, then reload every open page."""
        try:
            result = self.builder.build()
        except BuildError as err:
            for problem in err.problems:
                self.echo(str(problem))
            self.echo(f"Build failed ({err.message}); the browser shows the problems.")
            self.app.fail(err.problems)
        except Exception as err:  # a bug: keep serving, and say so in both places
            problem = Problem("bulletin", None, f"internal error: {type(err).__name__}: {err}")
            self.echo(str(problem))
            self.app.fail([problem])
        else:
            news = self.news or self.echo
            for warning in result.warnings:
                news(str(warning))
            self.app.publish(result.files)
            self.title = result.site.config.title
            self._index_in_background(result)
            news(
                f"Rebuilt in {result.seconds:.2f} s ({result.reloaded_issues} issue files read, "
                f"{result.rendered_pages} pages rendered)"
            )
        (reload or _reload_pages)()


INDEXING_NICENESS = 10  # how far the search index (its thread, its Pagefind) gives way


def _behind_the_builds() -> None:
    """Lower the search index thread's priority (lowering is always allowed), so that a save
    made while the last one's part is indexed is built first. On Linux a thread has its own
    priority, which what it starts inherits; elsewhere the call would name a process."""
    if sys.platform.startswith("linux"):
        thread = threading.get_native_id()
        lower = min(19, os.getpriority(os.PRIO_PROCESS, thread) + INDEXING_NICENESS)
        os.setpriority(os.PRIO_PROCESS, thread, lower)


def _reload_pages() -> None:
    """Tell every open page to reload (on the server's loop: its websockets live there)."""
    if getattr(LiveReloadHandler, "watcher", None) is not None and LiveReloadHandler.waiters:
        LiveReloadHandler.reload_waiters(path="*")  # "*": a whole page, not just its CSS


def watched_folders(site_root: Path) -> list[Path]:
    """What an editor changes: content (with site.yaml), and any templates and static files."""
    return [site_root / name for name in ("content", "templates", "static")]


def serve(
    site_root: Path,
    host: str,
    port: int,
    echo: Callable[[str], None],
    news: Callable[[str], None] | None = None,
    open_browser: bool = False,
) -> None:
    """Build, serve and watch until Ctrl-C; problems go to `echo`, everything else to `news`."""
    news = news or echo
    check_free(host, port)
    app = PreviewApp(hosts=allowed_hosts(host))
    preview = Preview(SiteBuilder(_preview_options(site_root, host, port)), app, echo, news=news)
    preview.rebuild()
    _set_aside_the_first_build()
    server = Server(app=preview.app, watcher=QuickWatcher())
    for folder in watched_folders(site_root):
        if folder.is_dir():
            server.watch(str(folder), preview.rebuild_soon)
    quieten_the_servers()
    name = preview.title or site_root.resolve().name
    news(f"Serving {name} at {address(host, port)} (drafts and future issues included).")
    news("Save a file to rebuild; press Ctrl-C to stop.")
    try:
        run_server(preview.app, server.watcher, host, port, LIVERELOAD_SNIPPET, open_browser)
    except OSError as err:
        raise BulletinError(port_taken(host, port, err)) from err
    preview.stop()
    news("Stopped.")


def _set_aside_the_first_build() -> None:
    """Keep the cycle collector's full collections off what the first build made: at 1,000
    issues each walked its long-lived objects for 0.25-0.3 s, in the middle of a rebuild.
    Frozen once, after a collection; freezing after every build would keep every build's
    cyclic garbage for the whole session."""
    gc.collect()
    gc.freeze()


def _preview_options(site_root: Path, host: str, port: int) -> BuildOptions:
    """What a preview builds: everything, for this address, reloading pages on a save."""
    return BuildOptions(
        site_root,
        drafts=True,
        future=True,
        base_url=address(host, port),
        script_hashes=(script_hash(LIVERELOAD_SNIPPET),),
        index_search=False,  # made in the background after each build instead
        workers=0,  # a big site's first build reads its issues on every core
        local_cms=LOCAL_BACKEND,  # /admin/ saves to these files through decap-server
    )
