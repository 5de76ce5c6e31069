"""The print edition is a tagged PDF/UA-1 document, read back from the built file.

Each claim is checked in the PDF's own objects (with pypdf) and, where poppler
is installed, by `pdfinfo`: not taken on trust from WeasyPrint.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from bulletin.commands.build import build
from bulletin.content.models import FullIssue
from bulletin.options import BuildOptions
from bulletin.pipeline.result import BuildResult
from tests.conftest import REPO, TODAY, run

SLUGS = ("2026-summer", "2026-autumn", "2026-spring")
SITE_TITLE = "Northbrook Safeguarding Bulletin"
LOGO_ALT = "Northbrook Safeguarding Children Partnership"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    output = tmp_path_factory.mktemp("print") / "_site"
    return output, build(BuildOptions(REPO, output=output, pdf=("*",), today=TODAY))


def pdf_file(built: tuple[Path, BuildResult], slug: str) -> Path:
    return built[0] / "issues" / slug / f"{slug}.pdf"


def issue_named(built: tuple[Path, BuildResult], slug: str) -> FullIssue:
    return built[1].issue(slug)


def window_title(issue: FullIssue) -> str:
    """The print edition's title: the issue's, then the site's, after an en dash."""
    return f"{issue.title} \N{EN DASH} {SITE_TITLE}"


def elements(node: Any) -> Iterator[DictionaryObject]:
    """Every structure element under a node of the structure tree, in reading order."""
    node = node.get_object()
    kids = node.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject):
            child = kid.get_object()
            if isinstance(child, DictionaryObject) and child.get("/Type") == "/StructElem":
                yield child
                yield from elements(child)


def structure(reader: PdfReader) -> list[DictionaryObject]:
    return list(elements(reader.trailer["/Root"]["/StructTreeRoot"]))


def kinds(reader: PdfReader) -> list[str]:
    return [str(element["/S"]) for element in structure(reader)]


def outline_titles(outline: list[Any], depth: int = 0) -> list[tuple[int, str]]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles += outline_titles(entry, depth + 1)
        else:
            titles.append((depth, str(entry.title)))
    return titles


def item_image_alts(issue: FullIssue) -> set[str]:
    """The descriptions of the pictures in an issue's stories."""
    return {item.image.alt for section in issue.sections for item in section.items if item.image}


def picture_alts(issue: FullIssue) -> set[str]:
    """The descriptions of every picture in an issue's print edition: the logo, the cover."""
    cover = {issue.cover.alt} if issue.cover else set()
    return {LOGO_ALT} | cover | item_image_alts(issue)


def closing_headings(issue: FullIssue) -> list[str]:
    """The heading after the sections: the call for contributions, with the next issue's date."""
    if issue.contributions is None and issue.next_issue is None:
        return []
    return [issue.contributions.heading if issue.contributions else "Get involved"]


