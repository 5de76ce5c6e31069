"""How long from saving an issue to seeing it in the browser, under `bulletin serve`.

Starts `bulletin serve` on the example site and on a generated site of N
issues, opens an issue in headless Chromium (Debian's package, driven by
Playwright), then saves the issue file several times, each time timing until
the page has reloaded and shows the new text.

    python benchmarks/serve_latency.py            # example site and 1,000 issues
    python benchmarks/serve_latency.py --issues 200 --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import generate  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    WATCH_LIVERELOAD,
    start_serve,
    wait_until,
)


def measure(
    site: Path, issue: Path, slug: str, rounds: int, pause: float, browser: object
) -> dict[str, float]:
    """Start serve, then time save -> reloaded page `rounds` times, `pause` s apart."""
    started = time.perf_counter()
    served = start_serve(site, site.parent / f"{site.name}-serve.log")
    startup = time.perf_counter() - started
    try:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.add_init_script(WATCH_LIVERELOAD)
        page.goto(f"{served.url}issues/{slug}/")
        original = issue.read_text()
        anchor = original.index("\n## ") + 1
        timings = []
        for round_number in range(1, rounds + 1):
            wait_until(page, "window.__connected === true", timeout=30)
            time.sleep(pause)  # between an editor's saves
            marker = f"Benchmark edit {round_number} at {time.time_ns()}"
            edited = original[:anchor] + f"{marker}\n\n" + original[anchor:]
            saved = time.perf_counter()
            issue.write_text(edited)
            wait_until(
                page, "m => document.body && document.body.innerText.includes(m)", marker, 30
            )
            timings.append(time.perf_counter() - saved)
        issue.write_text(original)
    finally:
        served.stop()
    return {
        "startup": startup,
        "median": statistics.median(timings),
        "best": min(timings),
        "worst": max(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--pause",
        type=float,
        default=0.3,
        help="seconds between a reload and the next save (0.3: the last save's search "
        "part is usually still being indexed; 2.5: an editor reading what changed)",
    )
    arguments = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        example = Path(scratch) / "example"
        shutil.copytree(REPO / "content", example / "content")
        generated = generate(arguments.issues, Path(scratch) / f"corpus-{arguments.issues}")
        middle = f"issue-{arguments.issues // 2:05d}"
        targets = [
            ("example site", 4, example, example / "content/issues/2026-summer.md", "2026-summer"),
            (
                f"{arguments.issues}-issue site",
                arguments.issues,
                generated,
                generated / f"content/issues/{middle}.md",
                middle,
            ),
        ]
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        print(
            f"Save to reloaded page, {arguments.rounds} saves each, "
            f"{arguments.pause} s apart (seconds)"
        )
        print(
            f"{'site':<18} {'issues':>6} {'first build':>12} {'median':>8} {'best':>8} {'worst':>8}"
        )
        for name, count, site, issue, slug in targets:
            figures = measure(site, issue, slug, arguments.rounds, arguments.pause, browser)
            print(
                f"{name:<18} {count:>6} {figures['startup']:>12.2f} {figures['median']:>8.3f} "
                f"{figures['best']:>8.3f} {figures['worst']:>8.3f}"
            )
        browser.close()


if __name__ == "__main__":
    main()
