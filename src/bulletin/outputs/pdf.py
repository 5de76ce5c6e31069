"""Outputs: each issue's print edition, /issues/<slug>/<slug>.pdf, made by WeasyPrint.

WeasyPrint lays out paged media as CSS describes it: a cover, a contents
table whose page numbers come from target-counter(), page numbers in every
footer, link targets after links, headings kept with what follows. It is an
optional extra (the `pdf` extra: WeasyPrint, plus Pango from the system),
imported only when a PDF is asked for. Its fetcher serves only the build's
own files: making a PDF never requests anything from the network.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bulletin.content.models import Issue
from bulletin.errors import BulletinError
from bulletin.outputs.files import OutputFile
from bulletin.render.pages import PageRenderer, PageSpec
from bulletin.site import Site

PRINT_CSS = "css/print-edition.css"


@dataclass(frozen=True)
class Download:
    """A PDF edition as an issue page links to it."""

    path: str
    size: str


def pdf_path(issue: Issue) -> str:
    """Where an issue's PDF is written."""
    return f"issues/{issue.slug}/{issue.slug}.pdf"


def human_size(size: int) -> str:
    """245 KB, 1.2 MB: how big a download is, for the link that offers it."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


class PrintEditions:
    """PDFs of the chosen issues, each made again only when its issue or the theme changed."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[object, OutputFile]] = {}

    def files(
        self,
        site: Site,
        renderer: PageRenderer,
        wanted: Iterable[str],
        site_files: dict[str, OutputFile],
        css: bytes,
    ) -> dict[str, OutputFile]:
        """The PDF of each wanted issue ("*" for all), by slug."""
        chosen = set(wanted)
        unknown = chosen - {"*"} - {issue.slug for issue in site.issues}
        if unknown:
            raise BulletinError(
                f"there is no published issue {', '.join(sorted(unknown))} to make a PDF of"
            )
        made = {}
        for issue in site.issues:
            if "*" not in chosen and issue.slug not in chosen:
                continue
            key = (renderer.theme_key, css, issue.fingerprint)
            previous = self._made.get(issue.slug)
            if previous is None or previous[0] != key:
                previous = (key, _pdf(issue, site, renderer, site_files, css))
            made[issue.slug] = previous
        self._made = made
        return {slug: output for slug, (_, output) in made.items()}


def _pdf(
    issue: Issue, site: Site, renderer: PageRenderer, site_files: dict[str, OutputFile], css: bytes
) -> OutputFile:
    weasyprint = _weasyprint()
    base = site.config.base_url
    spec = PageSpec(
        "print/issue.html",
        f"print-source/{issue.slug}",
        issue.title,
        {"issue": issue, "edition": "print"},
        issue.fingerprint,
        root=base,
    )
    html = renderer.render(spec).read().decode("utf-8")
    fetcher = _site_fetcher(weasyprint, base, site_files)
    document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
    stylesheet = weasyprint.CSS(string=css.decode("utf-8"), url_fetcher=fetcher)
    # PDF/UA-1: tagged (a structure tree of headings, lists, links and figures
    # with their alt text), with the language, bookmarks and the title as the
    # window title, as UK public-sector rules ask of documents.
    data: bytes = document.write_pdf(
        stylesheets=[stylesheet], pdf_identifier=issue.slug.encode(), pdf_variant="pdf/ua-1"
    )
    return OutputFile(pdf_path(issue), data=data)


def _weasyprint() -> Any:
    try:
        import weasyprint  # an optional extra, needed only for PDFs
    except (ImportError, OSError) as err:
        raise BulletinError(
            "making PDFs needs WeasyPrint: pip install 'weasyprint>=68' where bulletin is "
            "installed, and on Debian or Ubuntu apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0 ({err})"
        ) from err
    return weasyprint


def _site_fetcher(weasyprint: Any, base: str, site_files: dict[str, OutputFile]) -> Any:
    """A fetcher that answers only with files of this build, so nothing is fetched elsewhere."""

    class SiteFetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = url.removeprefix(base) if url.startswith(base) else None
            file = site_files.get(path or "")
            if file is None:
                raise ValueError(f"not a file of this site: {url}")
            media_type = mimetypes.guess_type(path or "")[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, body=file.read(), headers={"Content-Type": media_type}
            )

    return SiteFetcher()
