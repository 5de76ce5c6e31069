"""Which part of the search index each issue is in (few parts, and small ones where editors
work), and stopping the runs of Pagefind."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest

from bulletin.errors import BulletinError
from bulletin.outputs.pagefind import PagefindRuns
from bulletin.outputs.protocol import Made, Origin, Product
from bulletin.outputs.search import bundle_of_each
from bulletin.pipeline.maker import Triggers
from bulletin.urls import SEARCH_INDEX


def issues_every(days: int, first: dt.date, last: dt.date) -> list[Any]:
    """Stand-ins for issues (a slug and a date is all that parts depend on)."""
    found, day = [], last
    while day >= first:
        found.append(SimpleNamespace(slug=day.isoformat(), date=day))
        day -= dt.timedelta(days=days)
    return found


def parts(issues: list[Any]) -> Counter[str]:
    """How many issues each part holds."""
    return Counter(bundle.removeprefix(SEARCH_INDEX) for bundle in bundle_of_each(issues).values())


def test_a_quarterly_has_a_part_per_recent_year_and_per_decade() -> None:
    quarterly = issues_every(91, dt.date(2001, 1, 1), dt.date(2025, 12, 1))
    assert set(parts(quarterly)) == {"2025/", "2024/", "2020s/", "2010s/", "2000s/"}


def test_a_weekly_indexes_its_latest_month_apart() -> None:
    weekly = issues_every(7, dt.date(2016, 1, 1), dt.date(2025, 11, 26))
    found = parts(weekly)
    assert set(found) == {"2025-11/", "2025/", "2024/", "2020s/", "2010s/"}
    assert found["2025-11/"] == 4  # the Wednesdays of November to the 26th


def test_early_in_the_year_the_latest_year_is_one_part() -> None:
    weekly = issues_every(7, dt.date(2016, 1, 1), dt.date(2025, 3, 20))
    assert "2025/" in parts(weekly)
    assert set(parts(weekly)) == {"2025/", "2024/", "2020s/", "2010s/"}


def test_a_weekly_indexes_full_decades_in_halves() -> None:
    weekly = issues_every(7, dt.date(2006, 1, 1), dt.date(2025, 11, 26))
    found = parts(weekly)
    assert set(found) == {
        "2025-11/", "2025/", "2024/", "2020s/", "2015-2019/", "2010-2014/", "2000s/"
    }  # fmt: skip
    assert max(found.values()) <= 300  # Pagefind holds a part's pages in memory


def test_a_daily_indexes_busy_decades_a_year_at_a_time() -> None:
    daily = issues_every(1, dt.date(2005, 1, 1), dt.date(2025, 6, 30))
    found = parts(daily)
    assert found["2025-06/"] == 30
    assert {"2019/", "2010/", "2009/", "2005/"} <= set(found)
    assert not any(part.endswith("0s/") for part in found)


def _product(pid: str, reads: tuple[str, ...] = (), background: bool = False) -> Product:
    return Product(pid, (), Origin("test"), None, lambda i, r: Made(), reads, background=background)


def test_each_part_is_made_as_soon_as_its_last_page_is() -> None:
    weekly = issues_every(7, dt.date(2016, 1, 1), dt.date(2025, 11, 26))
    bundles = bundle_of_each(weekly)
    pages = [_product(f"page:{issue.slug}") for issue in weekly]  # newest first, as rendered
    members: dict[str, list[str]] = {}
    for issue in weekly:
        members.setdefault(bundles[issue.slug], []).append(f"page:{issue.slug}")
    parts = [_product(f"search:{b}", tuple(reads), True) for b, reads in members.items()]
    triggers = Triggers([(None, pages), (None, parts)])  # type: ignore[list-item]
    assert triggers.ready() == []
    started = [(p.id, [s.id for s in triggers.settled(p.id)]) for p in pages]
    started = [(pid, ids) for pid, ids in started if ids]
    assert [ids[0].removeprefix("search:" + SEARCH_INDEX) for _, ids in started] == [
        "2025-11/", "2025/", "2024/", "2020s/", "2010s/"
    ]  # fmt: skip
    for page, ids in started:  # each starts once its oldest issue's page is made
        assert members[ids[0].removeprefix("search:")][-1] == page


def test_a_background_product_waits_for_every_page_it_reads_whatever_their_order() -> None:
    pages = [_product(f"page:{n}") for n in range(3)]
    part = _product("search:all", ("page:2", "page:0", "elsewhere"), True)
    ui = _product("search:ui", (), True)
    triggers = Triggers([(None, pages), (None, [ui, part])])  # type: ignore[list-item]
    assert [p.id for p in triggers.ready()] == ["search:ui"]
    assert triggers.settled("page:2") == []  # made first (a group reused), page:0 still to come
    assert triggers.settled("page:1") == []
    assert [p.id for p in triggers.settled("page:0")] == ["search:all"]


def test_stopping_ends_the_runs_under_way_and_starts_no_more() -> None:
    runs = PagefindRuns()
    running = runs.start(["sleep", "30"])
    runs.stop()
    assert running.wait(timeout=5) != 0  # killed, not left to finish
    runs.end(running)
    with pytest.raises(BulletinError, match="indexing was stopped"):
        runs.start(["true"])


def test_pagefind_version_is_the_one_its_package_metadata_gives() -> None:
    from importlib.metadata import version

    from bulletin.outputs.pagefind import pagefind_version

    assert pagefind_version() == version("pagefind_bin")
