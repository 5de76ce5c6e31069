"""Pictures of what readers see, for people to look at: every page kind, a phone and a desk.

Nothing here judges the look; the pictures are kept (CI uploads the folder) so
that a change to the theme can be seen before it is merged. The folder is
BULLETIN_SCREENSHOTS, or test-screenshots/ in the current folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import serve_built

SHOTS = Path(os.environ.get("BULLETIN_SCREENSHOTS", "test-screenshots"))
WIDTHS = (375, 1280)
ISSUE = "2026-summer"
TIMEOUT_MS = 15_000

#: name -> (address under the site, the element to picture or None for the whole page)
PAGES = {
    "home": ("", None),
    "issue": (f"issues/{ISSUE}/", None),
    "events": ("events/", None),
    "contacts": (f"issues/{ISSUE}/", "#contacts"),
    "email": (f"issues/{ISSUE}/email.html", None),
}


@pytest.fixture(scope="module")
def with_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The example site with its print editions, served, and the folder it was built in."""
    from tests.conftest import REPO

    output = tmp_path_factory.mktemp("screenshots") / "_site"
    for url in serve_built(REPO, output, pdf=("*",)):
        yield url, output


def _picture(page: Any, selector: str | None, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if selector is None:
        page.screenshot(path=str(path), full_page=True)
    else:
        page.locator(selector).screenshot(path=str(path))
    assert path.stat().st_size > 1000


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_kind_pictured(
    browser: Any, with_pdf: tuple[str, Path], name: str, width: int
) -> None:
    address, selector = PAGES[name]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(with_pdf[0] + address)
    page.evaluate("document.fonts.ready")
    _picture(page, selector, SHOTS / f"{name}-{width}.png")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_search_with_a_query_pictured(browser: Any, with_pdf: tuple[str, Path], width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(with_pdf[0] + "search/")
    page.fill(".pagefind-ui__search-input", "training", timeout=TIMEOUT_MS)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # the excerpts arrive after the first result
    _picture(page, None, SHOTS / f"search-{width}.png")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("name", "number"), [("pdf-cover", 1), ("pdf-page", 2), ("pdf-content", 3)]
)
def test_print_edition_pages_pictured(
    with_pdf: tuple[str, Path], name: str, number: int, width: int
) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = with_pdf[1] / "issues" / ISSUE / f"{ISSUE}.pdf"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, out = str(number), SHOTS / f"{name}-{width}"
    command = ["pdftoppm", "-png", "-f", page, "-l", page, "-singlefile"]
    size = ["-scale-to-x", str(width), "-scale-to-y", "-1"]
    subprocess.run([*command, *size, str(pdf), str(out)], check=True, timeout=60)
    assert out.with_suffix(".png").stat().st_size > 1000
