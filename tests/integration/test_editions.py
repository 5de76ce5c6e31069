"""One source, three editions: the email (HTML and text) and the print edition (PDF)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from bulletin.commands.build import build
from bulletin.content.models import FullIssue
from bulletin.options import BuildOptions
from bulletin.outputs.pages import human_size
from bulletin.pipeline.result import BuildResult
from bulletin.render.plaintext import html_to_text
from tests.conftest import REPO, TODAY, run

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
BASE = "https://bulletin.northbrook.example/"
SLUGS = ("2026-summer", "2026-autumn", "2026-spring")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    output = tmp_path_factory.mktemp("editions") / "_site"
    result = build(BuildOptions(REPO, output=output, pdf=("*",), today=TODAY))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(
        output / "issues" / "2026-summer" / "email.html", ARTIFACTS / "email-2026-summer.html"
    )
    return output, result


def issue_named(result: BuildResult, slug: str) -> FullIssue:
    return result.issue(slug)


def pdf_of(output: Path, slug: str) -> PdfReader:
    return PdfReader(output / "issues" / slug / f"{slug}.pdf")


def words(html: str) -> str:
    return " ".join(html_to_text(html).split())


def section_openings(issue: FullIssue) -> list[str]:
    """A few words from the start of each section's prose, to look for in every edition."""
    found = []
    for section in issue.sections:
        prose = section.intro.html or (section.items[0].body.html if section.items else "")
        found.append(" ".join(words(prose).split()[:6]) if prose else section.title)
    return found


@pytest.mark.parametrize("slug", SLUGS)
def test_email_html_is_what_email_clients_render(
    built: tuple[Path, BuildResult], slug: str
) -> None:
    output, _ = built
    data = (output / "issues" / slug / "email.html").read_bytes()
    assert len(data) < 100_000  # Gmail clips longer messages
    tree = lxml_html.fromstring(data)
    assert tree.xpath("//script | //link[@rel='stylesheet']") == []
    # Every rule is inlined but the media queries (a phone's width, dark mode), which
    # cannot be: they alone stay in a <style> block, for the clients that read it.
    for style in tree.xpath("//style"):
        assert re.fullmatch(r"(\s*@media[^{]+\{(?:[^{}]*\{[^{}]*\})*\s*\}\s*)+", style.text), (
            style.text
        )
    assert '<meta name="color-scheme" content="light dark">' in data.decode()
    assert "<!--[if mso]>" in data.decode()  # Outlook's fixed 600 px column
    urls = tree.xpath("//@href | //@src")
    assert urls and all(re.match(r"^(https://|mailto:|tel:)", u) for u in urls), [
        u for u in urls if not re.match(r"^(https://|mailto:|tel:)", u)
    ]
    container = tree.xpath("//table[contains(@class, 'container')]")[0]
    assert container.get("width") == "600" and "max-width: 600px" in container.get("style")
    preheader = tree.xpath("//body/*[1]")[0]
    assert "display: none" in preheader.get("style") and preheader.text_content().strip()
    online = tree.xpath("//a[normalize-space()='Read this issue online']/@href")
    assert online[0] == BASE + f"issues/{slug}/"
    assert all(img.get("alt") for img in tree.xpath("//img"))
    assert not [src for src in tree.xpath("//img/@src") if src.endswith(".svg")]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_section_is_in_both_parts_of_the_email(
    built: tuple[Path, BuildResult], slug: str
) -> None:
    output, result = built
    issue = issue_named(result, slug)
    html_words = words((output / "issues" / slug / "email.html").read_text())
    text = (output / "issues" / slug / "email.txt").read_text()
    text_words = " ".join(text.split())
    for section, opening in zip(issue.sections, section_openings(issue), strict=True):
        assert section.title in html_words and section.title in text_words
        assert opening in html_words and opening in text_words, opening
    assert text.startswith("Northbrook Safeguarding Bulletin, issue ")
    long_lines = [line for line in text.splitlines() if len(line) > 72 and " " in line.strip()]
    assert long_lines == []  # only a lone address may be longer than 72
    if slug == "2026-summer":  # another issue's address is written out; this issue's own parts
        assert f"({BASE}issues/2026-spring/#priorities)" in text  # are in the text already
        assert "#partnership-report)" not in text and "#event-" not in text


def test_email_command_says_where_the_edition_is(built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    result = run("email", "2026-summer", "--site", REPO, "--output", output)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"HTML: {output}/issues/2026-summer/email.html",
        f"Text: {output}/issues/2026-summer/email.txt",
    ]
    missing = run("email", "2027-spring", "--site", REPO, "--output", output)
    assert missing.exit_code == 1
    assert (
        'Error: there is no issue called "2027-spring" (did you mean "2026-spring"?); '
        "the issues are: 2026-autumn, 2026-spring, 2026-summer, winter-2026"
    ) in missing.output


