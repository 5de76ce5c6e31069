"""Issue 17 (5): the preview answers only this computer's names, and only its own pages' sockets."""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tornado import httpclient, websocket

from tests.integration.test_serve_app import app_with_pages, call

#: How long a silent client may stay connected (serve_guard.IDLE_SECONDS).
IDLE_SECONDS = 10.0


def ask(app_hosts: str, host_header: str) -> str:
    from bulletin.commands.serve_guard import allowed_hosts

    app = app_with_pages()
    app.hosts = allowed_hosts(app_hosts)
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    b"".join(app({"PATH_INFO": "/", "HTTP_HOST": host_header}, start_response))
    return seen["status"]


@pytest.mark.parametrize(
    "header", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1"]
)
def test_the_preview_answers_this_computers_names(header: str) -> None:
    assert ask("127.0.0.1", header) == "200 OK"


@pytest.mark.parametrize(
    "header", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil"]
)
def test_the_preview_refuses_any_other_name(header: str) -> None:
    assert ask("127.0.0.1", header) == "403 Forbidden"
    assert ask("localhost", header) == "403 Forbidden"


def test_a_preview_for_the_network_answers_its_names() -> None:
    assert ask("0.0.0.0", "laptop.home.example:8000") == "200 OK"
    assert ask("192.168.1.20", "192.168.1.20:8000") == "200 OK"
    assert ask("192.168.1.20", "evil.example") == "403 Forbidden"
    assert call(app_with_pages(), "/")[0] == "200 OK"  # no Host at all: HTTP/1.0 from here


@pytest.fixture
def serving(example_site: Path) -> Iterator[int]:
    """`bulletin serve` running in its own process, on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "bulletin", "serve", "--site", str(example_site)]
    process = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if get(port, "/", "127.0.0.1")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def get(port: int, path: str, host: str, method: str = "GET") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def socket_opens(port: int, origin: str, host: str = "") -> bool:
    async def attempt() -> bool:
        request = httpclient.HTTPRequest(
            f"ws://127.0.0.1:{port}/livereload",
            headers={"Origin": origin, "Host": host or f"127.0.0.1:{port}"},
        )
        try:
            connection = await websocket.websocket_connect(request)
        except httpclient.HTTPClientError:
            return False
        connection.close()
        return True

    # In a thread of its own: after the browser tests, Playwright's loop runs in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, attempt()).result()


def test_a_running_preview_guards_its_drafts(serving: int) -> None:
    port = serving
    assert get(port, "/", f"127.0.0.1:{port}")[0] == 200
    assert get(port, "/", f"localhost:{port}")[0] == 200
    status, body = get(port, "/issues/winter-2026/", "evil.example")  # a draft
    assert status == 403 and b"winter" not in body.lower()
    assert get(port, "/livereload.js", "evil.example")[0] == 403
    assert get(port, "/forcereload", f"127.0.0.1:{port}")[0] == 404
    assert socket_opens(port, f"http://127.0.0.1:{port}")
    assert socket_opens(port, f"http://localhost:{port}", f"localhost:{port}")
    assert not socket_opens(port, "http://evil.example")
    assert not socket_opens(port, f"http://127.0.0.1:{port + 1}")
    assert not socket_opens(port, "null")
    assert not socket_opens(port, f"http://127.0.0.1:{port}", "evil.example")


def test_a_client_that_stops_sending_is_disconnected(serving: int) -> None:
    with socket.create_connection(("127.0.0.1", serving), timeout=IDLE_SECONDS + 20) as client:
        client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end
        started = time.monotonic()
        assert client.recv(1024) == b""  # closed by the server
        assert time.monotonic() - started < IDLE_SECONDS + 5
    from bulletin.commands import serve_guard

    assert serve_guard.IDLE_SECONDS == IDLE_SECONDS


@pytest.mark.parametrize(
    ("host", "shown"),
    [("127.0.0.1", "http://127.0.0.1:8000/"), ("::1", "http://[::1]:8000/")],
)
def test_the_previews_address_is_a_valid_site_address(host: str, shown: str) -> None:
    from bulletin.commands.serve_guard import address
    from bulletin.content.link_policy import site_address

    assert address(host, 8000) == shown
    assert site_address(shown) == shown  # the preview builds for it as its base_url
