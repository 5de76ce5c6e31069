"""Separate `bulletin build` runs pick up where the last one left off, through .bulletin-cache/.

Each test builds with the cache, changes something, builds again with the
cache, and compares the output folder with a clean build of the same files
into another folder: they must be byte-for-byte the same (every kind of edit
is in test_differential.py). A cache that is damaged, foreign or stale is
discarded with a notice, never trusted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bulletin.cache import APART, FOLDER, RECORD, STATE, up_to_date
from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.pipeline.result import BuildResult
from tests.conftest import REPO, TODAY, run, tree_digest
from tests.integration.edits import EDITS, issue, replace_in


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(REPO / "content", folder / "content")
    return folder


def cached_build(site: Path, notices: list[str] | None = None) -> BuildResult:
    options = BuildOptions(site, today=TODAY, use_cache=True)
    return build(options, notice=(notices if notices is not None else []).append)


def clean_digest(site: Path) -> dict[str, str]:
    output = site.parent / "clean"
    shutil.rmtree(output, ignore_errors=True)
    build(BuildOptions(site, output=output, today=TODAY))
    return tree_digest(output)


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_only_files_whose_bytes_changed_are_written(site: Path) -> None:
    cached_build(site)
    output = site / "_site"
    before = mtimes(output)
    replace_in(issue(site), "Welcome to the summer", "Hello to the summer")
    cached_build(site)
    after = mtimes(output)
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert "issues/2026-summer/index.html" in changed
    assert "issues/2026-spring/index.html" not in changed
    assert not any(path.startswith("css/") for path in changed)
    assert len(changed) < len(after) / 4, changed
    assert tree_digest(output) == clean_digest(site)


def test_nothing_changed_is_known_without_building(site: Path) -> None:
    options = BuildOptions(site, today=TODAY, use_cache=True)
    assert up_to_date(options) is None  # no cache yet
    cached_build(site)
    record = up_to_date(options)
    assert record is not None and record.issues == 3
    before = mtimes(site / "_site")
    result = run("build", "--site", site)
    assert result.exit_code == 0
    assert result.stdout.startswith("Nothing changed: 3 issues, 19 pages already in")
    assert mtimes(site / "_site") == before


def test_nothing_changed_is_known_without_loading_the_pipeline(site: Path) -> None:
    """The answer an editor gets most often costs no more than hashing the inputs."""
    cached_build(site)
    script = (
        "import sys\n"
        "from bulletin.cli import main\n"
        f"sys.argv = ['bulletin', 'build', '-q', '--site', {str(site)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pydantic', 'phonenumbers', 'jinja2', 'markdown')"
        " if m in sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"


@pytest.mark.parametrize("when", ["in the same tick", "put back with an old time"])
def test_an_edit_of_the_same_size_and_time_is_a_change(site: Path, when: str) -> None:
    """Coarse clocks (FAT's 2 s, network shares) and `cp -p` keep size and mtime alike."""
    path = issue(site)
    if when == "put back with an old time":
        year_ago = path.stat().st_mtime_ns - 365 * 86400 * 10**9
        os.utime(path, ns=(year_ago, year_ago))
    cached_build(site)
    stat = path.stat()
    replace_in(path, "Welcome to the summer", "Welcome to the summit")  # the same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert up_to_date(BuildOptions(site, today=TODAY, use_cache=True)) is None
    cached_build(site)
    assert "Welcome to the summit" in (site / "_site/issues/2026-summer/index.html").read_text()
    assert tree_digest(site / "_site") == clean_digest(site)


def test_a_settled_file_is_not_read_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files that last changed before the last build took its hashes are trusted by size and
    time (here "well before" is shortened to "before", not to wait 3 s)."""
    monkeypatch.setattr("bulletin.cache.inputs.SETTLED_NS", 0)
    cached_build(site)
    monkeypatch.setattr(Path, "read_bytes", _refuse)
    record = up_to_date(BuildOptions(site, today=TODAY, use_cache=True))
    assert record is not None  # all files were copied before the build took its hashes


def _refuse(self: Path) -> bytes:
    raise AssertionError(f"{self} was read")


def test_a_new_day_is_a_change(site: Path) -> None:
    cached_build(site)
    assert up_to_date(BuildOptions(site, today=TODAY, use_cache=True)) is not None
    tomorrow = TODAY + dt.timedelta(days=1)
    assert up_to_date(BuildOptions(site, today=tomorrow, use_cache=True)) is None


def test_a_build_a_year_later_equals_a_clean_build_that_day(site: Path) -> None:
    cached_build(site)
    later = TODAY + dt.timedelta(days=400)  # past events drop off the page and calendar
    build(BuildOptions(site, today=later, use_cache=True))
    output = site.parent / "clean-later"
    build(BuildOptions(site, output=output, today=later))
    assert tree_digest(site / "_site") == tree_digest(output)


@pytest.mark.parametrize("damage", ["deleted", "edited"])
def test_an_output_file_touched_by_hand_is_put_right(site: Path, damage: str) -> None:
    cached_build(site)
    page = site / "_site" / "issues" / "2026-spring" / "index.html"
    if damage == "deleted":
        page.unlink()
    else:
        page.write_text("changed by hand")
    assert up_to_date(BuildOptions(site, today=TODAY, use_cache=True)) is None
    cached_build(site)
    assert tree_digest(site / "_site") == clean_digest(site)


def test_another_output_folder_builds_whole(site: Path) -> None:
    cached_build(site)
    elsewhere = site.parent / "elsewhere"
    build(BuildOptions(site, output=elsewhere, today=TODAY, use_cache=True))
    assert tree_digest(elsewhere) == clean_digest(site)


def write_garbage(cache: Path) -> None:
    (cache / STATE).write_bytes(b"not a pickle at all")


def write_foreign_header(cache: Path) -> None:
    data = (cache / STATE).read_bytes()
    (cache / STATE).write_bytes(b"bulletin-cache 0 9.9.9 CPython 3.99\n" + data.split(b"\n", 1)[1])


def truncate(cache: Path) -> None:
    data = (cache / STATE).read_bytes()
    (cache / STATE).write_bytes(data[: len(data) // 2])


def bodies(cache: Path) -> list[Path]:
    """The files in which the cache keeps issues' bodies (values of products are *.value)."""
    return sorted((cache / APART).glob("*.pickle"))


def damage_an_issue(cache: Path) -> None:
    kept = bodies(cache)[0]
    kept.write_bytes(kept.read_bytes()[:100])


def lose_an_issue(cache: Path) -> None:
    bodies(cache)[0].unlink()


def damage_a_value(cache: Path) -> None:
    """A product's value kept apart, one byte changed: found when it is read."""
    for kept in (cache / APART).glob("*.value"):
        data = bytearray(kept.read_bytes())
        data[-1] ^= 1
        kept.write_bytes(bytes(data))


def damage_the_base(cache: Path) -> None:
    """The base the state names, one byte changed: its hash no longer matches."""
    for base in cache.glob("base-*.pickle"):
        data = bytearray(base.read_bytes())
        data[len(data) // 2] ^= 1
        base.write_bytes(bytes(data))


def lose_the_base(cache: Path) -> None:
    for base in cache.glob("base-*.pickle"):
        base.unlink()


def garble_the_record(cache: Path) -> None:
    (cache / RECORD).write_text("{ not marshal")


DAMAGE = {
    "garbage state": write_garbage,
    "foreign state": write_foreign_header,
    "truncated state": truncate,
    "a damaged issue": damage_an_issue,
    "a lost issue": lose_an_issue,
    "every value damaged": damage_a_value,
    "a garbled record": garble_the_record,
    "a damaged base": damage_the_base,
    "a lost base": lose_the_base,
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_or_foreign_cache_is_discarded_with_a_notice(site: Path, damage: str) -> None:
    cached_build(site)
    replace_in(issue(site), "Welcome to the summer", "Hello to the summer")
    DAMAGE[damage](site / FOLDER)
    notices: list[str] = []
    cached_build(site, notices)
    assert len(notices) == 1, notices
    assert notices[0].startswith(f"Note: the build cache in {site / FOLDER} was discarded")
    assert tree_digest(site / "_site") == clean_digest(site)
    again: list[str] = []
    cached_build(site, again)  # the cache written after discarding is good
    assert again == []


def change_in_place(cache: Path) -> None:
    """Change a byte of every body kept apart: the sizes stay, so loading does not notice."""
    for kept in bodies(cache):
        data = bytearray(kept.read_bytes())
        data[len(data) // 2] ^= 1
        kept.write_bytes(bytes(data))


def cache_files(site: Path) -> list[Path]:
    return sorted(p for p in (site / FOLDER).rglob("*") if p.is_file())


def test_a_flipped_bit_in_any_cache_file_never_changes_the_site(site: Path) -> None:
    """One bit flipped in two files of each kind of the cache, at the start, the middle and the end in
    turn (a failing disk, a half-written file): each build after an edit equals a clean
    build, exits as usual, and a file that was read and failed its check is named in a
    notice (files of the cache that the build did not need are never read)."""
    cached_build(site)
    pristine = site.parent / "pristine"
    shutil.copytree(site, pristine)
    replace_in(issue(pristine), "Welcome to the summer", "Hello to the summer")
    want = clean_digest(pristine)
    files = [p.relative_to(pristine).as_posix() for p in cache_files(pristine)]
    by_kind = [[f for f in files if f.endswith(end)] for end in (".json", ".pickle", ".cache")]
    by_kind.append([f for f in files if f.endswith(".value")])
    checked = [name for kind in by_kind for name in kind[:2]]  # scripts/flip-cache: all
    for index, relative in enumerate(checked):
        shutil.rmtree(site)
        shutil.copytree(pristine, site)
        size = (site / relative).stat().st_size
        position = [0, size // 2, size - 1][index % 3]
        data = bytearray((site / relative).read_bytes())
        data[position] ^= 1 << (index % 8)
        (site / relative).write_bytes(bytes(data))
        notices: list[str] = []
        cached_build(site, notices)
        assert tree_digest(site / "_site") == want, (relative, position)
        read_first = relative.endswith((RECORD, STATE)) or "/templates/" in f"/{relative}"
        assert not read_first or notices, (relative, position)


def test_a_kept_value_changed_in_place_is_found_when_it_is_read(site: Path) -> None:
    """Values kept apart are read only when used, and checked against their hash then."""
    cached_build(site)
    change_in_place(site / FOLDER)
    EDITS["a template"](site)  # every issue page is rendered again, so every body is read
    notices: list[str] = []
    cached_build(site, notices)
    assert len(notices) == 1, notices
    assert notices[0].startswith(f"Note: the build cache in {site / FOLDER} was discarded")
    assert "was changed after it was written" in notices[0]
    assert tree_digest(site / "_site") == clean_digest(site)


def test_an_edit_reads_back_only_what_it_shows(site: Path) -> None:
    """An edit to the prose of an issue no other links to needs no other issue's body."""
    cached_build(site)
    change_in_place(site / FOLDER)  # any of them read back would discard the cache
    replace_in(issue(site, "2026-autumn"), "Thank you to everyone", "Thanks to everyone")
    notices: list[str] = []
    cached_build(site, notices)
    assert notices == []
    assert tree_digest(site / "_site") == clean_digest(site)


def test_a_kept_value_lost_during_a_build_costs_only_the_cache(site: Path) -> None:
    """Bodies not read by a build are still in the cache's files when it is saved; if those
    files went meanwhile, the site is still built, and the cache is discarded."""
    cached_build(site)
    replace_in(issue(site, "2026-autumn"), "Thank you to everyone", "Thanks to everyone")

    @contextlib.contextmanager
    def losing_files(items: list[object], label: str) -> Iterator[list[object]]:
        if label == "Rendering pages":
            for kept in bodies(site / FOLDER):  # none of which this build reads back
                kept.unlink()
        yield items

    notices: list[str] = []
    options = BuildOptions(site, today=TODAY, use_cache=True)
    result = build(options, losing_files, notices.append)
    assert result.reloaded_issues == 1  # not started again: the loss was found on saving
    assert len(notices) == 1 and "could not be read" in notices[0], notices
    assert tree_digest(site / "_site") == clean_digest(site)
    again: list[str] = []
    cached_build(site, again)
    assert again == []


def test_the_cli_prints_the_notice_and_builds(site: Path) -> None:
    assert run("build", "--site", site).exit_code == 0
    write_garbage(site / FOLDER)
    replace_in(issue(site), "Welcome to the summer", "Hello to the summer")
    result = run("build", "--site", site)
    assert result.exit_code == 0
    assert "was discarded: it was made by another version" in result.stderr
    assert result.stdout.startswith("Built 3 issues")


def test_the_cache_is_safe_to_delete(site: Path) -> None:
    cached_build(site)
    shutil.rmtree(site / FOLDER)
    replace_in(issue(site), "Welcome to the summer", "Hello to the summer")
    notices: list[str] = []
    cached_build(site, notices)
    assert notices == []
    assert tree_digest(site / "_site") == clean_digest(site)


def test_a_fresh_checkout_reuses_the_issues_already_read(site: Path) -> None:
    """As in CI: the same files with new modification times, and no output folder."""
    cached_build(site)
    shutil.rmtree(site / "_site")
    for path in (site / "content").rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes())  # same bytes, new time
    notices: list[str] = []
    result = cached_build(site, notices)
    assert notices == []
    assert result.reloaded_issues == 0
    assert tree_digest(site / "_site") == clean_digest(site)


def test_no_cache_means_none_is_read_or_written(site: Path) -> None:
    assert run("build", "--site", site, "--no-cache").exit_code == 0
    assert not (site / FOLDER).exists()


def test_old_issue_versions_do_not_pile_up(site: Path) -> None:
    cached_build(site)
    kept = len(list((site / FOLDER / APART).iterdir()))
    for n in range(3):
        replace_in(issue(site), "Welcome to the summer", f"Welcome again to the summer {n}")
        cached_build(site)
        replace_in(issue(site), f"Welcome again to the summer {n}", "Welcome to the summer")
    assert len(list((site / FOLDER / APART).iterdir())) == kept


def test_a_failed_build_leaves_the_cache_and_site_as_they_were(site: Path) -> None:
    cached_build(site)
    output_before = tree_digest(site / "_site")
    cache_before = tree_digest(site / FOLDER)
    replace_in(issue(site), "title: Summer 2026", "title: [Summer 2026")
    result = run("build", "--site", site)
    assert result.exit_code == 1
    assert tree_digest(site / "_site") == output_before
    assert tree_digest(site / FOLDER) == cache_before


def test_saving_after_one_edit_pickles_that_issue_alone(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state holds what changed since its base was written: a save after one edit of
    1,000 issues pickled every issue and every product again (about a tenth of a second)."""
    from bulletin.cache import layers

    cached_build(site)
    saved: list[layers.Changes] = []
    split = layers.Layers.split

    def spy(self: layers.Layers, tables: layers.Tables, apart: Path) -> layers.Changes:
        saved.append(split(self, tables, apart))
        return saved[-1]

    monkeypatch.setattr(layers, "REWRITE_FROM", 1.0)  # a 3-issue site: keep its base
    monkeypatch.setattr(layers.Layers, "split", spy)
    base = sorted((site / FOLDER).glob("base-*.pickle"))
    replace_in(issue(site, "2026-spring"), "This is my first bulletin", "This is my bulletin")
    cached_build(site)
    assert [Path(p).name for p in saved[0].changed["issues"]] == ["2026-spring.md"]
    assert 0 < len(saved[0].changed["entries"]) < 40
    assert sorted((site / FOLDER).glob("base-*.pickle")) == base  # the base was not written
    monkeypatch.undo()
    assert tree_digest(site / "_site") == clean_digest(site)
    cached_build(site)  # the base joined to its changes reads back as a clean build's memory
    assert tree_digest(site / "_site") == clean_digest(site)
