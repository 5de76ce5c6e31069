"""The wheel carries the default theme, so an installed bulletin builds any site."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import FIXTURES


def test_the_wheel_contains_the_theme(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "bulletin/theme/templates/issue.html" in names
    assert "bulletin/theme/templates/sections/events.html" in names
    assert "bulletin/theme/static/css/bulletin.css" in names
    fonts = "bulletin/theme/static/fonts/"
    assert {fonts + "OFL.txt", fonts + "atkinson-hyperlegible-next-latin-400-normal.woff2"} <= set(
        names
    )
    # The web editor's files, so that /admin/ is built from the wheel without downloading.
    assert "bulletin/cms/vendor/decap-cms/decap-cms.js" in names
    assert "bulletin/cms/vendor/js-yaml/js-yaml.min.js" in names
    assert "bulletin/cms/assets/bulletin-admin.js" in names


def test_an_installed_wheel_builds_a_site_outside_the_repository(
    wheel: Path, tmp_path: Path
) -> None:
    unpacked = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(unpacked)
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in ("site.yaml",):
        (site / "content" / name).write_text(
            (FIXTURES / "sites" / "valid" / "minimal" / "content" / name).read_text()
        )
    (site / "content" / "issues").mkdir()
    (site / "content" / "issues" / "2022-summer.md").write_text(
        (
            FIXTURES / "sites" / "valid" / "minimal" / "content" / "issues" / "2022-summer.md"
        ).read_text()
    )
    env = os.environ | {"PYTHONPATH": str(unpacked)}
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import bulletin.cli, sys; print(bulletin.cli.__file__); bulletin.cli.main()",
            "build",
        ],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith(str(unpacked))
    assert (site / "_site" / "issues" / "2022-summer" / "index.html").is_file()
    assert list((site / "_site" / "static" / "css").glob("bulletin.*.css"))
