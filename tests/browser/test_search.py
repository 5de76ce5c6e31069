"""Search in a real browser: Pagefind finds a word that only one issue contains."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from benchmarks.corpus import generate
from tests.browser.conftest import serve_built

TIMEOUT_MS = 15_000


def test_a_word_in_one_issue_finds_that_issue(browser: Any, static_example: str) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    page.goto(static_example + "search/")
    page.fill(".pagefind-ui__search-input", "headsets", timeout=TIMEOUT_MS)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=TIMEOUT_MS)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "all => all.map(a => a.href)")
    summer = static_example + "issues/2026-summer/"
    assert {link.split("#")[0] for link in links} == {summer}
    assert summer + "#virtual-reality-that-starts-a-conversation" in links  # the section itself
    assert refused == []


def test_without_javascript_search_offers_the_archive(browser: Any, static_example: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(static_example + "search/")
    fallback = page.inner_text(".search__fallback")
    assert fallback.startswith("Searching needs JavaScript")
    assert page.get_attribute(".search__fallback a", "href") == "../issues/"
    context.close()


@pytest.fixture(scope="module")
def weekly_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two and a half years of a weekly newsletter: a search index in three parts."""
    site = generate(130, tmp_path_factory.mktemp("weekly") / "site")
    for number, word in ((1, "quokkaoldest"), (130, "quokkanewest")):
        with (site / "content" / "issues" / f"issue-{number:05d}.md").open("a") as issue:
            issue.write(f"\nA word found in this issue alone: {word}.\n")
    yield from serve_built(site, site / "_site")


@pytest.mark.parametrize(("word", "number"), [("quokkaoldest", 1), ("quokkanewest", 130)])
def test_every_part_of_the_index_is_searched(
    browser: Any, weekly_site: str, word: str, number: int
) -> None:
    page = browser.new_page()
    page.goto(weekly_site + "search/")
    page.fill(".pagefind-ui__search-input", word, timeout=TIMEOUT_MS)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=TIMEOUT_MS)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "all => all.map(a => a.href)")
    assert {link.split("#")[0] for link in links} == {weekly_site + f"issues/issue-{number:05d}/"}


def test_search_reads_as_the_site_a_label_and_16px_text(browser: Any, static_example: str) -> None:
    """Pagefind's own look has an unlabelled box and 12.8 px excerpts; the theme's has not."""
    page = browser.new_page()
    page.goto(static_example + "search/")
    page.fill(".pagefind-ui__search-input", "fostering", timeout=TIMEOUT_MS)
    page.wait_for_selector(".pagefind-ui__result-excerpt", timeout=TIMEOUT_MS)
    assert page.get_by_label("Search every issue").is_visible()
    sizes = page.eval_on_selector_all(
        ".pagefind-ui__result-excerpt, .pagefind-ui__search-clear, .pagefind-ui__message",
        "all => all.map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert sizes and min(sizes) >= 16, sizes
    family = page.eval_on_selector(
        ".pagefind-ui__result-title", "e => getComputedStyle(e).fontFamily"
    )
    assert family.startswith('"Atkinson Hyperlegible Next"'), family