@pytest.mark.parametrize("slug", SLUGS)
def test_pdfinfo_reads_the_pdf_as_tagged(built: tuple[Path, BuildResult], slug: str) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(
        ["pdfinfo", str(pdf_file(built, slug))],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes"
    assert fields["Metadata Stream"].strip() == "yes"
    assert fields["Title"].strip() == window_title(issue_named(built, slug))


@pytest.mark.parametrize("slug", SLUGS)
def test_the_catalog_declares_pdf_ua_with_language_and_window_title(
    built: tuple[Path, BuildResult], slug: str
) -> None:
    reader = PdfReader(pdf_file(built, slug))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    title = window_title(issue_named(built, slug))
    assert reader.metadata is not None and reader.metadata.title == title
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert title in xmp  # dc:title, which PDF/UA asks for beside the document information
    assert reader.pdf_header == "%PDF-1.7"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_structure_tree_has_the_issues_headings(
    built: tuple[Path, BuildResult], slug: str
) -> None:
    reader, issue = PdfReader(pdf_file(built, slug)), issue_named(built, slug)
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    assert next(str(e["/S"]) for e in elements(root)) == "/Document"
    found = kinds(reader)
    assert found.count("/H1") == 1  # the issue's title, on the cover
    # each section, "This issue", and the call for contributions
    assert found.count("/H2") == len(issue.sections) + 1 + len(closing_headings(issue))
    assert found.index("/H1") < found.index("/H2")
    nested = len([1 for depth, _ in outline_titles(reader.outline) if depth])
    assert found.count("/H3") + found.count("/H4") == nested  # items, events; courses
    assert {"/P", "/L", "/LI", "/LBody", "/Link", "/Sect"} <= set(found)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_figure_has_its_alt_text(built: tuple[Path, BuildResult], slug: str) -> None:
    reader, issue = PdfReader(pdf_file(built, slug)), issue_named(built, slug)
    figures = [element for element in structure(reader) if element["/S"] == "/Figure"]
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert all(alt.strip() for alt in alts), alts
    assert set(alts) == picture_alts(issue)
    assert len(figures) == len(picture_alts(issue))


def test_the_summer_issue_has_a_picture_to_describe(built: tuple[Path, BuildResult]) -> None:
    """So that the figure test above checks more than the logo."""
    assert item_image_alts(issue_named(built, "2026-summer")) == {
        "A simple drawing of a house with a heart in its doorway"
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_every_link_has_contents_and_a_place_in_the_tree(
    built: tuple[Path, BuildResult], slug: str
) -> None:
    reader = PdfReader(pdf_file(built, slug))
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    links = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object()["/Subtype"] == "/Link"
    ]
    assert len(links) > 10
    for link in links:
        assert str(link["/Contents"]).strip(), link
        assert parents[int(link["/StructParent"])].get_object()["/S"] == "/Link"
    assert all(page["/Tabs"] == "/S" for page in reader.pages)  # Tab follows the structure


@pytest.mark.parametrize("slug", SLUGS)
def test_bookmarks_follow_the_sections(built: tuple[Path, BuildResult], slug: str) -> None:
    reader, issue = PdfReader(pdf_file(built, slug)), issue_named(built, slug)
    titles = outline_titles(reader.outline)
    top = [title for depth, title in titles if depth == 0]
    sections = [section.title for section in issue.sections]
    assert top == [issue.title, "This issue", *sections, *closing_headings(issue)]
    nested = [title for depth, title in titles if depth == 1]
    for item in (item for section in issue.sections for item in section.items):
        assert any(item.title in title for title in nested), item.title  # "Priority 1: ..."
    assert {event.title for event in issue.events} <= set(nested)


def test_page_headers_and_numbers_are_artifacts(built: tuple[Path, BuildResult]) -> None:
    """Running heads and page numbers are marked as artifacts, outside the reading order."""
    reader = PdfReader(pdf_file(built, "2026-summer"))
    for page in reader.pages[1:]:
        content = page.get_contents()
        assert content is not None and b"/Artifact\nBMC" in content.get_data()


def test_the_contents_table_reads_as_words_and_numbers(built: tuple[Path, BuildResult]) -> None:
    """No leader dots in the text: a screen reader says "Foreword 3", not "dot dot dot"."""
    text = PdfReader(pdf_file(built, "2026-summer")).pages[1].extract_text()
    assert ". . ." not in text


def test_the_accessibility_statement_says_what_the_pdfs_are(
    built: tuple[Path, BuildResult],
) -> None:
    statement = lxml_html.fromstring((built[0] / "accessibility" / "index.html").read_bytes())
    text = " ".join(statement.xpath("string(//main)").split())
    assert "is a tagged PDF, to the PDF/UA-1 standard" in text
    assert "checked by machine but not audited by hand" in text
    assert "the link's address, or the name of the section it leads to" in text
    assert "The print editions (PDF)" in statement.xpath("//main//h2/text()")


def test_without_weasyprint_the_message_says_what_to_install(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    result = run("build", "--pdf", "--site", example_site, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "making PDFs needs WeasyPrint: pip install 'weasyprint>=68' where bulletin is" in (
        result.stderr
    )
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
