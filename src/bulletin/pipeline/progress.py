"""Pipeline: how a long step shows its progress (a terminal's progress bar), or does not."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    """Shows progress through a long step (a terminal progress bar), or nothing at all."""

    def __call__(self, items: list[T], label: str) -> AbstractContextManager[Iterable[T]]: ...


@contextmanager
def no_progress(items: list[T], label: str) -> Iterator[Iterable[T]]:
    """Progress shown nowhere: tests, serve, and builds whose output is not a terminal."""
    yield items
