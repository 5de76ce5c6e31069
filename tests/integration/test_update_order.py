"""An update in place (where no spare can be exchanged for the site) never shows a page of the site to be that links to a file that is not there.

The renames of an incremental build's update are made one by one; the test
looks at the output folder after each of them, and after each file removed,
as a reader of a server serving the folder would, and finds every link of
every page leading to a file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bulletin.commands.build import build
from bulletin.options import BuildOptions
from bulletin.write import in_place, spare
from tests.conftest import REPO, TODAY
from tests.integration.edits import add_issue, issue, replace_in
from tests.integration.helpers import broken_links


def missing_files(output: Path) -> list[str]:
    """Links to files that are not there (a #section is looked for only when its page is)."""
    return [problem for problem in broken_links(output) if problem.endswith("no such file")]


def test_every_moment_of_an_update_links_only_to_files_that_are_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    options = BuildOptions(site, today=TODAY, use_cache=True)
    build(options, notice=lambda _: None)
    output = site / "_site"
    add_issue(site)  # new pages, and list pages that link to them
    issue(site, "2026-autumn").unlink()  # pages gone, and pages that linked to them
    replace_in(issue(site, "2026-summer"), "title: Summer 2026", "title: Summer 2026 (revised)")

    moments: list[list[str]] = []

    def looked_at(step):  # type: ignore[no-untyped-def]
        def step_then_look(*args, **kwargs):  # type: ignore[no-untyped-def]
            step(*args, **kwargs)
            if not str(args[-1]).endswith(in_place.JOURNAL):
                moments.append(missing_files(output))

        return step_then_look

    # Where two folders' names cannot be exchanged, the update is made in place.
    monkeypatch.setattr(spare, "_exchange_works", lambda *_: False)
    monkeypatch.setattr(in_place.os, "replace", looked_at(os.replace))
    monkeypatch.setattr(in_place, "remove_file", looked_at(in_place.remove_file))
    result = build(options, notice=lambda _: None)

    assert result.pages > 0 and len(moments) > 10
    staying = {page.relative_to(output).as_posix() for page in output.rglob("*.html")}
    # Pages that are going link to each other both ways, so one of them goes first.
    assert [[p for p in problems if p.split(":")[0] in staying] for problems in moments] == [
        [] for _ in moments
    ]
    assert missing_files(output) == []
