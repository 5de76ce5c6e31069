"""Search in a real browser: Pagefind finds a word that only one issue contains."""

from __future__ import annotations

from typing import Any

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
