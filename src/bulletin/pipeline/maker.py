"""Pipeline: make the declared products, in order, each only if its key changed.

A product's key is the digest of its inputs and of the keys of the products
it reads (`key_of`); if the memo holds an entry under that key, its files
are reused as they are. Otherwise the product is made: here, by the pool of
processes (its make gives a `Task`), or in a thread beside the build
(`background`, Pagefind) as soon as everything it reads is made. Made files
go to the sink as soon as they are made, so memory does not grow with the
site. A group of products whose key did not change is reused whole, without
its products being declared or keyed (`bulletin.pipeline.plan`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from bulletin.digest import digest
from bulletin.outputs.files import OutputFile
from bulletin.outputs.protocol import Made, Output, Product, Task
from bulletin.pipeline.memo import Entry, Memo
from bulletin.pipeline.plan import Plan, Planned, group_key, remember_group, reused
from bulletin.pipeline.pool import Pool
from bulletin.pipeline.progress import Progress

#: What a product that is not there (a PDF neither asked for nor kept) counts as when read.
ABSENT = "absent"

Sink = Callable[[OutputFile], OutputFile]


@dataclass
class Outcome:
    """The products of one build: each one's entry, and how many were made (not reused)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    made: int = 0
    rendered_pages: int = 0

    def key(self, product_id: str) -> str:
        """A product's key, as a product reading it is keyed on."""
        entry = self.entries.get(product_id)
        return entry.key if entry is not None else ABSENT

    def files(self) -> list[OutputFile]:
        """Every file of every product, in path order."""
        every = (f for entry in self.entries.values() for f in entry.files)
        return sorted(every, key=lambda f: f.path)


class Reading:
    """What one product may read: the entries of the products it names, and no others."""

    def __init__(self, outcome: Outcome, reads: tuple[str, ...], memo: Memo) -> None:
        self._outcome, self.reads, self._memo = outcome, reads, memo

    def _entry(self, product_id: str) -> Entry | None:
        if product_id not in self.reads:
            raise KeyError(f"{product_id} is not among the products this one reads")
        return self._outcome.entries.get(product_id)

    def files(self, product_id: str) -> tuple[OutputFile, ...]:
        """The files of a product read (none if it is not there)."""
        entry = self._entry(product_id)
        return entry.files if entry is not None else ()

    def value(self, product_id: str) -> object:
        """The value a product read was made into."""
        entry = self._entry(product_id)
        return self._memo.value(product_id, entry) if entry is not None else None


def key_of(product: Product, outcome: Outcome) -> str:
    """The digest of what a product is made from: its inputs, and what it reads."""
    return digest((product.inputs, tuple((r, outcome.key(r)) for r in product.reads)))


