"""Command line: "Nothing changed", answered before click and the commands are loaded.

A build that finds nothing to do is the command run most (an editor runs it
to be sure, CI on every push), and at 1,000 issues a third of its tenth of a
second went to loading click and every command's module. So `main` asks here
first, for a plain `bulletin build` run in the site folder: any option, or
any other folder, goes through click, which parses it. What was hashed here
is handed on to the build command when something did change, so that no
input is hashed twice.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bulletin.commands.site_folder import holds_site
from bulletin.options import BuildOptions

#: typing.TYPE_CHECKING, without loading typing (3 ms) on this path: mypy reads it as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from bulletin.cache import InputsCheck, Record

#: Read issues in a pool of processes, one per core, when a build has many to read.
ALL_CORES = 0


def build_options(
    site_root: Path,
    output: Path | None = None,
    *,
    drafts: bool = False,
    future: bool = False,
    base_url: str | None = None,
    strict: bool = False,
    pdf: bool = False,
    no_cache: bool = False,
) -> BuildOptions:
    """What `bulletin build` is asked to do, from its command line's options."""
    return BuildOptions(
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


def answered(arguments: list[str]) -> tuple[bool, InputsCheck | None]:
    """Whether a plain `bulletin build` found nothing changed and said so; if not, the
    inputs it hashed (None if it did not look: then click's command does it all)."""
    if arguments != ["build"] or not holds_site(Path(".")):
        return False, None
    from bulletin.cache import check_inputs, up_to_date

    started = time.perf_counter()
    options = build_options(Path("."))
    try:
        inputs = check_inputs(options)
        record = up_to_date(options, inputs)
    except Exception:  # the build command meets it again, and reports it as it should
        return False, None
    if record is None:
        return False, inputs
    for warning in record.warnings:
        print(warning, file=sys.stderr)
    print(nothing_changed(options, record, started))
    return True, None


def nothing_changed(options: BuildOptions, record: Record, started: float) -> str:
    """The line that says a build found nothing to do."""
    from bulletin.content.source import shown_path

    noun = "issue" if record.issues == 1 else "issues"
    return (
        f"Nothing changed: {record.issues} {noun}, {record.pages} pages already in "
        f"{shown_path(options.output_dir)}/ (checked in {time.perf_counter() - started:.2f} s)"
    )
