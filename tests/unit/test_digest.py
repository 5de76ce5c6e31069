"""Digests: equal values, and only those, have equal digests, whichever way they are taken
(a walk of the value, or a record of kept digests hashed without one)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bulletin.digest as digest_module
from bulletin.digest import FileDigests, Keyed, digest


@dataclass(frozen=True)
class Part(Keyed):
    text: str
    number: int


@dataclass(frozen=True)
class Pair:
    """A record of kept digests and scalars: digested without a walk."""

    first: Part
    second: Part | None
    flag: bool
    name: str


@dataclass(frozen=True)
class OtherPair:
    """The same fields as Pair, another type."""

    first: Part
    second: Part | None
    flag: bool
    name: str


@dataclass(frozen=True)
class Walked:
    """A record with a field that is neither kept nor a scalar: walked."""

    first: Part
    rest: tuple[str, ...]


parts = st.builds(Part, st.text(max_size=8), st.integers(-3, 3))
pairs = st.builds(Pair, parts, st.none() | parts, st.booleans(), st.text(max_size=8))


@given(pairs, pairs)
def test_records_of_kept_digests_have_equal_digests_exactly_when_equal(a: Pair, b: Pair) -> None:
    assert (digest(a) == digest(b)) == (a == b)


@given(pairs)
def test_a_digest_is_the_same_for_a_copy_and_differs_for_another_type(pair: Pair) -> None:
    copy = Pair(Part(pair.first.text, pair.first.number), pair.second, pair.flag, pair.name)
    assert digest(copy) == digest(pair)
    assert digest(OtherPair(pair.first, pair.second, pair.flag, pair.name)) != digest(pair)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (Pair(Part("a", 1), None, True, "x"), Pair(Part("a", 1), None, False, "x")),
        (Pair(Part("a", 1), None, True, "1"), Pair(Part("a", 1), None, True, "1 ")),
        (Pair(Part("a\x00b", 1), None, True, ""), Pair(Part("a", 1), None, True, "b")),
        (Pair(Part("", 0), None, True, "\x00str:'x'"), Pair(Part("", 0), None, True, "x")),
    ],
)
def test_fields_that_differ_give_digests_that_differ(one: Pair, other: Pair) -> None:
    assert digest(one) != digest(other)


def test_a_record_with_other_fields_is_walked_and_keyed_by_them() -> None:
    one, other = Walked(Part("a", 1), ("x", "y")), Walked(Part("a", 1), ("x", "y", "z"))
    assert digest(one) != digest(other)
    assert digest(one) == digest(Walked(Part("a", 1), ("x", "y")))


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of every file FileDigests reads to hash; a short settling time."""
    reads: list[str] = []
    real = digest_module._content_of

    def counted(path: Path, stat: os.stat_result) -> str:
        reads.append(path.name)
        return real(path, stat)

    monkeypatch.setattr(digest_module, "_content_of", counted)
    monkeypatch.setattr(digest_module, "SETTLED_NS", 50_000_000)
    return reads


def test_a_later_pass_reads_only_the_files_changed_since_the_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview's next build trusts what the last one hashed, and re-reads the saved file."""
    reads = _counting_reads(monkeypatch)
    kept, saved = tmp_path / "kept.md", tmp_path / "saved.md"
    kept.write_text("one")
    saved.write_text("two")
    time.sleep(0.2)
    digests = FileDigests()
    digests.next_pass()
    first = digests.digest(kept), digests.digest(saved)
    assert sorted(reads) == ["kept.md", "saved.md"]
    time.sleep(0.1)
    saved.write_text("owt")  # same size: only the time tells
    reads.clear()
    digests.next_pass()
    assert digests.digest(kept) == first[0]
    assert digests.digest(saved) != first[1]
    assert reads == ["saved.md"]


def test_the_first_pass_keeps_the_record_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's one pass trusts the cache record by its own settled time, not by the clock."""
    reads = _counting_reads(monkeypatch)
    page = tmp_path / "page.md"
    page.write_text("text")  # just now: by the clock, not yet settled
    record = FileDigests()
    recorded = record.stamp(page)
    settled = time.time_ns()
    digests = FileDigests({str(page): recorded}, settled_before=settled)
    digests.next_pass()
    reads.clear()
    assert digests.stamp(page) == recorded
    assert reads == []