class Maker:
    """Makes one build's products through the memo, the pool and a thread for the slow ones."""

    def __init__(self, memo: Memo, pool: Pool, sink: Sink, progress: Progress) -> None:
        self.memo, self.pool, self.sink, self.progress = memo, pool, sink, progress
        self.outcome = Outcome()
        self._background = ThreadPoolExecutor(1, thread_name_prefix="bulletin-background")
        self._waiting: list[Future[None]] = []
        self._triggers = Triggers()
        self._read_keys: dict[tuple[str, ...], tuple[str, ...]] = {}

    def make(self, plan: Plan) -> Outcome:
        """Make every product of every output, in order; wait for the background ones."""
        last_pooled = max((n for n, (_, items) in enumerate(plan) if _pools(items)), default=-1)
        self._triggers = Triggers(plan)
        try:
            self._start_background(self._triggers.ready())
            for number, (output, items) in enumerate(plan):
                self._make_output(output, items)
                if number == last_pooled:
                    self.pool.stop()  # the pool and Pagefind never run at once (memory)
            for future in self._waiting:
                future.result()
        finally:
            self._background.shutdown(wait=True, cancel_futures=True)
        return self.outcome

    def _make_output(self, output: Output, items: Sequence[Product | Planned]) -> None:
        """An output's products: its current groups reused, then those for the pool,
        streamed through it, then the rest; then the groups made are remembered."""
        products, stale = self._unfolded(items)
        pooled = [p for p in products if p.pooled and not p.background]
        here = [p for p in products if not p.pooled and not p.background]
        stream = self._pooled(pooled)
        label = getattr(output, "label", f"Making {output.name}")
        with self.progress(pooled + here, label) as going:
            for product in going:
                entry = next(stream) if product.pooled else self._here(product)
                self._settle(product.id, entry)
                self._start_background(self._triggers.settled(product.id))
        for planned, key in stale:
            remember_group(planned, key, self.memo)

    def _unfolded(
        self, items: Sequence[Product | Planned]
    ) -> tuple[list[Product], list[tuple[Planned, str]]]:
        """The products to make or key one by one; a current group's members are settled
        here as the memo holds them, and the stale groups are given with their keys."""
        products: list[Product] = []
        stale: list[tuple[Planned, str]] = []
        for item in items:
            if isinstance(item, Product):
                products.append(item)
                continue
            key = group_key(item, self._keys_of(item.group.reads))
            entries = reused(item, key, self.memo)
            if entries is None:
                products.extend(item.declared())
                stale.append((item, key))
                continue
            self.outcome.entries.update(entries)
            for member in item.members:
                self._start_background(self._triggers.settled(member.id))
        return products, stale

    def _keys_of(self, reads: tuple[str, ...]) -> tuple[str, ...]:
        """The keys of products of earlier outputs, once a build (many groups read the same)."""
        keys = self._read_keys.get(reads)
        if keys is None:
            keys = self._read_keys[reads] = tuple(self.outcome.key(r) for r in reads)
        return keys

    def _pooled(self, products: list[Product]) -> Iterator[Entry | None]:
        """Each pooled product's entry, in order; the stale ones' tasks shared by the pool.

        Their keys are taken first: they read only products of earlier outputs.
        """
        keyed = [(p, key_of(p, self.outcome)) for p in products]
        stale = [(p, k) for p, k in keyed if p.wanted and not self._current(p, k)]
        tasks = (self._task(p) for p, _ in stale)
        made = iter(self.pool.run(tasks, len(stale)))
        for product, key in keyed:
            if self._current(product, key):
                yield self.memo.get(product.id)
            elif not product.wanted:
                yield None
            else:
                self.outcome.made += 1
                yield self._keep(next(made), key)

    def _here(self, product: Product) -> Entry | None:
        """A product made (or reused) in this thread, keyed now that what it reads is made."""
        if not product.wanted and self.memo.get(product.id) is None:
            return None  # neither asked for nor kept: no need to know its key
        key = key_of(product, self.outcome)
        if self._current(product, key):
            return self.memo.get(product.id)
        if not product.wanted:
            return None
        return self._keep(self._made_here(product), key)

    def _current(self, product: Product, key: str) -> bool:
        entry = self.memo.get(product.id)
        return entry is not None and entry.key == key

    def _task(self, product: Product) -> Task:
        made = product.make(product.inputs, Reading(self.outcome, product.reads, self.memo))
        assert isinstance(made, Task), f"{product.id} is pooled but did not give a Task"
        return made

    def _made_here(self, product: Product) -> Made:
        made = product.make(product.inputs, Reading(self.outcome, product.reads, self.memo))
        if isinstance(made, Task):
            made = made.function(made.argument)
        self.outcome.made += 1
        if product.id.startswith("page:"):
            self.outcome.rendered_pages += 1
        return made

    def _keep(self, made: Made, key: str) -> Entry:
        return Entry(key, tuple(self.sink(file) for file in made.files), made.value)

    def _settle(self, product_id: str, entry: Entry | None) -> None:
        """Record a product's entry for this build and in the memo (or its absence)."""
        if entry is None:
            self.memo.drop(product_id)
            return
        self.outcome.entries[product_id] = entry
        self.memo.put(product_id, entry)

    def _start_background(self, products: list[Product]) -> None:
        for product in products:
            self._waiting.append(self._background.submit(self._make_background, product))

    def _make_background(self, product: Product) -> None:
        key = key_of(product, self.outcome)
        entry = self.memo.get(product.id)
        if entry is None or entry.key != key:
            made = product.make(product.inputs, Reading(self.outcome, product.reads, self.memo))
            assert isinstance(made, Made), f"{product.id} runs beside the build: no Task"
            entry = self._keep(made, key)
            self.outcome.made += 1
        self._settle(product.id, entry)


def _pools(items: Sequence[Product | Planned]) -> bool:
    """Whether an output has products for the pool of processes."""
    return any(
        any(m.pooled for m in item.members) if isinstance(item, Planned) else item.pooled
        for item in items
    )


class Triggers:
    """Background products, each started once every product of the foreground it reads
    has been settled (made, reused or found absent), in the order they were declared."""

    def __init__(self, plan: Plan = ()) -> None:
        items = [item for _, output_items in plan for item in output_items]
        background = [i for i in items if isinstance(i, Product) and i.background]
        foreground = {
            pid
            for item in items
            if not (isinstance(item, Product) and item.background)
            for pid in ([m.id for m in item.members] if isinstance(item, Planned) else [item.id])
        }
        self._ready: list[Product] = []
        self._readers: dict[str, list[Product]] = {}
        self._pending: dict[str, int] = {}
        for product in background:
            self._wait(product, [r for r in dict.fromkeys(product.reads) if r in foreground])

    def _wait(self, product: Product, reads: list[str]) -> None:
        if not reads:
            self._ready.append(product)
        self._pending[product.id] = len(reads)
        for read in reads:
            self._readers.setdefault(read, []).append(product)

    def ready(self) -> list[Product]:
        """The background products that read nothing of the foreground (given once)."""
        ready, self._ready = self._ready, []
        return ready

    def settled(self, product_id: str) -> list[Product]:
        """The background products that a product's settling leaves waiting for nothing."""
        started = []
        for product in self._readers.pop(product_id, ()):
            self._pending[product.id] -= 1
            if self._pending[product.id] == 0:
                started.append(product)
        return started
