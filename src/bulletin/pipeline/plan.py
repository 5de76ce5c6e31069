"""Pipeline: a build's plan, every output's products in order, and groups of products
declared only when what they are declared from changed.

An output may declare the products of one issue as a group (`protocol.Group`):
the group's `declare` is handed its `inputs` and nothing else, so its products
are a function of that value. At declaration, a group whose inputs have the
digest its memo entry was made for is stood for by its members as the memo
remembers them (ids, paths), and not declared; any other is declared at once.
At making, a group whose key (that digest and the keys of the products it
reads) is its entry's key is reused whole, each member's entry as the memo
holds it; otherwise its products (declared now, if they were not) are made as
any other, and the group's entry is written again once they all are.

A group's entry is dropped as soon as the group is found stale, so a build
that fails half way through making it cannot leave an entry that would later
vouch for members made for other inputs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bulletin.digest import digest
from bulletin.errors import Problem
from bulletin.outputs.protocol import (
    Declared,
    Group,
    Member,
    Output,
    Product,
    clashes,
    collisions,
    ordered,
)
from bulletin.pipeline.memo import Entry, GroupEntry, Memo


@dataclass
class Planned:
    """A group in a build's plan: the digest of its inputs, its members, and its products
    once they are declared (not yet, if the memo's members stand for them)."""

    group: Group
    declared_from: str
    members: tuple[Member, ...]
    products: list[Product] | None = None

    def declared(self) -> list[Product]:
        """The group's products, declared now if they were not."""
        if self.products is None:
            self.products = declare(self.group)
        return self.products


#: Every output of a build, in order, with its products and its groups.
Plan = Sequence[tuple[Output, Sequence[Product | Planned]]]


def plan_outputs(outputs: Sequence[Output], memo: Memo) -> Plan:
    """Every output's products and groups, in the order their needs give; each group
    declared only if the digest of its inputs changed since it was last made."""
    declared: list[Declared] = []
    ids: set[str] = set()
    plan: list[tuple[Output, Sequence[Product | Planned]]] = []
    for output in ordered(outputs):
        items: list[Product | Planned] = []
        for thing in output.products(declared):
            if isinstance(thing, Group):
                _check_reads(thing, ids)
                items.append(plan_group(thing, memo))
            else:
                items.append(thing)
        for item in items:
            standing = _standing(item)
            declared.extend(standing)
            ids.update(p.id for p in standing)
        plan.append((output, items))
    return plan


def _standing(item: Product | Planned) -> Sequence[Declared]:
    """What stands for a plan's item: a product, or a group's products or members."""
    if isinstance(item, Product):
        return (item,)
    return item.products if item.products is not None else item.members


def _check_reads(group: Group, earlier: set[str]) -> None:
    """A group may read only products of earlier outputs: their keys are settled first."""
    stray = sorted(set(group.reads) - earlier)
    if stray:
        raise ValueError(f"group {group.id} reads {stray}, not declared by an earlier output")


def plan_clashes(plan: Plan) -> list[Problem]:
    """Products that would write one path, as problems; groups are declared only if some
    path is shared, to name what the clashing products come from."""
    standing = [p for _, items in plan for item in items for p in _standing(item)]
    if next(collisions(standing), None) is None:
        return []
    every = [
        p
        for _, items in plan
        for item in items
        for p in (item.declared() if isinstance(item, Planned) else (item,))
    ]
    return clashes(every)


def declared_ids(plan: Plan) -> tuple[list[str], list[str]]:
    """The ids of every product a plan holds (declared or standing), and of its groups."""
    products = [p.id for _, items in plan for item in items for p in _standing(item)]
    groups = [item.group.id for _, items in plan for item in items if isinstance(item, Planned)]
    return products, groups


def declare(group: Group) -> list[Product]:
    """A group's products, each reading nothing but what the group reads and each other."""
    products = list(group.declare(group.inputs))
    allowed = {p.id for p in products} | set(group.reads)
    for product in products:
        stray = sorted(set(product.reads) - allowed)
        if stray:
            raise ValueError(f"{product.id} reads {stray}, which its group {group.id} does not")
        if product.background:
            raise ValueError(f"{product.id} runs beside the build: it cannot be in a group")
    return products


def plan_group(group: Group, memo: Memo) -> Planned:
    """A group as this build declares it: by its members, if its inputs did not change."""
    declared_from = digest(group.inputs)
    entry = memo.group(group.id)
    if entry is not None and entry.declared_from == declared_from:
        return Planned(group, declared_from, entry.members)
    products = declare(group)
    return Planned(group, declared_from, tuple(Member.of(p) for p in products), products)


def group_key(planned: Planned, read_keys: Iterable[str]) -> str:
    """A group's key: the digest of its inputs and the keys of what it reads, in order."""
    text = "\n".join((planned.declared_from, *read_keys))
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def reused(planned: Planned, key: str, memo: Memo) -> dict[str, Entry] | None:
    """Each present member's entry, if the group is current; None if it must be made.

    A member not wanted this build (a print edition not asked for) may be absent;
    one that is wanted and absent means the group cannot be taken as it was.
    """
    entry = memo.group(planned.group.id)
    if entry is None or entry.key != key:
        memo.drop_group(planned.group.id)
        return None
    entries: dict[str, Entry] = {}
    for member in planned.members:
        found = memo.get(member.id)
        if found is not None:
            entries[member.id] = found
        elif member.wanted:
            memo.drop_group(planned.group.id)
            return None
    return entries


def remember_group(planned: Planned, key: str, memo: Memo) -> None:
    """Remember a group whose products were all made (or reused) under `key`."""
    members = tuple(Member.of(p) for p in planned.declared())
    memo.put_group(planned.group.id, GroupEntry(key, planned.declared_from, members))
