"""Pipeline: the issue memo, every issue file as last read, and the bodies of their prose.

An issue file is read again only when its contents or what every issue
depends on (the site's settings, the names of its images, bulletin itself)
changed: its entry's stamp says which version of both it was read from.
Bodies are kept by their digest; one that is not in memory (the build cache
keeps bodies in files of their own) is asked of `load_body`, explicitly, by
the build step that needs it, never by an attribute access in a template.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from bulletin import __version__
from bulletin.content.context import IssueContext
from bulletin.content.models import Body, FullIssue, Issue
from bulletin.content.schema import SiteConfig
from bulletin.content.source import discover_issue_files
from bulletin.digest import FileDigests
from bulletin.errors import Problem, Problems
from bulletin.pipeline.pool import Pool
from bulletin.pipeline.progress import Progress


@dataclass(frozen=True)
class ReadIssue:
    """An issue as read, with the stamp of what it was read from (frozen: the build cache
    pickles again only the issues that are not the very ones it last wrote or read)."""

    stamp: tuple[str, str]
    issue: Issue | None
    problems: tuple[Problem, ...]


class BodyMissing(Exception):
    """A body its issue names is neither in memory nor where it was kept."""


@dataclass
class IssueMemo:
    """Issues by file, and their bodies by digest."""

    #: By the path of its file as text (a path object costs more to read back from the
    #: cache, a thousand times at each build, and is needed only to read the file again).
    read: dict[str, ReadIssue] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    #: Reads a body kept elsewhere (the build cache sets it); None: all are in memory.
    load_body: Callable[[str], Body] | None = None

    def unreadable(self) -> dict[str, str]:
        """Issue files read last with mistakes, by the address their file names give them."""
        return {
            PurePath(path).stem: "its file has mistakes to correct"
            for path, entry in self.read.items()
            if entry.issue is None
        }

    def body(self, issue: Issue) -> Body:
        """An issue's body, from memory or read back from where it was kept."""
        body = self.bodies.get(issue.body_digest)
        if body is None:
            if self.load_body is None:
                raise BodyMissing(f"the body of {issue.display_path} is not in memory")
            body = self.bodies[issue.body_digest] = self.load_body(issue.body_digest)
        return body

    def full(self, issue: Issue) -> FullIssue:
        """An issue's facts joined to its body."""
        return FullIssue.join(issue, self.body(issue))

    def load(
        self, context: IssueContext, digests: FileDigests, pool: Pool, progress: Progress
    ) -> tuple[list[Issue], int, Problems]:
        """Every issue, reading again only those whose file or settings changed.

        Returns the issues read well, how many files were read again, and the
        problems found in every file (kept with each entry, so an unchanged
        file's warnings are still reported).
        """
        problems = Problems()
        files = {
            str(path): path
            for path in discover_issue_files(context.content_dir, context.site_root, problems)
        }
        self.read = {name: entry for name, entry in self.read.items() if name in files}
        settings = settings_stamp(context.config, context.content_dir)
        stamps = {name: (digests.digest(path), settings) for name, path in files.items()}
        stale = [n for n in files if n not in self.read or self.read[n].stamp != stamps[n]]
        to_read = [files[name] for name in stale]
        with progress(stale, "Reading issues") as reading:
            for name, (read, found) in zip(reading, pool.read(to_read, context), strict=True):
                issue = None
                if read is not None:
                    issue, body = read
                    self.bodies[body.content_digest] = body
                self.read[name] = ReadIssue(stamps[name], issue, tuple(found))
        for name in files:
            problems.extend(self.read[name].problems)
        issues = [entry.issue for entry in self.read.values() if entry.issue is not None]
        wanted = {issue.body_digest for issue in issues}
        self.bodies = {d: b for d, b in self.bodies.items() if d in wanted}
        return issues, len(stale), problems


def settings_stamp(config: SiteConfig, content_dir: Path) -> str:
    """What every issue depends on besides its own file: settings, images, bulletin itself."""
    images = content_dir / "images"
    names = sorted(p.name for p in images.rglob("*")) if images.is_dir() else []
    text = f"{__version__}\n{config.model_dump_json()}\n{names}"
    return hashlib.sha256(text.encode()).hexdigest()
