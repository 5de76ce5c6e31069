"""Command line: build, pdf and email: the site and its editions, written to the output folder."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bulletin.cli.options import (
    BASE_URL_OPTION,
    DRAFTS_OPTION,
    FUTURE_OPTION,
    OUTPUT_OPTION,
    SITE_OPTION,
    STRICT_OPTION,
    loading_code,
    report_problems,
    terminal_progress,
)
from bulletin.cli.unchanged import ALL_CORES, build_options, nothing_changed
from bulletin.cli.voice import counted, detail, say, voice_options, warn
from bulletin.content.source import shown_path
from bulletin.errors import BuildError, BulletinError
from bulletin.options import BuildOptions

if TYPE_CHECKING:
    from bulletin.cache import InputsCheck
    from bulletin.pipeline.result import BuildResult


@click.command("build")
@voice_options
@SITE_OPTION
@OUTPUT_OPTION
@DRAFTS_OPTION
@FUTURE_OPTION
@BASE_URL_OPTION
@STRICT_OPTION
@click.option("--pdf", is_flag=True, help="Also make each issue's print edition (PDF).")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Build from nothing, neither using nor keeping .bulletin-cache/.",
)
def build_command(
    site_root: Path,
    output: Path | None,
    drafts: bool,
    future: bool,
    base_url: str | None,
    strict: bool,
    pdf: bool,
    no_cache: bool,
) -> None:
    """Build the site from content/ into _site/ (or --output).

    Only what changed since the last build is done again: the build keeps
    what it made in .bulletin-cache/ (safe to delete) for the next one.
    """
    options = build_options(
        site_root,
        output,
        drafts=drafts,
        future=future,
        base_url=base_url,
        strict=strict,
        pdf=pdf,
        no_cache=no_cache,
    )
    if not options.use_cache:
        run_build(options)
        return
    from bulletin.cache import InputsCheck, check_inputs

    handed_on = click.get_current_context().obj  # found changed already (`cli.unchanged`)
    if isinstance(handed_on, InputsCheck) and handed_on.options == options:
        run_build(options, handed_on)
        return
    started = time.perf_counter()
    inputs = check_inputs(options)
    if not report_up_to_date(options, inputs, started):
        run_build(options, inputs)


def report_up_to_date(options: BuildOptions, inputs: InputsCheck, started: float) -> bool:
    """If nothing changed since the last build, say so (with its warnings) and return True."""
    from bulletin.cache import up_to_date

    record = up_to_date(options, inputs)
    if record is None:
        return False
    for warning in record.warnings:
        warn(warning)
    say(nothing_changed(options, record, started))
    return True


def run_build(options: BuildOptions, inputs: InputsCheck | None = None) -> BuildResult:
    """Build and write, printing problems or the one-line summary."""
    with loading_code():
        from bulletin.commands.build import build

    try:
        result = build(options, terminal_progress, warn, inputs)
    except BuildError as err:
        report_problems(err)
        raise click.ClickException(
            f"build failed ({err.message}); {shown_path(options.output_dir)} was left as it was"
        ) from err
    for warning in result.warnings:
        warn(str(warning))
    detail(
        f"Read {result.reloaded_issues} of {result.issue_files} issue files again; made "
        f"{counted(result.made, 'product')} ({counted(result.rendered_pages, 'page')}) "
        f"and reused {result.reused}."
    )
    say(result.summary(options.output_dir))
    return result


@click.command("pdf")
@voice_options
@click.argument("slugs", nargs=-1, required=True)
@SITE_OPTION
@OUTPUT_OPTION
def pdf_command(slugs: tuple[str, ...], site_root: Path, output: Path | None) -> None:
    """Build the site with the print edition (PDF) of the issues named, e.g. 2026-summer."""
    from bulletin.urls import pdf_path

    result = run_build(
        BuildOptions(site_root, output, pdf=slugs, workers=ALL_CORES, use_cache=True)
    )
    out = output if output is not None else site_root / "_site"
    for issue in result.site.issues:
        if issue.slug in slugs:
            say(f"PDF: {shown_path(out / pdf_path(issue.slug))}")


@click.command("email")
@voice_options
@click.argument("slug")
@SITE_OPTION
@OUTPUT_OPTION
@click.option("--open", "open_it", is_flag=True, help="Open the HTML part in a browser.")
def email_command(slug: str, site_root: Path, output: Path | None, open_it: bool) -> None:
    """Show where an issue's email edition is (HTML and plain text), after a build."""
    from bulletin.urls import email_paths

    out = output if output is not None else site_root / "_site"
    html, text = (out / path for path in email_paths(slug))
    if not html.is_file():
        from bulletin.commands.unbuilt import why_no_edition

        raise BulletinError(why_no_edition(site_root, slug, html, "email edition"))
    say(f"HTML: {shown_path(html)}")
    say(f"Text: {shown_path(text)}")
    if open_it:
        import webbrowser

        webbrowser.open(html.resolve().as_uri())
