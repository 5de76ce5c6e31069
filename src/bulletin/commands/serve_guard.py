"""Serve: who the preview answers, and the web server that runs it.

The preview serves drafts. A web page on another site cannot read them
directly, but it can point its own name at 127.0.0.1 (DNS rebinding) and
then read the preview as if it were its own: the request arrives with that
other name as its Host. So the preview answers only requests for the names
it listens on (127.0.0.1, localhost, [::1], or the --host given; any name
when --host is 0.0.0.0 or ::, which asks for the whole network), and the
live-reload websocket accepts only pages of the preview itself (its Origin).
A client that sends nothing for ten seconds is disconnected, so a slow or
stuck one cannot hold a connection for ever. livereload's GET /forcereload,
which any page could call, is not served.

The server is livereload's parts (its websocket, its script, its injector)
assembled here, as `Server.serve` would, but with those checks.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import webbrowser
from typing import Any
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptContainer, LiveScriptInjector
from tornado import ioloop, web

from bulletin.errors import BulletinError

#: The names of this computer, which a preview on it always answers to.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: Addresses that listen on every network: then any name may reach the preview.
_EVERYWHERE = frozenset({"0.0.0.0", "::", ""})
#: Seconds a connection may stay silent (sending no request, or half of one).
IDLE_SECONDS = 10.0
Hosts = frozenset[str] | None


def address(host: str, port: int) -> str:
    """The preview's address: http://127.0.0.1:8000/, http://[::1]:8000/ for IPv6."""
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def allowed_hosts(host: str) -> Hosts:
    """The names a preview listening on `host` answers to (None: any name)."""
    name = host.strip("[]").lower()
    return None if name in _EVERYWHERE else LOOPBACK | {name}


def host_allowed(header: str | None, hosts: Hosts) -> bool:
    """Whether a request's Host header names the preview. No header: an HTTP/1.0 client
    on this computer (a rebinding page's request always names its host)."""
    if hosts is None or not header:
        return True
    name = urlsplit(f"//{header}").hostname
    return name is not None and name.lower() in hosts


def origin_allowed(origin: str | None, hosts: Hosts, port: int) -> bool:
    """Whether a websocket's Origin is a page of the preview itself."""
    parts = urlsplit(origin or "")
    if parts.scheme not in ("http", "https") or parts.hostname is None:
        return False
    return hosts is None or (parts.hostname.lower() in hosts and parts.port == port)


class _Checked(web.RequestHandler):
    """Refuses requests whose Host is not one of the preview's names."""

    def initialize(self, hosts: Hosts, port: int) -> None:
        self.hosts, self.port = hosts, port

    def prepare(self) -> None:
        if not host_allowed(self.request.headers.get("Host"), self.hosts):
            raise web.HTTPError(403)


class _Script(_Checked, LiveReloadJSHandler):  # type: ignore[misc]
    """livereload's script, for the preview's own pages."""


class _Reload(_Checked, LiveReloadHandler):  # type: ignore[misc]
    """livereload's websocket, for the preview's own pages only."""

    def check_origin(self, origin: str) -> bool:
        return origin_allowed(origin, self.hosts, self.port)


def run_server(
    app: Any, watcher: Any, host: str, port: int, snippet: str, open_browser: bool
) -> None:
    """Serve `app` with live reload on host:port until Ctrl-C."""
    hosts = allowed_hosts(host)
    script = f'<script type="text/javascript">{snippet}</script>'.encode()

    class Inject(LiveScriptInjector):  # type: ignore[misc]
        pass

    Inject.script = script
    checks = {"hosts": hosts, "port": port}
    handlers = [
        (r"/livereload", _Reload, checks),
        (r"/livereload.js", _Script, checks),
        (r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(app, script)}),
    ]
    application = web.Application(handlers=handlers, transforms=[Inject])
    application.listen(
        port, address=host, idle_connection_timeout=IDLE_SECONDS, body_timeout=IDLE_SECONDS
    )
    LiveReloadHandler.watcher = watcher  # livereload keeps its watcher on the class
    LiveReloadHandler.live_css = True
    if open_browser:
        threading.Thread(target=_open, args=(address(host, port),), daemon=True).start()
    LiveReloadHandler.start_tasks()
    loop = ioloop.IOLoop.current()
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        loop.close(all_fds=True)


def _open(address: str) -> None:
    time.sleep(0.2)
    webbrowser.open(address)


def check_free(host: str, port: int) -> None:
    """Say a port is taken before anything is built or printed, not after."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise BulletinError(port_taken(host, port, err)) from err


def port_taken(host: str, port: int, err: OSError) -> str:
    return (
        f"cannot serve on {host}:{port} ({err.strerror}); "
        f"is another preview running? Try --port {port + 1}"
    )


class _Quieter(logging.Filter):
    """Lets through only records at or above a level."""

    def __init__(self, lowest: int) -> None:
        super().__init__()
        self.lowest = lowest

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.lowest


def quieten_the_servers() -> None:
    """livereload and tornado log each request and error in their own format; the terminal
    shows bulletin's own lines instead (a failed build is told in words, once)."""
    logging.getLogger("livereload").addFilter(_Quieter(logging.WARNING))
    logging.getLogger("tornado.access").addFilter(_Quieter(logging.CRITICAL + 1))
