"""The command line: thin click wrappers over bulletin.commands.

No logic lives here that a test would need to reach through click. Errors
meant for people are `BulletinError`s, which click prints without a traceback;
anything else is a bug in bulletin, reported as such, also without a traceback
unless BULLETIN_DEBUG is set.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from bulletin import __version__
from bulletin.content.source import shown_path
from bulletin.errors import BuildError, BulletinError
from bulletin.options import BuildOptions, today

if TYPE_CHECKING:
    from bulletin.cache import InputsCheck
    from bulletin.commands.build import BuildResult

# Each command imports the parts of bulletin it needs when it runs: loading
# every library for every command would cost more than a build that finds
# nothing to do takes in all.

#: Read issues in a pool of processes, one per core, when a build has many to read.
ALL_CORES = 0
#: Fewer items than this go by too fast for a progress bar to help.
PROGRESS_FROM = 50
T = TypeVar("T")

SITE_OPTION = click.option(
    "--site",
    "site_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The site folder: the one holding content/ (and any templates/ and static/).",
)
OUTPUT_OPTION = click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The site's output folder.  [default: _site in the site folder]",
)
DRAFTS_OPTION = click.option("--drafts", is_flag=True, help="Include issues marked draft: true.")
FUTURE_OPTION = click.option(
    "--future", is_flag=True, help="Include issues dated after today (in the site's time zone)."
)
BASE_URL_OPTION = click.option(
    "--base-url", help="Override base_url from site.yaml, e.g. for a preview."
)
STRICT_OPTION = click.option(
    "--strict", is_flag=True, help="Treat every warning as an error (useful in CI)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulletin")
def cli() -> None:
    """bulletin: write newsletter issues in Markdown, publish them as a website."""


@cli.command("build")
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
    options = BuildOptions(
        site_root,
        output,
        drafts=drafts,
        future=future,
        base_url=base_url,
        strict=strict,
        pdf=("*",) if pdf else (),
        workers=ALL_CORES,
        use_cache=not no_cache,
    )
    if options.use_cache:
        from bulletin.cache import check_inputs

        started = time.perf_counter()
        inputs = check_inputs(options)
        if report_up_to_date(options, inputs, started):
            return
        run_build(options, inputs)
    else:
        run_build(options)


def report_up_to_date(options: BuildOptions, inputs: InputsCheck, started: float) -> bool:
    """If nothing changed since the last build, say so (with its warnings) and return True."""
    from bulletin.cache import up_to_date

    record = up_to_date(options, inputs)
    if record is None:
        return False
    for warning in record.warnings:
        click.echo(warning, err=True)
    noun = "issue" if record.issues == 1 else "issues"
    click.echo(
        f"Nothing changed: {record.issues} {noun}, {record.pages} pages already in "
        f"{shown_path(options.output_dir)}/ (checked in {time.perf_counter() - started:.2f} s)"
    )
    return True


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: it would walk every new object again and again
    (a tenth of an edit's rebuild, while the pipeline's libraries load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def terminal_progress(items: list[T], label: str) -> AbstractContextManager[Iterable[T]]:
    """A progress bar on the terminal for steps long enough to wait for."""
    from bulletin.commands.build import no_progress

    if len(items) < PROGRESS_FROM or not sys.stderr.isatty():
        return no_progress(items, label)
    return click.progressbar(items, label=label, file=sys.stderr, show_pos=True)


def run_build(options: BuildOptions, inputs: InputsCheck | None = None) -> BuildResult:
    """Build and write, printing problems or the one-line summary."""
    with _collector_paused():  # importing makes objects by the million, and no garbage
        from bulletin.commands.build import build

    try:
        result = build(
            options, terminal_progress, lambda notice: click.echo(notice, err=True), inputs
        )
    except BuildError as err:
        report_problems(err)
        raise click.ClickException(
            f"build failed ({err.message}); {options.output_dir} was left as it was"
        ) from err
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    click.echo(result.summary(options.output_dir))
    return result


@cli.command("pdf")
@click.argument("slugs", nargs=-1, required=True)
@SITE_OPTION
@OUTPUT_OPTION
def pdf_command(slugs: tuple[str, ...], site_root: Path, output: Path | None) -> None:
    """Build the site with the print edition (PDF) of the issues named, e.g. 2026-summer."""
    from bulletin.outputs.pdf import pdf_path

    result = run_build(
        BuildOptions(site_root, output, pdf=slugs, workers=ALL_CORES, use_cache=True)
    )
    out = output if output is not None else site_root / "_site"
    for issue in result.site.issues:
        if issue.slug in slugs:
            click.echo(f"PDF: {shown_path(out / pdf_path(issue))}")


@cli.command("email")
@click.argument("slug")
@SITE_OPTION
@OUTPUT_OPTION
@click.option("--open", "open_it", is_flag=True, help="Open the HTML part in a browser.")
def email_command(slug: str, site_root: Path, output: Path | None, open_it: bool) -> None:
    """Show where an issue's email edition is (HTML and plain text), after a build."""
    out = output if output is not None else site_root / "_site"
    html = out / "issues" / slug / "email.html"
    text = out / "issues" / slug / "email.txt"
    if not html.is_file():
        from bulletin.commands.unbuilt import why_no_edition

        raise BulletinError(why_no_edition(site_root, slug, html, "email edition"))
    click.echo(f"HTML: {shown_path(html)}")
    click.echo(f"Text: {shown_path(text)}")
    if open_it:
        import webbrowser

        webbrowser.open(html.resolve().as_uri())


