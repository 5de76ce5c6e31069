"""Outputs: the one protocol every output implements, and the registry that orders them.

An output (pages, feeds, calendars, email and print editions, search,
crawler files, static files) declares its products for a site. A product
has an id, the paths it writes, where it comes from (for messages), the
value it is made from (`inputs`), the other products it reads (`reads`), and
how to make it. Its key is the digest of its inputs and of the keys of what
it reads (`bulletin.digest`): the builder (`bulletin.pipeline`) makes it
only when that key changed since it was last made, so a product can only be
stale if its `make` reads something that is not in its inputs or reads, and
`make` is handed nothing else.

An output may declare the products of one issue as a `Group`: a value
(`inputs`) they are all declared from, and a `declare` that is handed
nothing else, so the products are a function of that value. While the digest
of the value and the keys of what the group reads are as they were, its
products are taken from the memo as they are, without being declared or
keyed one by one: an edit to one issue of a thousand declares the products of
that issue, not of the thousand.

The registry orders outputs by what they need (data, not statement order),
and every product's paths are declared before anything is made, so that two
products that would write one path are refused with a message naming both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from bulletin import urls
from bulletin.errors import Problem
from bulletin.outputs.files import OutputFile


@dataclass(frozen=True)
class Origin:
    """Where a product comes from, for messages about it."""

    path: str
    line: int | None = None
    #: What the editor wrote that makes this path, e.g. 'events[0].id "events"'.
    subject: str = ""
    #: What the product is, as another message names it: "the issue's own calendar".
    what: str = ""
    #: What to change if it collides with another product.
    fix: str = ""


@dataclass(frozen=True, eq=False)
class Task:
    """Work a pool of processes can do: a module-level function of a plain value."""

    function: Callable[[Any], Made]
    argument: object


@dataclass(frozen=True, eq=False)
class Made:
    """What making a product gives: files to write, and a value for later products of
    the build to read (never written itself)."""

    files: tuple[OutputFile, ...] = ()
    value: object = None


class Results(Protocol):
    """What a product's `make` may read of the products it named in `reads`."""

    @property
    def reads(self) -> tuple[str, ...]:
        """The ids of the products it may read."""
        ...

    def files(self, product_id: str) -> tuple[OutputFile, ...]: ...

    def value(self, product_id: str) -> object: ...


@dataclass(frozen=True, eq=False)
class Product:
    """One thing the build makes: a page, a calendar, the files of a search part."""

    id: str
    paths: tuple[str, ...]
    origin: Origin
    inputs: object
    make: Callable[[Any, Results], Made | Task]
    #: Products whose files or values `make` reads (their keys are part of this key).
    reads: tuple[str, ...] = ()
    #: False: never made by this build, but kept while it is current (a PDF not asked for).
    wanted: bool = True
    #: Made in a thread beside the build as soon as what it reads is made (Pagefind).
    background: bool = False
    #: Its make gives a Task for the pool of processes.
    pooled: bool = False
    #: Its paths are folders ("pagefind/2026/"): no other product may write inside them.
    claims: tuple[str, ...] = field(default=())


class Member(NamedTuple):
    """A product of a group as the memo remembers it, to stand for it undeclared: enough to
    find clashing paths, list the site's pages, and know whether it must be there.

    A named tuple, not a record: the build cache keeps thousands, and a tuple is
    the cheapest thing to pickle and read back.
    """

    id: str
    paths: tuple[str, ...]
    claims: tuple[str, ...] = ()
    wanted: bool = True
    pooled: bool = False

    @classmethod
    def of(cls, product: Product) -> Member:
        """What the memo remembers of a product of a group."""
        return cls(product.id, product.paths, product.claims, product.wanted, product.pooled)


@dataclass(frozen=True, eq=False)
class Group:
    """Products declared together from one value (an issue's page, from the issue, its
    neighbours and the site), only when that value or what they read changed."""

    id: str
    #: Everything `declare` may use: its products are a function of this value.
    inputs: object
    declare: Callable[[Any], Iterable[Product]]
    #: Products of earlier outputs that its products read (besides each other).
    reads: tuple[str, ...] = ()


