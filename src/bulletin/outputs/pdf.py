"""Outputs: each issue's print edition, /issues/<slug>/<slug>.pdf, made by WeasyPrint.

WeasyPrint lays out paged media as CSS describes it: a cover, a contents
table whose page numbers come from target-counter(), page numbers in every
footer, link targets after links, headings kept with what follows. It is an
optional extra (the `pdf` extra: WeasyPrint, plus Pango from the system),
imported only when a PDF is made. The PDFs are tagged PDF/UA-1 (structure
tree, language, title, alt text, bookmarks), as UK public-sector rules ask
of documents. Its fetcher serves only the
build's own files: making a PDF never requests anything from the network.

Every issue has a print-edition product, made only when the build is asked
for it (`--pdf`, or `bulletin pdf <issue>`); one made by an earlier build is
kept for as long as it is current (its key unchanged), so that asking for
one issue's PDF does not remove another's, and a plain build keeps them.
"""

from __future__ import annotations

import functools
import mimetypes
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bulletin import urls
from bulletin.content.models import Issue
from bulletin.digest import Keyed
from bulletin.errors import BulletinError
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import OutputFile, made
from bulletin.outputs.origins import of_issue
from bulletin.outputs.protocol import Declared, Group, Made, Product, Results
from bulletin.outputs.static import STATIC, asset_paths, site_files
from bulletin.render import page_views, views
from bulletin.render.link_targets import mark_print_targets
from bulletin.render.pages import PageInputs, Shared, render_page

PRINT_CSS = "css/print-edition.css"
PDF = "pdf:"


def pdf_id(issue: Issue) -> str:
    """The id of an issue's print-edition product."""
    return PDF + issue.slug


class PdfOutput:
    """A print edition per issue, made when asked for and kept while current."""

    name = "pdf"
    needs: tuple[str, ...] = ("static",)

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Declared]) -> Iterable[Group]:
        """A group per issue, of its print edition; those not asked for are only kept,
        never made."""
        context = self.context
        site = context.site
        wanted = set(context.pdf)
        unknown = wanted - {"*"} - {issue.slug for issue in site.issues}
        if unknown:
            raise BulletinError(
                f"there is no published issue {', '.join(sorted(unknown))} to make a PDF of"
            )
        assets = views.Assets(tuple(sorted(asset_paths(declared).items())))
        shared = Shared(context.theme.stamp, context.view, assets)
        files = Loadable(site_files(declared))
        declare = functools.partial(_print_edition, self._make)
        for issue in site.issues:
            edition = PrintEdition(shared, issue, files, "*" in wanted or issue.slug in wanted)
            yield Group(pdf_id(issue), edition, declare, files.ids)

    def _make(self, inputs: PageInputs, results: Results) -> Made:
        weasyprint = _weasyprint()
        html = mark_print_targets(render_page(self.context.theme, inputs, self.context.full))
        files = {f.path: f for pid in results.reads for f in results.files(pid)}
        style = results.files(STATIC + PRINT_CSS)[0]
        base = str(inputs.page.root)
        fetcher = _site_fetcher(weasyprint, base, files)
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
        # The stylesheet's own address, so that its fonts (../fonts/) are found among the
        # site's files; a font configuration, so that WeasyPrint embeds them.
        fonts = weasyprint.text.fonts.FontConfiguration()
        stylesheet = weasyprint.CSS(
            string=style.read().decode("utf-8"),
            base_url=base + style.path,
            url_fetcher=fetcher,
            font_config=fonts,
        )
        slug = inputs.page.path.removeprefix("print-source/")
        data: bytes = document.write_pdf(
            stylesheets=[stylesheet],
            font_config=fonts,
            pdf_identifier=slug.encode(),
            pdf_variant="pdf/ua-1",
        )
        return Made((made(urls.pdf_path(slug), data),))


@dataclass(frozen=True, eq=False)
class Loadable(Keyed):
    """The ids of the site's files a print edition may load (keyed once a build)."""

    ids: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class PrintEdition:
    """What an issue's print edition is declared from: the issue, what pages share, the site's
    files it may load, and whether this build makes it."""

    shared: Shared
    issue: Issue
    files: Loadable
    wanted: bool


def _print_edition(
    make: Callable[[PageInputs, Results], Made], edition: PrintEdition
) -> Iterable[Product]:
    issue, base = edition.issue, edition.shared.site.base_url
    view = page_views.EditionView(issue, "print", base + issue.path)
    page = views.PageView(
        "print/issue.html", f"print-source/{issue.slug}", issue.title, view, root=base
    )
    yield Product(
        pdf_id(issue),
        (urls.pdf_path(issue.slug),),
        of_issue(issue, f"the print edition of {issue.display_path}"),
        edition.shared.inputs(page),
        make,
        edition.files.ids,
        wanted=edition.wanted,
    )


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
