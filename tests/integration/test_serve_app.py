"""The preview's WSGI application and the serve command's errors, without a browser."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bulletin.commands.serve import Preview, PreviewApp
from bulletin.errors import Problem
from bulletin.options import BuildOptions
from bulletin.outputs.files import made
from bulletin.pipeline.builder import SiteBuilder
from tests.conftest import run


def call(app: PreviewApp, path: str) -> tuple[str, dict[str, str], bytes]:
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app({"PATH_INFO": path}, start_response))
    return seen["status"], seen["headers"], body


def app_with_pages() -> PreviewApp:
    app = PreviewApp()
    app.publish(
        [
            made("index.html", b"<html><head></head><body>home</body></html>"),
            made("issues/a/index.html", b"<html><head></head><body>a</body></html>"),
            made("404.html", b"<html><head></head><body>lost</body></html>"),
            made("static/css/x.1234567890.css", b"body{}"),
        ]
    )
    return app


def test_serves_pages_files_and_pretty_urls() -> None:
    app = app_with_pages()
    assert call(app, "/")[2].endswith(b"home</body></html>")
    status, headers, _ = call(app, "/static/css/x.1234567890.css")
    assert status == "200 OK" and headers["Content-Type"] == "text/css; charset=utf-8"
    status, headers, _ = call(app, "/issues/a")
    assert status.startswith("301") and headers["Location"] == "/issues/a/"


def test_only_files_of_the_site_can_be_served() -> None:
    app = app_with_pages()
    for path in (
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/issues/../../x",
        "//etc/passwd",
    ):
        status, _, body = call(app, path)
        assert status == "404 Not Found" and b"lost" in body


def test_a_failed_build_shows_its_problems_on_every_page() -> None:
    app = app_with_pages()
    app.fail([Problem("content/issues/a.md", 3, '"22nd July" is not a date', "date")])
    status, _, body = call(app, "/issues/a/")
    assert status == "500 Build failed"
    assert b"content/issues/a.md:3: date: &quot;22nd July&quot; is not a date" in body
    assert call(app, "/static/css/x.1234567890.css")[0] == "200 OK"


def test_a_port_in_use_is_explained(example_site: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--site", example_site, "--port", str(port))
    assert result.exit_code == 1
    assert f"cannot serve on 127.0.0.1:{port} (Address already in use)" in result.output
    assert "Serving" not in result.output and "Rebuilt" not in result.output  # said first


def test_serving_beyond_this_computer_is_warned_about(example_site: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--site", example_site, "--host", "0.0.0.0", "--port", str(port))
    assert result.stderr.startswith(
        "warning: serving on 0.0.0.0 lets other computers on the network see the preview, "
        "drafts included"
    )


def test_a_saved_file_with_two_mistakes_shows_both_at_once(make_site: Callable[..., Path]) -> None:
    front = (
        "events:\n  - title: Seminar\n    start: 19th Sept\n    online: true\ncontacts: [ofice]\n"
    )
    text = f"---\ntitle: Summer 2022\ndate: 2022-07-20\nsummary: s\n{front}---\n\n## News\n\nHi.\n"
    site = make_site({"content/issues/2022-summer.md": text})
    echoed: list[str] = []
    preview = Preview(
        SiteBuilder(BuildOptions(site, drafts=True, future=True)), PreviewApp(), echoed.append
    )
    preview.rebuild()  # fails, so nothing is indexed in the background
    preview.indexer.shutdown()
    status, _, body = call(preview.app, "/")
    assert status == "500 Build failed"
    assert b"content/issues/2022-summer.md:7: events[0].start: &quot;19th Sept&quot;" in body
    assert b"content/issues/2022-summer.md:9: contacts[0]: &quot;ofice&quot; is not in" in body
    assert [line.split(": ")[0] for line in echoed[:2]] == [
        "content/issues/2022-summer.md:7",
        "content/issues/2022-summer.md:9",
    ]