#: A product as the outputs after the one that declared it see it: itself, or a member of a
#: group that was not declared this time.
Declared = Product | Member


class Output(Protocol):
    """One kind of output: a name, what it needs made first, and its products."""

    name: str
    needs: tuple[str, ...]

    def products(self, declared: Sequence[Declared]) -> Iterable[Product | Group]:
        """Its products for this build; `declared` are those of the outputs before it."""
        ...


def ordered(outputs: Sequence[Output]) -> list[Output]:
    """Outputs in an order where each comes after those it needs (ties keep their order)."""
    by_name = {output.name: output for output in outputs}
    placed: list[Output] = []
    visiting: set[str] = set()

    def place(output: Output) -> None:
        if output in placed:
            return
        if output.name in visiting:
            raise ValueError(f"outputs need each other in a circle: {output.name}")
        visiting.add(output.name)
        for name in output.needs:
            if name not in by_name:
                raise ValueError(f"output {output.name} needs {name}, which is not registered")
            place(by_name[name])
        placed.append(output)

    for output in outputs:
        place(output)
    return placed


def clashes(products: Sequence[Product]) -> list[Problem]:
    """Two products that would write one path (or inside another's folder), as problems.

    One problem per pair of files they come from, however many paths they
    share (two issues at one address share a page, editions and calendars):
    the one about a web page if there is one, the first found otherwise.
    """
    found: dict[tuple[str, str], tuple[bool, Problem]] = {}
    for product, other, path in collisions(products):
        _report(product, other, path, found)  # type: ignore[arg-type]
    return [problem for _, problem in found.values()]


def collisions(declared: Sequence[Declared]) -> Iterator[tuple[Declared, Declared, str]]:
    """Each pair of products, declared or standing for a group's, that would write one path
    (or a path inside a folder the other claims), with that path."""
    owner: dict[str, Declared] = {}
    for product in declared:
        for path in product.paths:
            other = owner.setdefault(path, product)
            if other is not product:
                yield product, other, path
    claimed = {claim: p for p in declared for claim in p.claims}
    if not claimed:
        return
    inside_claims = tuple(claimed)
    for path, product in owner.items():
        if not path.startswith(inside_claims):
            continue
        for folder in _folders_of(path):
            claimant = claimed.get(folder)
            if claimant is not None and claimant is not product:
                yield product, claimant, path


def _report(
    product: Product, other: Product, path: str, found: dict[tuple[str, str], tuple[bool, Problem]]
) -> None:
    first, second = sorted((product, other), key=lambda p: (p.origin.path, p.origin.line or 0))
    if first.origin == second.origin:
        return
    pair = (first.origin.path, second.origin.path)
    page = path.endswith(urls.page_file(""))
    if pair in found and (found[pair][0] or not page):
        return
    blamed, innocent = _blame(first, second)
    origin = blamed.origin
    what = innocent.origin.what or f"also written by {innocent.origin.path}"
    subject = f"{origin.subject} would write" if origin.subject else "would write"
    fix = origin.fix or "change one of them"
    message = f"{subject} {path}, which is {what}; {fix}"
    found[pair] = (page, Problem(origin.path, origin.line, message))


def _blame(first: Product, second: Product) -> tuple[Product, Product]:
    """Which of two clashing products the message is about: the one made by something the
    editor wrote and can change (an explicit field, on a line), else the later of the two."""

    def weight(product: Product) -> tuple[bool, bool]:
        return bool(product.origin.subject), product.origin.line is not None

    return (second, first) if weight(second) >= weight(first) else (first, second)


def _folders_of(path: str) -> Iterable[str]:
    """Every folder a path lies in: a/b/c.html is in a/ and a/b/."""
    end = path.find("/")
    while end != -1:
        yield path[: end + 1]
        end = path.find("/", end + 1)
