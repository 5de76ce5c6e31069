"""Outputs: how a kind of output hands its per-issue work to the builder's pool of processes.

The builder decides whether a pool is worth starting (`SiteBuilder._share`);
an output only says what to do to each item, and gets the results back in
order, made here or in other processes alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

S = TypeVar("S")
R = TypeVar("R")


class Share(Protocol):
    """Applies a function of plain values to each of `count` items, giving results in order."""

    def __call__(
        self, function: Callable[[S], R], items: Iterable[S], count: int
    ) -> Iterable[R]: ...


def share_here(function: Callable[[S], R], items: Iterable[S], count: int) -> Iterable[R]:
    """No pool: each item in this process, one after another."""
    return map(function, items)
