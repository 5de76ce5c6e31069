"""The build cache's stamp of bulletin's own code: what it covers, and that it follows the code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bulletin
from bulletin.cache import inputs

PACKAGE = Path(bulletin.__file__).parent


def test_the_stamp_covers_every_module_the_editor_script_and_the_pins() -> None:
    covered = set(inputs._code_files(str(PACKAGE)))
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert modules <= covered
    assert "cms/vendor/PINS" in covered
    assert {f"cms/assets/{p.name}" for p in (PACKAGE / "cms" / "assets").iterdir()} <= covered
    assert not any("__pycache__" in path for path in covered)
    vendored = {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "cms" / "vendor").rglob("*")}
    assert covered & vendored <= {"cms/vendor/PINS"} | modules


def test_the_stamp_changes_with_any_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "bulletin"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    (copy / "cms" / "vendor").mkdir()
    (copy / "cms" / "vendor" / "PINS").write_text("pins\n")
    monkeypatch.setattr(inputs, "__file__", str(copy / "cache" / "inputs.py"))
    before = inputs._code_stamp()
    assert inputs._code_stamp() == before  # contents, not times
    module = copy / "content" / "slugs.py"
    module.write_text(module.read_text() + "#\n")
    assert inputs._code_stamp() != before
