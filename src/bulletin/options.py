"""Options: what a build is asked to do, and the date it builds for.

Kept apart from the pipeline, and light to import, because a build that finds
nothing changed (see `bulletin.cache`) decides so from these alone, before any
of the pipeline's libraries are loaded.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from bulletin.errors import BuildError, Problem


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked to do."""

    site_root: Path
    output: Path | None = None
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    strict: bool = False
    today: dt.date | None = None
    script_hashes: tuple[str, ...] = ()
    index_search: bool = True
    pdf: tuple[str, ...] = ()  # slugs of the issues to make PDFs of; "*" for all
    # Processes that read issues. 1 (the default) reads in this process; 0 uses
    # every core once there are enough stale issues (what the CLI asks for). A
    # script asking for more than 1 needs `if __name__ == "__main__":`, as any
    # program starting processes with multiprocessing's spawn method does.
    workers: int = 1
    # Keep what this build made in .bulletin-cache/ for the next one (the CLI
    # does; tests and library callers opt in, so that they stay independent).
    use_cache: bool = False
    # Build every issue file, drafts and issues dated after today included, while
    # links to them are still checked as a build would check them (what check does).
    everything: bool = False
    # The local backend (decap-server) that /admin/ saves through in a preview on
    # this computer; None for a site to publish, whose editor saves to the git host.
    local_cms: str | None = None

    def __post_init__(self) -> None:
        """One spelling of each folder, whatever the command line gave.

        The cache keys what it keeps on paths, so `..` (a build run from
        content/), `.`, a symbolic link to the site and its absolute path must
        all name the same site, or a build from another folder would throw the
        whole cache away. Messages stay short: they show paths from the current
        folder (`shown_path`), not as they are held here.
        """
        object.__setattr__(self, "site_root", Path(os.path.realpath(self.site_root)))
        if self.output is not None:
            object.__setattr__(self, "output", Path(os.path.realpath(self.output)))

    @property
    def output_dir(self) -> Path:
        """The output folder: _site in the site folder unless told otherwise."""
        return self.output if self.output is not None else self.site_root / "_site"

    def describe(self) -> str:
        """Every option that changes what is built, as text, for the build cache's key.

        The date is left out: what counts is the date the build resolves to in
        the site's time zone, which the cache compares on its own.
        """
        return repr(
            (
                str(self.site_root),
                str(self.output_dir),
                self.drafts,
                self.future,
                self.base_url,
                self.strict,
                self.script_hashes,
                self.index_search,
                self.pdf,
                self.everything,
                self.local_cms,
            )
        )


def build_date(given: dt.date | None, zone: dt.tzinfo | None = None) -> dt.date:
    """The build's date in the site's time zone: what "upcoming" and "future" are measured from."""
    return given if given is not None else today(zone)


def today(zone: dt.tzinfo | None = None) -> dt.date:
    """Today's date in a time zone: the only place bulletin reads the clock.

    SOURCE_DATE_EPOCH, the reproducible-builds convention, fixes it, so that two
    builds of the same content give the same bytes on any day (and tests set
    it, so that none depends on the day it is run).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise BuildError(
                [Problem("SOURCE_DATE_EPOCH", None, f'"{epoch}" is not a whole number of seconds')]
            )
        return dt.datetime.fromtimestamp(int(epoch), tz=zone or dt.UTC).date()
    return dt.datetime.now(zone).date()
