"""An update is made on a spare copy of the site and exchanged for `_site` in one step.

At every moment of an update `_site` holds the whole old site or the whole
new one; the spare shares every file that did not change with the site
(hard links), lags it by the last build's changes, and is made again when it
cannot be trusted; files a host's administrator added to `_site` stay.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from bulletin import atomic
from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.write import spare, tidy_output
from bulletin.write.spare import NOTE, spare_of
from tests.conftest import REPO, TODAY, tree_digest
from tests.integration.edits import add_issue, issue, replace_in


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(REPO / "content", folder / "content")
    return folder


def built(site: Path, *, cache: bool = True) -> dict[str, str]:
    build(BuildOptions(site, today=TODAY, use_cache=cache), notice=lambda _: None)
    return tree_digest(site / "_site")


def clean(site: Path, tmp_path: Path) -> dict[str, str]:
    """What a clean build of the site as it is now writes."""
    copy = tmp_path / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site / "content", copy / "content")
    return built(copy, cache=False)


def test_every_moment_of_an_update_shows_the_old_site_or_the_new(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(site)
    replace_in(issue(site), "Welcome to the summer", "Welcome to the summery")
    old = built(site)
    add_issue(site)
    issue(site, "2026-autumn").unlink()
    replace_in(issue(site), "title: Summer 2026", "title: Summer 2026 (revised)")
    new = clean(site, tmp_path)
    seen: list[dict[str, str]] = []

    def looked_at(step):  # type: ignore[no-untyped-def]
        def step_then_look(*args, **kwargs):  # type: ignore[no-untyped-def]
            done = step(*args, **kwargs)
            seen.append(tree_digest(site / "_site"))
            return done

        return step_then_look

    monkeypatch.setattr(spare.os, "replace", looked_at(os.replace))
    monkeypatch.setattr(spare.in_place, "remove_file", looked_at(spare.in_place.remove_file))
    monkeypatch.setattr(spare.atomic, "exchange", looked_at(atomic.exchange))
    assert built(site) == new
    assert len(seen) > 20
    assert all(moment in (old, new) for moment in seen)
    assert seen[0] == old and seen[-1] == new


def test_the_spare_shares_what_did_not_change_and_lags_by_what_did(site: Path) -> None:
    built(site)
    page = site / "_site" / "issues" / "2026-summer" / "index.html"
    before = page.read_text()
    replace_in(issue(site), "Welcome to the summer", "Welcome to the summery")
    built(site)
    kept = spare_of(site / "_site")
    unchanged = site / "_site" / "issues" / "2026-spring" / "index.html"
    assert os.stat(unchanged).st_ino == os.stat(kept / "issues/2026-spring/index.html").st_ino
    assert os.stat(page).st_ino != os.stat(kept / "issues/2026-summer/index.html").st_ino
    assert (kept / "issues/2026-summer/index.html").read_text() == before
    note = json.loads((kept / NOTE).read_text())
    assert "issues/2026-summer/index.html" in note["lag"]
    assert "issues/2026-spring/index.html" not in note["lag"]
    assert not (site / "_site" / NOTE).exists()


def test_updates_one_after_another_write_what_a_clean_build_writes(
    site: Path, tmp_path: Path
) -> None:
    built(site)
    edits = [
        lambda: replace_in(issue(site), "Welcome to the summer", "Welcome to the summery"),
        lambda: add_issue(site),
        lambda: issue(site, "2026-spring-extra").unlink(),
        lambda: replace_in(issue(site), "Welcome to the summery", "Welcome to the summer"),
    ]
    for edit in edits:
        edit()
        assert built(site) == clean(site, tmp_path)


@pytest.mark.parametrize("damage", ["no note", "another folder", "a file", "a damaged note"])
def test_a_spare_that_cannot_be_trusted_is_made_again(
    site: Path, tmp_path: Path, damage: str
) -> None:
    built(site)
    replace_in(issue(site), "Welcome to the summer", "Welcome to the summery")
    built(site)
    kept = spare_of(site / "_site")
    if damage == "no note":
        (kept / NOTE).unlink()
        (kept / "feed.xml").write_text("stale")  # as a build killed while changing it leaves
    elif damage == "another folder":
        note = json.loads((kept / NOTE).read_text())
        (kept / NOTE).write_text(json.dumps({**note, "behind": [0, 0]}))
    elif damage == "a file":
        shutil.rmtree(kept)
        kept.write_text("not a folder")
    else:
        (kept / NOTE).write_text("{")
    replace_in(issue(site), "Welcome to the summery", "Welcome to the sunny")
    assert built(site) == clean(site, tmp_path)
    assert (kept / NOTE).is_file()


def test_a_whole_site_comes_with_its_spare_and_one_built_without_cache_with_none(
    site: Path,
) -> None:
    built(site)
    kept = spare_of(site / "_site")
    assert json.loads((kept / NOTE).read_text())["lag"] == []
    page = "issues/2026-summer/index.html"
    assert os.stat(kept / page).st_ino == os.stat(site / "_site" / page).st_ino
    built(site, cache=False)  # the next build with the cache swaps a whole site in again
    assert not kept.exists()


def test_files_a_host_adds_to_the_site_stay_through_updates(site: Path) -> None:
    built(site)
    (site / "_site" / "CNAME").write_text("bulletin.example.org\n")
    (site / "_site" / ".well-known").mkdir()
    (site / "_site" / ".well-known" / "security.txt").write_text("Contact: mailto:a@b.example\n")
    for word in ("one", "two", "three"):
        with issue(site).open("a") as stream:
            stream.write(f"\nParagraph {word}, added after the last build.\n")
        built(site)
        assert (site / "_site" / "CNAME").read_text() == "bulletin.example.org\n"
        assert (site / "_site" / ".well-known" / "security.txt").is_file()


def test_the_probe_of_the_system_is_named_as_the_next_build_tidies_it(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed while it tries whether names can be exchanged leaves its two empty
    folders; the next build removes them, as it removes every scratch folder."""
    probes: list[str] = []
    monkeypatch.setattr(spare, "_exchange_works", lambda folder, name: probes.append(name))
    built(site)
    assert probes == ["._site.probe-"]
    left = site / f"._site.probe-{2**22 + 1}-abc"  # a process id no system hands out
    left.mkdir()
    tidy_output(site / "_site")
    assert not left.exists()
