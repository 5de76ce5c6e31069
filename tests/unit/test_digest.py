"""Digests: equal values, and only those, have equal digests, whichever way they are taken
(a walk of the value, or a record of kept digests hashed without one)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.digest import Keyed, digest


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
