"""The output protocol: products ordered by what they need, two products never writing one
path, and print editions kept for as long as they are current."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bulletin.outputs.protocol import Made, Origin, Product, clashes, ordered
from tests.conftest import REPO, run, tree_digest
from tests.integration.edits import issue, replace_in

EVENT_ID = "    id: practice-day-2026\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(REPO / "content", folder / "content")
    return folder


class _Output:
    def __init__(self, name: str, needs: tuple[str, ...] = ()) -> None:
        self.name, self.needs = name, needs

    def products(self, declared: object) -> list[Product]:
        return []


def _product(
    pid: str, paths: tuple[str, ...], origin: Origin, claims: tuple[str, ...] = ()
) -> Product:
    return Product(pid, paths, origin, None, lambda i, r: Made(), claims=claims)


def test_outputs_are_ordered_by_what_they_need() -> None:
    pages, search, static = (
        _Output("pages", ("static",)),
        _Output("search", ("pages",)),
        _Output("static"),
    )
    assert [o.name for o in ordered([search, pages, static])] == ["static", "pages", "search"]
    with pytest.raises(ValueError, match="circle"):
        ordered([_Output("a", ("b",)), _Output("b", ("a",))])
    with pytest.raises(ValueError, match="not registered"):
        ordered([_Output("a", ("nothing",))])


def test_a_path_inside_a_folder_another_product_claims_is_a_clash() -> None:
    index = _product(
        "search:2026",
        (),
        Origin("the search index", what="a part of the index"),
        ("pagefind/2026/",),
    )
    page = _product(
        "page:x", ("pagefind/2026/page.html",), Origin("content/issues/x.md", 3, subject='slug "x"')
    )
    (problem,) = clashes([index, page])
    assert str(problem) == (
        'content/issues/x.md:3: slug "x" would write pagefind/2026/page.html, which is a part of '
        "the index; change one of them"
    )
    assert clashes([index, _product("page:y", ("pagefind/2026-y.html",), Origin("y"))]) == []


@pytest.mark.parametrize("cached", [False, True], ids=["cold", "cached"])
def test_an_event_id_that_would_overwrite_the_issue_calendar_is_refused(
    site: Path, cached: bool
) -> None:
    flags = () if cached else ("--no-cache",)
    assert run("build", "--site", site, *flags).exit_code == 0
    before = tree_digest(site / "_site")
    replace_in(issue(site), EVENT_ID, "    id: events\n")
    result = run("build", "--site", site, *flags)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        'content/issues/2026-summer.md:72: events[5].id "events" would write '
        "issues/2026-summer/events.ics, which is the issue's own calendar; choose another id"
    )
    assert "internal error" not in result.stderr
    assert tree_digest(site / "_site") == before


@pytest.mark.parametrize("cached", [False, True], ids=["cold", "cached"])
def test_two_issues_at_one_address_after_slug_are_refused(site: Path, cached: bool) -> None:
    flags = () if cached else ("--no-cache",)
    assert run("build", "--site", site, *flags).exit_code == 0
    before = tree_digest(site / "_site")
    replace_in(issue(site, "2026-autumn"), "number: 9\n", "number: 9\nslug: 2026-summer\n")
    result = run("build", "--site", site, *flags)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        'content/issues/2026-autumn.md:5: slug "2026-summer" would write '
        "issues/2026-summer/index.html, which is the page of content/issues/2026-summer.md; "
        "rename one file or give it its own 'slug:'"
    )
    assert tree_digest(site / "_site") == before


def pdfs(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "_site" / "issues").rglob("*.pdf"))


def links_a_pdf(site: Path, slug: str) -> bool:
    return f"{slug}.pdf" in (site / "_site" / "issues" / slug / "index.html").read_text()


def test_print_editions_are_kept_while_current_and_linked_only_when_there(site: Path) -> None:
    assert run("pdf", "2026-spring", "--site", site).exit_code == 0
    result = run("pdf", "2026-autumn", "--site", site)
    assert result.exit_code == 0 and "discarded" not in result.stderr
    assert pdfs(site) == ["2026-autumn.pdf", "2026-spring.pdf"]  # the first is kept
    assert run("build", "--site", site).exit_code == 0
    assert pdfs(site) == ["2026-autumn.pdf", "2026-spring.pdf"]  # a plain build keeps both
    assert links_a_pdf(site, "2026-spring") and not links_a_pdf(site, "2026-summer")
    replace_in(issue(site, "2026-spring"), "This is my first bulletin", "This is my bulletin")
    assert run("build", "--site", site).exit_code == 0
    assert pdfs(site) == ["2026-autumn.pdf"]  # out of date, so no longer published
    assert not links_a_pdf(site, "2026-spring")
    again = run("pdf", "2026-autumn", "--site", site)
    assert again.exit_code == 0 and again.stderr == ""


def test_build_with_pdf_makes_every_print_edition_in_the_same_build(site: Path) -> None:
    result = run("build", "--site", site, "--pdf")
    assert result.exit_code == 0, result.output
    assert pdfs(site) == ["2026-autumn.pdf", "2026-spring.pdf", "2026-summer.pdf"]
    assert all(links_a_pdf(site, slug) for slug in ("2026-autumn", "2026-spring", "2026-summer"))


def test_serve_makes_every_part_of_the_search_index_after_the_build(site: Path) -> None:
    """serve builds without the index, then makes it in the background: every part's files,
    not only the interface's (its parts used to wait for a page that was never settled)."""
    from bulletin.options import BuildOptions
    from bulletin.pipeline.builder import SiteBuilder

    builder = SiteBuilder(BuildOptions(site_root=site, index_search=False))
    result = builder.build()
    paths = {file.path for file in builder.search_files(result)}
    assert "pagefind/pagefind-ui.js" in paths
    parts = {path.split("/")[1] for path in paths if path.endswith("pagefind-entry.json")}
    assert parts, sorted(paths)[:20]


def test_issue_pages_are_rendered_before_the_list_pages(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index's parts read the issue pages and nothing else: rendered first, a
    part's run of Pagefind goes on beside the list pages instead of after them."""
    from bulletin.options import BuildOptions
    from bulletin.outputs import pages
    from bulletin.pipeline.builder import SiteBuilder

    rendered: list[str] = []
    render = pages.render_page

    def recording(theme: object, inputs: pages.PageInputs, full: object) -> str:
        rendered.append(inputs.page.template)
        return render(theme, inputs, full)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "render_page", recording)
    SiteBuilder(BuildOptions(site_root=site)).build()
    issues = [n for n, template in enumerate(rendered) if template == "issue.html"]
    assert issues == list(range(3)), rendered
    assert {"home.html", "archive.html", "topic.html"} <= set(rendered[3:])
