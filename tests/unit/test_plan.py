"""Groups of products: declared only when what they are declared from changed, reused whole
while their key holds, and made again (every member) when it does not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from bulletin.content.schema import SiteConfig
from bulletin.outputs.files import OutputFile
from bulletin.outputs.protocol import Declared, Group, Made, Origin, Product, Results
from bulletin.pipeline.maker import Maker, Outcome
from bulletin.pipeline.memo import Memo
from bulletin.pipeline.plan import declared_ids, plan_clashes, plan_outputs
from bulletin.pipeline.pool import Pool
from bulletin.pipeline.progress import no_progress


class Counts:
    """How many times each group was declared and each product made."""

    def __init__(self) -> None:
        self.declared: list[str] = []
        self.made: list[str] = []


class Site:
    """Something an output reads: one word per issue, and one shared setting."""

    def __init__(self, words: dict[str, str], setting: str = "blue") -> None:
        self.words, self.setting = dict(words), setting


class Settings:
    """An output whose one product (the setting) every group reads."""

    name, needs = "settings", ()

    def __init__(self, site: Site) -> None:
        self.site = site

    def products(self, declared: Sequence[Declared]) -> Iterable[Product | Group]:
        yield Product("settings", (), Origin("site.yaml"), self.site.setting, _value)


class Pages:
    """An output of one group per issue: a page and a calendar, each reading the setting."""

    name, needs = "pages", ("settings",)

    def __init__(self, site: Site, counts: Counts) -> None:
        self.site, self.counts = site, counts

    def products(self, declared: Sequence[Declared]) -> Iterable[Product | Group]:
        for slug, word in self.site.words.items():
            yield Group(f"issue:{slug}", (slug, word), self._declare, reads=("settings",))

    def _declare(self, inputs: tuple[str, str]) -> list[Product]:
        slug, word = inputs
        self.counts.declared.append(slug)
        origin = Origin(f"content/issues/{slug}.md", 1)
        return [
            Product(
                f"page:{slug}", (f"{slug}/index.html",), origin, word, self._make, ("settings",)
            ),
            Product(
                f"ics:{slug}", (f"{slug}/events.ics",), origin, word, self._make, ("settings",)
            ),
        ]

    def _make(self, word: str, results: Results) -> Made:
        self.counts.made.append(word)
        text = f"{word} in {results.value('settings')}"
        return Made((OutputFile(f"{len(self.counts.made)}", text.encode()),), text)


def _value(setting: str, results: Results) -> Made:
    return Made(value=setting)


def build(site: Site, memo: Memo, counts: Counts, tmp_path: Path) -> Outcome:
    """One build of the two outputs through the memo, as the site's builder makes one."""
    plan = plan_outputs([Pages(site, counts), Settings(site)], memo)
    assert plan_clashes(plan) == []
    config = SiteConfig(title="T", organisation="O", base_url="https://example.org/")
    outcome = Maker(memo, Pool(1, config, tmp_path), lambda file: file, no_progress).make(plan)
    products, groups = declared_ids(plan)
    memo.prune(products, groups=groups)
    return outcome


@pytest.fixture
def memo() -> Memo:
    return Memo()


def test_a_build_with_nothing_changed_declares_and_makes_no_group(
    memo: Memo, tmp_path: Path
) -> None:
    site, first = Site({"a": "apple", "b": "bean"}), Counts()
    build(site, memo, first, tmp_path)
    assert first.declared == ["a", "b"] and len(first.made) == 4
    again = Counts()
    outcome = build(site, memo, again, tmp_path)
    assert again.declared == [] and again.made == [] and outcome.made == 0
    assert sorted(outcome.entries) == ["ics:a", "ics:b", "page:a", "page:b", "settings"]


def test_an_edit_to_one_issue_declares_and_makes_that_group_alone(
    memo: Memo, tmp_path: Path
) -> None:
    site = Site({"a": "apple", "b": "bean"})
    build(site, memo, Counts(), tmp_path)
    site.words["b"] = "berry"
    counts = Counts()
    outcome = build(site, memo, counts, tmp_path)
    assert counts.declared == ["b"] and counts.made == ["berry", "berry"]
    assert outcome.entries["page:b"].value == "berry in blue"
    assert outcome.entries["page:a"].value == "apple in blue"


def test_a_change_to_what_groups_read_makes_them_again_without_declaring_them(
    memo: Memo, tmp_path: Path
) -> None:
    site = Site({"a": "apple", "b": "bean"})
    build(site, memo, Counts(), tmp_path)
    site.setting = "green"
    counts = Counts()
    outcome = build(site, memo, counts, tmp_path)
    assert counts.declared == ["a", "b"]  # a stale group's products are declared to be made
    assert sorted(counts.made) == ["apple", "apple", "bean", "bean"]
    assert outcome.entries["page:a"].value == "apple in green"


def test_a_group_removed_is_forgotten_and_one_added_is_declared(memo: Memo, tmp_path: Path) -> None:
    site = Site({"a": "apple", "b": "bean"})
    build(site, memo, Counts(), tmp_path)
    del site.words["a"]
    site.words["c"] = "corn"
    counts = Counts()
    outcome = build(site, memo, counts, tmp_path)
    assert counts.declared == ["c"]
    assert "page:a" not in outcome.entries and memo.get("page:a") is None
    assert memo.group("issue:a") is None and memo.group("issue:c") is not None


def test_a_member_lost_from_the_memo_is_made_again(memo: Memo, tmp_path: Path) -> None:
    """The group is then declared and keyed product by product: the page, still current,
    is reused; the calendar is made."""
    site = Site({"a": "apple"})
    build(site, memo, Counts(), tmp_path)
    memo.drop("ics:a")
    counts = Counts()
    outcome = build(site, memo, counts, tmp_path)
    assert counts.declared == ["a"] and counts.made == ["apple"]
    assert "ics:a" in outcome.entries and memo.group("issue:a") is not None


def test_members_standing_for_an_undeclared_group_still_clash(memo: Memo, tmp_path: Path) -> None:
    """A group taken from the memo is not declared, but its paths still meet new products."""
    site = Site({"a": "apple"})
    build(site, memo, Counts(), tmp_path)

    class Stray:
        name, needs = "stray", ("pages",)

        def products(self, declared: Sequence[Declared]) -> Iterable[Product | Group]:
            yield Product("stray", ("a/events.ics",), Origin("content/stray.md", 2), 0, _value)

    counts = Counts()
    plan = plan_outputs([Pages(site, counts), Settings(site), Stray()], memo)
    (problem,) = plan_clashes(plan)
    assert "a/events.ics" in str(problem)
    assert counts.declared == ["a"]  # declared only to name what the clash comes from
