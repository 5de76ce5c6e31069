"""Outputs: a Pagefind search index of every issue page, built in memory.

Pagefind (its binary ships in the `pagefind[bin]` package from PyPI) reads
the rendered issue pages and writes a static index that the search page
queries in the reader's browser: no server, nothing sent elsewhere. Results
link to the section within an issue, because section headings carry ids.
The index is made again only when some issue page changed; `serve` makes it
in the background, so that indexing never delays a reload.
"""

from __future__ import annotations

import asyncio
import hashlib
import tempfile
from concurrent.futures import ThreadPoolExecutor

from pagefind.index import IndexConfig, PagefindIndex

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
        digest = hashlib.sha256(base_path.encode())
        for page in pages:
            digest.update(page.path.encode() + b"\0" + page.read())
        if digest.hexdigest() != self._key:
            # Pagefind's API is asynchronous; its own thread keeps it clear of any
            # event loop the caller runs (serve runs one).
            with ThreadPoolExecutor(max_workers=1) as worker:
                job = worker.submit(asyncio.run, _index(pages, base_path, language))
                self._files = job.result()
            self._key = digest.hexdigest()
        return self._files


async def _index(pages: list[OutputFile], base_path: str, language: str) -> list[OutputFile]:
    # Leaving PagefindIndex's context writes the index to its output_path (by
    # default ./pagefind in the current folder); point that at a scratch folder.
    with tempfile.TemporaryDirectory(prefix="bulletin-search-") as scratch:
        config = IndexConfig(
            root_selector="main",
            force_language=language.split("-")[0].lower(),
            output_path=scratch,
        )
        async with PagefindIndex(config=config) as index:
            for page in pages:
                url = base_path + page.path.removesuffix("index.html")
                await index.add_html_file(content=page.read().decode("utf-8"), url=url)
            files = await index.get_files()
    return sorted(
        (
            OutputFile(BUNDLE + file["path"], data=bytes(file["content"]))
            for file in files
            if not file["path"].startswith(_UNUSED)
        ),
        key=lambda f: f.path,
    )
