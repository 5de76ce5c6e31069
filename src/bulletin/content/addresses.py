"""Load: the address each issue file claims, read even from files with mistakes.

`bulletin new` must not give a new issue an address an existing file has, and
`bulletin email` explains why an issue has no edition: both need each file's
`slug:`, `draft:` and `date:` as written, whatever else is wrong with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin.content.frontmatter import load_yaml_mapping, split_front_matter
from bulletin.content.source import discover_issue_files, read_source
from bulletin.errors import Problems


@dataclass(frozen=True)
class Claim:
    """An issue file, the address it is published at, and what would keep it unpublished."""

    path: Path
    address: str
    draft: bool
    date: dt.date | None


def claimed_addresses(site_root: Path) -> list[Claim]:
    """Every issue file's address: its slug: if it gives one, else its file name."""
    return [
        _claim(path, site_root)
        for path in discover_issue_files(site_root / "content", site_root, Problems())
    ]


def _claim(path: Path, site_root: Path) -> Claim:
    data = _front_matter_as_written(path, site_root)
    slug = data.get("slug")
    address = slug.strip() if isinstance(slug, str) and slug.strip() else path.stem
    try:
        date: dt.date | None = dt.date.fromisoformat(str(data.get("date")).strip())
    except ValueError:
        date = None
    return Claim(path, address, data.get("draft") is True, date)


def _front_matter_as_written(path: Path, site_root: Path) -> dict[str, Any]:
    """An issue's front matter as YAML reads it, unvalidated; {} if it cannot be read."""
    problems = Problems()
    source = read_source(path, site_root, problems)
    split = split_front_matter(source.text, "", problems) if source else None
    loaded = load_yaml_mapping(split[0], "", 2, problems, "front matter") if split else None
    return loaded[0] if loaded else {}
