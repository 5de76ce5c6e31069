"""Readers' side, proven in a real browser: WCAG 2.2 AA, keyboard, phones, no JS, print."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PAGES = {
    "home": "",
    "archive": "issues/",
    "issue with all sections": "issues/2026-summer/",
    "events": "events/",
    "topics": "topics/",
    "topic": "topics/fostering/",
    "search": "search/",
    "accessibility statement": "accessibility/",
    "404": "404.html",
}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Links and buttons that stand alone (not words in a sentence): each at least 24 px square.
CONTROLS = ".site-nav a, .pagination a, .action, .button, .skip-link, .site-footer a, .year-links a"


def axe_violations(page: Any) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_22_aa_violations(
    browser: Any, static_example: str, name: str, scheme: str
) -> None:
    page = browser.new_page(color_scheme=scheme)
    page.goto(static_example + PAGES[name])
    if name == "search":
        page.wait_for_selector(".pagefind-ui__search-input")
    assert axe_violations(page) == []


def test_search_results_have_no_violations(browser: Any, static_example: str) -> None:
    page = browser.new_page()
    page.goto(static_example + "search/")
    page.fill(".pagefind-ui__search-input", "fostering")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert axe_violations(page) == []


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(
    browser: Any, static_example: str
) -> None:
    page = browser.new_page()
    page.goto(static_example + "issues/2026-summer/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    box = page.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
    assert '"x":0' in box  # on screen once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_link_is_reached_by_tab_in_reading_order_with_visible_focus(
    browser: Any, static_example: str, name: str
) -> None:
    page = browser.new_page()
    page.goto(static_example + PAGES[name])
    if name == "search":
        page.wait_for_selector(".pagefind-ui__search-input")
    reachable = page.evaluate(
        "[...document.querySelectorAll('a[href], button, input')]"
        ".filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')"
        ".length"
    )
    page.focus(".skip-link")  # from the top (the search box takes focus on its page)
    seen, places = [], []
    for step in range(reachable):
        if step:
            page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const e = document.activeElement, s = getComputedStyle(e);
              const r = e.getBoundingClientRect();
              return {tag: e.tagName, text: e.textContent.trim().slice(0, 40),
                      top: r.top + window.scrollY, left: r.left,
                      visible: s.outlineStyle !== 'none' || s.boxShadow !== 'none'};
            }"""
        )
        assert focused["tag"] in ("A", "BUTTON", "INPUT") and focused["visible"], focused
        seen.append(focused["text"])
        places.append((focused["top"], focused["left"]))
    assert len(seen) == reachable and seen[0] == "Skip to main content"
    # After the skip link, focus moves down the page, never back up, unless it moves
    # across to the next column of a grid of cards (contacts, recent issues).
    body = places[1:]
    assert all(b[0] >= a[0] - 5 or b[1] > a[1] + 5 for a, b in itertools.pairwise(body)), places


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("name", list(PAGES))
def test_phones_need_no_sideways_scrolling(
    browser: Any, static_example: str, name: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(static_example + PAGES[name])
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    small = page.evaluate(
        """[...document.querySelectorAll(CONTROLS)]
           .filter(e => e.getClientRects().length)
           .map(e => e.getBoundingClientRect())
           .filter(r => r.height < 24 || r.width < 24).length""".replace("CONTROLS", repr(CONTROLS))
    )
    assert small == 0


def test_a_phone_screenshot_for_people_to_look_at(browser: Any, static_example: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(static_example + "issues/2026-summer/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "issue-375px.png"), full_page=True)


@pytest.mark.parametrize("name", [n for n in PAGES if n != "search"])
def test_every_page_reads_in_full_without_javascript(
    browser: Any, static_example: str, name: str
) -> None:
    with_js = browser.new_page()
    with_js.goto(static_example + PAGES[name])
    context = browser.new_context(java_script_enabled=False)
    without = context.new_page()
    without.goto(static_example + PAGES[name])
    assert without.inner_text("main") == with_js.inner_text("main")
    context.close()


def test_an_issue_prints_without_chrome_and_with_link_targets(
    browser: Any, static_example: str
) -> None:
    page = browser.new_page()
    page.goto(static_example + "issues/2026-summer/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """['.site-header', '.site-footer', '.contents', '.pagination', '.skip-link']
           .map(s => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert set(hidden) == {"none"}
    shown = page.evaluate(
        "getComputedStyle(document.querySelector('main .prose a[href^=\"http\"]'), '::after').content"
    )
    assert shown == '" (https://www.northbrook.example/safeguarding/training/mailing-list)"'
    keeps = page.evaluate("getComputedStyle(document.querySelector('main h2')).breakAfter")
    assert keeps in ("avoid", "avoid-page")  # a heading is never the last line on a page
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "issue-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    reader = PdfReader(pdf)
    first = reader.pages[0].extract_text().split("\n")
    assert first[:2] == ["Summer 2026", "Published 22 July 2026"]
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Latest issue" not in text and "Skip to main content" not in text
    assert "(https://www.northbrook.example/fostering)" in text.replace("\n", "")


def test_an_issue_is_light_private_and_self_contained(browser: Any, static_example: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    hosts, bodies = set(), {}

    def record(response: Any) -> None:
        hosts.add(urlsplit(response.url).netloc)
        bodies[response.url] = response.body()

    page.on("response", record)
    page.goto(static_example + "issues/2026-summer/", wait_until="networkidle")
    assert hosts == {urlsplit(static_example).netloc}
    text = {url: body for url, body in bodies.items() if url.endswith((".css", "/"))}
    wire = sum(len(gzip.compress(body)) for body in text.values())
    assert wire < 60_000, wire
    # With its fonts (WOFF2, compressed already) and pictures: light on a cheap phone.
    fonts = [url for url in bodies if url.endswith(".woff2")]
    assert len(fonts) == 2, fonts  # regular and bold; italic is drawn from the regular
    total = wire + sum(len(body) for url, body in bodies.items() if url not in text)
    assert total <= 100_000, total
    assert len(bodies) <= 8, sorted(bodies)
    assert context.cookies() == []
    context.close()


def test_reduced_motion_turns_off_smooth_scrolling(browser: Any, static_example: str) -> None:
    page = browser.new_page(reduced_motion="reduce")
    page.goto(static_example + "issues/2026-summer/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    moving = browser.new_page(reduced_motion="no-preference")
    moving.goto(static_example + "issues/2026-summer/")
    assert moving.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
