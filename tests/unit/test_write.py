"""The output folder guard and the atomic writer."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bulletin.cache.written import output_intact
from bulletin.errors import OutputError
from bulletin.outputs.files import inside, made
from bulletin.write import MARKER, check_output_folder, write_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "site" / "content").mkdir(parents=True)
    return tmp_path / "site"


def protected(site: Path) -> list[Path]:
    return [site, site / "content"]


@pytest.mark.parametrize(
    "choose",
    [
        lambda site: site,
        lambda site: site / "content",
        lambda site: site.parent,
        lambda site: Path.home(),
        lambda site: Path("/"),
    ],
    ids=["the site folder", "content", "a folder holding the site", "home", "root"],
)
def test_refuses_folders_that_hold_the_sources_or_the_system(site: Path, choose: object) -> None:
    output = choose(site)  # type: ignore[operator]
    with pytest.raises(OutputError, match="refusing to write the site to"):
        check_output_folder(output, protected(site))


def test_refuses_a_folder_with_files_bulletin_did_not_write(site: Path, tmp_path: Path) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"...")
    with pytest.raises(OutputError, match="holds files that bulletin did not write"):
        check_output_folder(other, protected(site))


def test_refuses_a_file(site: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(OutputError, match="it is a file, not a folder"):
        check_output_folder(tmp_path / "notes.txt", protected(site))


def test_accepts_a_new_an_empty_or_its_own_folder(site: Path, tmp_path: Path) -> None:
    check_output_folder(tmp_path / "new", protected(site))
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty", protected(site))
    own = tmp_path / "own"
    own.mkdir()
    (own / MARKER).write_text("x")
    (own / "index.html").write_text("old")
    check_output_folder(own, protected(site))


@pytest.mark.parametrize(
    "path", ["../escaped.html", "/etc/cron.d/evil", "issues/../../x", "a//b", "a\\..\\b", ""]
)
def test_files_cannot_be_written_outside_the_output(tmp_path: Path, path: str) -> None:
    """No file of the site can name a place outside it: refused when the file is made."""
    output = tmp_path / "out" / "_site"
    with pytest.raises(OutputError, match="it would land outside the site"):
        write_site([made(path, b"x")], output)
    assert not (tmp_path / "out" / "escaped.html").exists()
    assert not output.exists()
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("path", ["../escaped", "a/../../b", "/abs"])
def test_every_place_a_file_is_put_is_inside_its_folder(tmp_path: Path, path: str) -> None:
    """The spool, the writer and the search step all join paths through one proven check."""
    with pytest.raises(OutputError, match="it would land outside the site"):
        inside(tmp_path, path)
    assert inside(tmp_path, "issues/a/index.html") == str(tmp_path / "issues/a/index.html")


def test_a_rebuild_swaps_in_a_whole_new_folder(tmp_path: Path) -> None:
    output = tmp_path / "_site"
    write_site([made("a.html", b"one"), made("b.html", b"one")], output)
    write_site([made("a.html", b"two")], output)
    assert sorted(p.name for p in output.iterdir()) == [MARKER, "a.html"]
    assert (output / "a.html").read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda output: (output / "issues" / "a" / "index.html").unlink(),
        lambda output: (output / "issues" / "a" / "index.html").write_bytes(b"longer"),
        lambda output: os.utime(output / "index.html", ns=(1, 1)),
        lambda output: shutil.rmtree(output),
    ],
    ids=["removed", "rewritten", "touched", "folder gone"],
)
def test_the_output_is_intact_only_as_written(
    tmp_path: Path, damage: Callable[[Path], object]
) -> None:
    output = tmp_path / "_site"
    stamps = write_site([made("index.html", b"home"), made("issues/a/index.html", b"a")], output)
    assert output_intact(output, stamps)
    damage(output)
    assert not output_intact(output, stamps)


def test_the_output_is_checked_the_same_where_paths_cannot_be_relative_to_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "supports_dir_fd", set())
    output = tmp_path / "_site"
    stamps = write_site([made("index.html", b"home"), made("issues/a/index.html", b"a")], output)
    assert output_intact(output, stamps)
    (output / "issues" / "a" / "index.html").write_bytes(b"longer")
    assert not output_intact(output, stamps)
