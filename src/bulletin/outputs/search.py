"""Outputs: a Pagefind search index of every issue page.

Pagefind's binary (from the `pagefind_bin` package on PyPI) reads the
rendered issue pages and writes a static index that the search page queries
in the reader's browser: no server, nothing sent elsewhere. Results link to
the section within an issue, because section headings carry ids.

The pages are written to a scratch folder, under the site's base path so
that result addresses work under a sub-path, and indexed there in one run of
the binary: 1,000 issues take under two seconds, where Pagefind's Python API
(one request per page) took about 100. The index is made again only when
some issue page changed; `serve` makes it in the background, so that
indexing never delays a reload.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path

import pagefind_bin

from bulletin.errors import BulletinError
from bulletin.outputs.files import OutputFile

BUNDLE = "pagefind/"

#: What the search page uses of Pagefind's output; the other UIs are left out.
_UNUSED = ("pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


class SearchIndex:
    """Pagefind's files for a set of pages, kept while the pages are unchanged."""

    def __init__(self) -> None:
        self._key = ""
        self._files: list[OutputFile] = []

    def files_for(self, pages: list[OutputFile], base_path: str, language: str) -> list[OutputFile]:
        """Index these pages (issue pages), or reuse the index made for the same pages."""
        digest = hashlib.sha256(base_path.encode() + b"\0" + language.encode())
        for page in pages:
            digest.update(page.path.encode() + b"\0" + page.read())
        if digest.hexdigest() != self._key:
            self._files = _index(pages, base_path, language)
            self._key = digest.hexdigest()
        return self._files


def _index(pages: list[OutputFile], base_path: str, language: str) -> list[OutputFile]:
    with tempfile.TemporaryDirectory(prefix="bulletin-search-") as scratch:
        site = Path(scratch) / "site"
        root = site.joinpath(*[part for part in base_path.split("/") if part])
        for page in pages:
            target = root / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.read())
        bundle = Path(scratch) / "bundle"
        _run_pagefind(site, bundle, language.split("-")[0].lower())
        return [
            OutputFile(BUNDLE + path.relative_to(bundle).as_posix(), data=path.read_bytes())
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED)
        ]


def _run_pagefind(site: Path, bundle: Path, language: str) -> None:
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site),
        "--output-path", str(bundle),
        "--root-selector", "main",
        "--force-language", language,
        "--quiet",
    ]  # fmt: skip
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
        details = getattr(err, "stderr", "") or str(err)
        raise BulletinError(f"the search index could not be made (Pagefind: {details})") from err