def test_the_email_of_a_draft_says_drafts_are_not_built(built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    result = run("email", "winter-2026", "--site", REPO, "--output", output)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: content/issues/2026-winter.md is a draft, and drafts are not built, so it has no "
        "email edition; preview it with 'bulletin serve', which builds drafts and future issues "
        "too, and open /issues/winter-2026/email.html there"
    ]


def test_the_email_of_an_issue_not_yet_due_or_not_yet_built(
    make_site: Callable[..., Path],
) -> None:
    later = "---\ntitle: Later\ndate: 2027-01-20\nsummary: s\n---\n\n## News\n\nHi.\n"
    site = make_site({"content/issues/2027-winter.md": later})
    unbuilt = run("email", "2022-summer", "--site", site)
    assert unbuilt.exit_code == 1
    assert (
        f"there is no email edition at {site}/_site/issues/2022-summer/email.html; "
        "run 'bulletin build' first"
    ) in unbuilt.output
    assert run("build", "--site", site).exit_code == 0
    result = run("email", "2027-winter", "--site", site)
    assert result.exit_code == 1
    assert (
        "content/issues/2027-winter.md is dated 2027-01-20, after today, so it is not built until "
        "then; preview it with 'bulletin serve'"
    ) in result.output


def contents_of(reader: PdfReader) -> dict[str, int]:
    """The contents table on page 2: each section's title and its page number."""
    entries = {}
    for line in reader.pages[1].extract_text(extraction_mode="layout").splitlines():
        # "1. Title      4": the number, the title, and the page number at the right.
        match = re.match(r"^\d+\.\s+(.+?)\s{2,}(\d+)$", line.strip())
        if match:
            entries[match.group(1).strip()] = int(match.group(2))
    return entries


def first_page_with_heading(reader: PdfReader, title: str) -> int:
    for number, page in enumerate(reader.pages[2:], start=3):
        if title in [line.strip() for line in page.extract_text().splitlines()]:
            return number
    raise AssertionError(f"no page starts a section called {title!r}")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pdf_contents_table_gives_the_right_pages(
    built: tuple[Path, BuildResult], slug: str
) -> None:
    output, result = built
    issue, reader = issue_named(result, slug), pdf_of(output, slug)
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4
    assert len(reader.pages) >= 3
    cover = reader.pages[0].extract_text()
    assert issue.title in cover and "Issue " in cover and "2026" in cover
    contents = contents_of(reader)
    assert list(contents) == [section.title for section in issue.sections]
    for title, page in contents.items():
        assert first_page_with_heading(reader, title) == page, title
    footer = reader.pages[2].extract_text()
    assert f"Page 3 of {len(reader.pages)}" in footer


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pdf_carries_every_section_and_shows_link_targets(
    built: tuple[Path, BuildResult], slug: str
) -> None:
    output, result = built
    issue, reader = issue_named(result, slug), pdf_of(output, slug)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for opening in section_openings(issue):
        assert opening in text, opening
    if slug == "2026-summer":
        assert (
            "(https://www.northbrook.example/fostering)"
            in text.replace(" ", "").replace("(https", " (https").replace(" ", "")
            or "www.northbrook.example/fostering" in text
        )


def test_each_issue_page_links_its_pdf_with_its_size(built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    page = lxml_html.fromstring((output / "issues" / "2026-summer" / "index.html").read_bytes())
    link = page.xpath("//p[@class='download']/a")[0]
    assert link.get("href") == "../../issues/2026-summer/2026-summer.pdf"
    size = human_size((output / "issues" / "2026-summer" / "2026-summer.pdf").stat().st_size)
    assert link.text_content().strip() == f"Download this issue as a PDF ({size})"


def test_pdf_first_page_as_a_picture_for_people_to_look_at(built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = output / "issues" / "2026-summer" / "2026-summer.pdf"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(ARTIFACTS / "pdf-2026-summer-page-1"),
        ],
        check=True,
        timeout=60,
    )
    assert (ARTIFACTS / "pdf-2026-summer-page-1.png").stat().st_size > 1000


def test_pdf_command_makes_only_the_issues_named(example_site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    result = run("pdf", "2026-spring", "--site", example_site, "--output", output)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"PDF: {output}/issues/2026-spring/2026-spring.pdf"
    assert (output / "issues" / "2026-spring" / "2026-spring.pdf").is_file()
    assert not (output / "issues" / "2026-summer" / "2026-summer.pdf").exists()
    unknown = run("pdf", "2031-winter", "--site", example_site, "--output", output)
    assert unknown.exit_code == 1
    assert "there is no published issue 2031-winter to make a PDF of" in unknown.output
