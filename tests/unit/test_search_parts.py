"""Which part of the search index each issue is in (few parts, and small ones where editors
work), and stopping the runs of Pagefind."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest

from bulletin.errors import BulletinError
from bulletin.outputs.files import OutputFile
from bulletin.outputs.search import PartsAsRendered, _Runs
from bulletin.site import SEARCH_INDEX, search_bundles


def issues_every(days: int, first: dt.date, last: dt.date) -> list[Any]:
    """Stand-ins for issues (a slug and a date is all that parts depend on)."""
    found, day = [], last
    while day >= first:
        found.append(SimpleNamespace(slug=day.isoformat(), date=day))
        day -= dt.timedelta(days=days)
    return found


def parts(issues: list[Any]) -> Counter[str]:
    """How many issues each part holds."""
    return Counter(bundle.removeprefix(SEARCH_INDEX) for bundle in search_bundles(issues).values())


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


def test_each_part_is_ready_to_index_when_its_last_page_is_rendered() -> None:
    weekly = issues_every(7, dt.date(2016, 1, 1), dt.date(2025, 11, 26))
    parts = PartsAsRendered(weekly)
    ready = []
    for issue in weekly:  # newest first, as a build renders them
        part = parts.rendered(OutputFile(f"issues/{issue.slug}/index.html", data=b""))
        if part is not None:
            ready.append((part.bundle.removeprefix(SEARCH_INDEX), len(part.pages)))
    assert [bundle for bundle, _ in ready] == ["2025-11/", "2025/", "2024/", "2020s/", "2010s/"]
    assert sum(count for _, count in ready) == len(weekly)
    assert parts.rendered(OutputFile("index.html", data=b"")) is None  # not an issue page


def test_stopping_ends_the_runs_under_way_and_starts_no_more() -> None:
    runs = _Runs()
    running = runs.start(["sleep", "30"])
    runs.stop()
    assert running.wait(timeout=5) != 0  # killed, not left to finish
    runs.end(running)
    with pytest.raises(BulletinError, match="indexing was stopped"):
        runs.start(["true"])
