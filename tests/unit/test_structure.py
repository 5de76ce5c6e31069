"""The package's shape: stages import only the stages below them, and nothing grows too big.

Ranks follow the pipeline, from content to site: what a module may import is
what ranks at or below it, and no modules import each other in a circle
(type-checking imports included). Modules stay under 300 lines and
functions under 40, so that each can be read in one sitting.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "bulletin"

#: Each stage, lowest first: a module's rank is that of the longest prefix naming it.
RANKS = {
    "bulletin": 0,
    "bulletin.errors": 0,
    "bulletin.options": 0,
    "bulletin.urls": 0,
    "bulletin.digest": 0,
    "bulletin.content": 1,
    "bulletin.config": 2,
    "bulletin.site": 3,
    "bulletin.render": 4,
    "bulletin.outputs": 5,
    "bulletin.cms": 5,
    "bulletin.pipeline.memo": 6,
    "bulletin.pipeline.progress": 6,
    "bulletin.checks": 7,
    "bulletin.pipeline": 8,
    "bulletin.write": 9,
    "bulletin.cache": 10,
    "bulletin.commands": 11,
    "bulletin.cli": 12,
    "bulletin.__main__": 12,
}
MODULE_LINES = 300
FUNCTION_LINES = 40


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def rank(module: str) -> int:
    prefix = max((p for p in RANKS if module == p or module.startswith(p + ".")), key=len)
    return RANKS[prefix]


def imports(path: Path, known: set[str]) -> set[str]:
    """Every bulletin module a file imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bulletin"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("bulletin"))
    return found


def test_every_stage_imports_only_the_stages_below_it() -> None:
    every = modules()
    upward = [
        f"{name} ({rank(name)}) imports {target} ({rank(target)})"
        for name, path in every.items()
        for target in imports(path, set(every))
        if rank(target) > rank(name)
    ]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    every = modules()
    graph = {name: imports(path, set(every)) - {name} for name, path in every.items()}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, " -> ".join((*trail, name))
        if name in done:
            return
        for target in graph.get(name, ()):
            if target != name.rsplit(".", 1)[0]:  # a module may use its package's __init__
                visit(target, (*trail, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_no_module_or_function_is_too_long() -> None:
    long = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text())
        lines = len(path.read_text().splitlines())
        if lines > MODULE_LINES:
            long.append(f"{name}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {size} lines")
    assert long == []
