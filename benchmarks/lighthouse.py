"""Lighthouse scores for the home page and an issue page of the example site.

Builds the example site, serves it on 127.0.0.1, and runs Lighthouse (npm
`lighthouse`, installed into benchmarks/.tools on first use) in Debian's
headless Chromium (CHROME_PATH=/usr/bin/chromium). Prints the four category
scores for each page. Targets: 100 for accessibility, best practices and
SEO; at least 95 for performance.

    python benchmarks/lighthouse.py
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent / ".tools"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("BULLETIN_CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"home page": "", "issue page": "issues/2026-summer/"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def ensure_lighthouse() -> None:
    """Install Lighthouse from the npm registry once; it is not part of the product."""
    if not LIGHTHOUSE.exists():
        TOOLS.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", "lighthouse@13"],
            cwd=TOOLS,
            check=True,
        )


def scores(url: str) -> dict[str, int]:
    """One Lighthouse run: each category's score out of 100."""
    flags = (
        "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
    )
    completed = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
            "--form-factor=mobile",
            "--throttling-method=simulate",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"CHROME_PATH": CHROME},
        timeout=300,
    )
    report = json.loads(completed.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    ensure_lighthouse()
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "_site"
        subprocess.run(
            [sys.executable, "-m", "bulletin", "build", "--site", str(REPO), "-o", str(output)],
            check=True,
            capture_output=True,
        )
        handler = functools.partial(_Quiet, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"{'page':<12} " + " ".join(f"{c:>15}" for c in CATEGORIES))
        for name, path in PAGES.items():
            result = scores(base + path)
            print(f"{name:<12} " + " ".join(f"{result[c]:>15}" for c in CATEGORIES))
        server.shutdown()


if __name__ == "__main__":
    main()
