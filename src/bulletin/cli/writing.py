"""Command line: init, new, check and serve: making a site, writing issues, checking, previewing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from bulletin.cli.options import (
    SITE_OPTION,
    STRICT_OPTION,
    loading_code,
)
from bulletin.cli.unchanged import ALL_CORES
from bulletin.cli.voice import QUIET, level, say, voice_options, warn
from bulletin.content.source import shown_path
from bulletin.options import BuildOptions, today


@click.command("check")
@voice_options
@SITE_OPTION
@click.option(
    "--drafts",
    is_flag=True,
    help="Check as if drafts were published (links to them are then not mistakes).",
)
@click.option(
    "--future",
    is_flag=True,
    help="Check as if issues dated after today were published.",
)
@STRICT_OPTION
@click.option(
    "--external", is_flag=True, help="Also check links to other sites (needs the internet)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="How to print the problems: for people, for CI, or as GitHub annotations.",
)
def check_command(
    site_root: Path, drafts: bool, future: bool, strict: bool, external: bool, output_format: str
) -> None:
    """Check every issue file, drafts and issues dated after today included, without
    publishing anything.

    Prints every problem as file:line: message, errors first, marking those in
    issues not published yet, then what was checked. Links are checked as the
    published site will have them: a link to a draft is a mistake. Exits with
    status 1 if there is any error.
    """
    options = BuildOptions(
        site_root, drafts=drafts, future=future, strict=strict, workers=ALL_CORES, use_cache=True
    )
    with loading_code():
        from bulletin.commands.check import run_check

    report = run_check(options, external, warn)
    if output_format == "github":
        click.echo(report.as_github(options.site_root))
    elif output_format == "json":
        click.echo(report.as_json())
    elif level() == QUIET:
        for problem in report.problems[: len(report.errors)]:  # errors come first
            click.echo(str(problem))
    else:
        click.echo(report.as_text())
    if report.errors:
        sys.exit(1)


@click.command("new")
@voice_options
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
    say(f"Created {shown_path(path)}")
    say("It is a draft: fill in each TODO ('bulletin check' lists them), then remove")
    say("'draft: true' to publish it. Preview it with 'bulletin serve'.")


@click.command("init")
@voice_options
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--title", help="The newsletter's name.  [default: made from the folder's name]")
@click.option("--organisation", help="Who publishes it.  [default: the newsletter's name]")
@click.option(
    "--base-url", help="Its web address.  [default: its GitHub Pages address, from the git remote]"
)
@click.option("--email", help="The email address readers write to (shown in the contacts).")
@click.option("--phone", help="A phone number for readers (optional).")
@click.option("--yes", "-y", "no_questions", is_flag=True, help="Ask nothing; use the defaults.")
def init_command(
    folder: Path,
    title: str | None,
    organisation: str | None,
    base_url: str | None,
    email: str | None,
    phone: str | None,
    no_questions: bool,
) -> None:
    """Make a new site in FOLDER (default: this one), ready to publish on GitHub Pages.

    Writes content/site.yaml (from the answers, asked for at a terminal), a
    first issue, the editors' guide, a README, .gitignore, requirements.txt (the
    version of bulletin), constraints.txt (every library's) and the GitHub
    workflow that checks pull requests and publishes. Never writes over a file.
    """
    from bulletin.commands.init import init_site
    from bulletin.commands.init_answers import TerminalAsker, at_a_terminal, gather_answers

    given = {"title": title, "organisation": organisation, "base_url": base_url}
    given |= {"email": email, "phone": phone}
    asker = TerminalAsker() if at_a_terminal() and not no_questions else None
    site = init_site(folder, gather_answers(folder, given, asker), today())
    for line in site.report():
        say(line)


@click.command("serve")
@voice_options
@SITE_OPTION
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to serve on; the preview answers only to it and this computer's names.",
)
@click.option(
    "--port",
    "-p",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="The port to serve on.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
def serve_command(site_root: Path, host: str, port: int, open_browser: bool) -> None:
    """Preview the site, drafts included, rebuilding and reloading on every save.

    Open the address it prints in a browser (or give --open). Pages reload by
    themselves when anything in content/, templates/ or static/ changes.
    Press Ctrl-C to stop.
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        warn(
            f"warning: serving on {host} lets other computers on the network see the preview, "
            "drafts included"
        )
    with loading_code():
        from bulletin.commands.serve import serve

    serve(site_root, host, port, click.echo, say, open_browser)
