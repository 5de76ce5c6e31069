"""The benchmark corpus is deterministic and a valid site, so benchmarks measure real builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import generate
from tests.conftest import run, tree_digest


@pytest.mark.parametrize("links", [False, True])
def test_corpus_is_deterministic_and_builds_cleanly(tmp_path: Path, links: bool) -> None:
    first = generate(3, tmp_path / "a", links)
    second = generate(3, tmp_path / "b", links)
    assert tree_digest(first) == tree_digest(second)
    for issue in (first / "content" / "issues").iterdir():
        assert 19_000 < issue.stat().st_size < 24_000
    result = run("check", "--site", first)
    assert result.output == "No problems found in 3 issues.\n"
