"""Build options: drafts, a sub-path base URL, and the output folder."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run
from tests.integration.helpers import broken_links, page


def test_drafts_flag_includes_drafts(example_site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    result = run("build", "--site", example_site, "--output", output, "--drafts", "--future")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built 4 issues")
    draft = page(output, "issues/winter-2026/index.html")
    assert "Draft" in draft.xpath("string(//p[@class='issue-header__meta'])")


def test_links_work_under_a_sub_path(example_site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    base = "https://example.github.io/newsletter/"
    result = run("build", "--site", example_site, "--output", output, "--base-url", base)
    assert result.exit_code == 0, result.output
    assert broken_links(output) == []
    summer = page(output, "issues/2026-summer/index.html")
    assert summer.xpath("//link[@rel='canonical']/@href") == [f"{base}issues/2026-summer/"]
    not_found = page(output, "404.html")
    hrefs = not_found.xpath("//a/@href")
    assert "/newsletter/issues/" in hrefs
    # The site's own pages from its root; the footer's sign-up link is another site's page.
    assert all(
        h.startswith(("/newsletter/", "#", "https://www.northbrook.example/")) for h in hrefs
    ), hrefs


def test_output_defaults_to_site_folder_underscore_site(example_site: Path) -> None:
    result = run("build", "--site", example_site)
    assert result.exit_code == 0, result.output
    assert (example_site / "_site" / "index.html").is_file()


def test_refuses_to_replace_a_folder_it_did_not_make(example_site: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    result = run("build", "--site", example_site, "--output", precious)
    assert result.exit_code != 0
    assert "refusing to replace" in result.output and "did not write" in result.output
    assert sorted(p.name for p in precious.iterdir()) == ["thesis.docx"]
    assert (precious / "thesis.docx").read_text() == "years of work"


def test_refuses_to_write_over_the_site_itself(example_site: Path) -> None:
    result = run("build", "--site", example_site, "--output", example_site / "content")
    assert result.exit_code != 0
    assert "refusing to write the site to" in result.output


def test_rebuild_replaces_the_previous_output(example_site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert run("build", "--site", example_site, "--output", output).exit_code == 0
    (example_site / "content" / "issues" / "2026-autumn.md").unlink()
    assert run("build", "--site", example_site, "--output", output).exit_code == 0
    assert not (output / "issues" / "2026-autumn").exists()
    # No scratch folder is left; the spare the update was made on stays for the next one.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".out.spare"]