@cli.command("check")
@SITE_OPTION
@DRAFTS_OPTION
@FUTURE_OPTION
@STRICT_OPTION
@click.option(
    "--external", is_flag=True, help="Also check links to other sites (needs the internet)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the problems: for people, or for CI.",
)
def check_command(
    site_root: Path, drafts: bool, future: bool, strict: bool, external: bool, output_format: str
) -> None:
    """Check everything a build checks, and more, without writing anything.

    Prints every problem as file:line: message, errors first. Exits with
    status 1 if there is any error.
    """
    options = BuildOptions(
        site_root, drafts=drafts, future=future, strict=strict, workers=ALL_CORES
    )
    from bulletin.commands.check import run_check

    report = run_check(options, external)
    click.echo(report.as_json() if output_format == "json" else report.as_text())
    if report.errors:
        sys.exit(1)


@cli.command("new")
@click.argument("title")
@SITE_OPTION
@click.option("--slug", help="The file name (without .md), if not made from the title.")
@click.option(
    "--date",
    "issue_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The issue's date, as YYYY-MM-DD.  [default: today]",
)
def new_command(
    title: str, site_root: Path, slug: str | None, issue_date: dt.datetime | None
) -> None:
    """Start a new issue called TITLE, e.g. bulletin new "Autumn 2026".

    Writes content/issues/<slug>.md from the archetype, as a draft, carrying
    forward the latest issue's contacts, signature, priorities and upcoming
    events. Never overwrites an existing file.
    """
    from bulletin.commands.new import new_issue

    date = issue_date.date() if issue_date else today()
    path = new_issue(site_root, title, date, slug)
    click.echo(f"Created {shown_path(path)}")
    click.echo("It is a draft: fill in each TODO ('bulletin check' lists them), then remove")
    click.echo("'draft: true' to publish it. Preview it with 'bulletin serve'.")


@cli.command("serve")
@SITE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to serve on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve_command(site_root: Path, host: str, port: int) -> None:
    """Preview the site, drafts included, rebuilding and reloading on every save.

    Open the address it prints in a browser. Pages reload by themselves when
    anything in content/, templates/ or static/ changes. Press Ctrl-C to stop.
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: serving on {host} lets other computers on the network see the preview, "
            "drafts included",
            err=True,
        )
    from bulletin.commands.serve import serve

    serve(site_root, host, port, click.echo)


@cli.command("publish")
@SITE_OPTION
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Publish into this folder (for any web server) instead of a git branch.",
)
@click.option("--branch", default="gh-pages", show_default=True, help="The branch to publish to.")
@click.option("--remote", default="origin", show_default=True, help="The remote to push to.")
@click.option("--no-push", is_flag=True, help="Commit to the branch, but do not push it.")
@click.option("--message", "-m", help="The commit message.")
@BASE_URL_OPTION
@STRICT_OPTION
def publish_command(
    site_root: Path,
    folder: Path | None,
    branch: str,
    remote: str,
    no_push: bool,
    message: str | None,
    base_url: str | None,
    strict: bool,
) -> None:
    """Build the site and publish it: to a gh-pages branch, or --to a folder.

    Drafts and issues dated after today are never published. A build with
    any error publishes nothing.
    """
    from bulletin.commands.publish import Destination, publish

    options = BuildOptions(site_root, base_url=base_url, strict=strict, workers=ALL_CORES)
    destination = Destination(folder, branch, remote, not no_push, message)
    try:
        result = publish(options, destination)
    except BuildError as err:
        report_problems(err)
        raise click.ClickException(f"nothing was published ({err.message})") from err
    where = shown_path(folder) + "/" if folder else f"the {branch} branch"
    pushed = "" if folder or no_push else f" and pushed it to {remote}"
    click.echo(f"Published {len(result.site.issues)} issues to {where}{pushed}.")


def report_problems(err: BuildError) -> None:
    """Print every problem, one per line, as file:line: field: message."""
    for problem in err.problems:
        click.echo(str(problem), err=True)


def main() -> None:
    """Entry point: run the CLI, and keep tracebacks away from editors."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Stopped.", err=True)
        sys.exit(1)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except Exception as err:  # a bug in bulletin, not a mistake by the editor
        if os.environ.get("BULLETIN_DEBUG"):
            raise
        click.echo(
            f"bulletin stopped because of an internal error ({type(err).__name__}: {err}). "
            "Nothing was changed. Please report this; run with BULLETIN_DEBUG=1 for details.",
            err=True,
        )
        sys.exit(70)


__all__ = ["BulletinError", "cli", "main"]
