"""New: start the next issue as a draft, from the archetype (`render.archetype`).

An existing file is never overwritten, and a new issue never takes an address
an existing one publishes at.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bulletin.commands.site_folder import require_site
from bulletin.content.addresses import claimed_addresses
from bulletin.content.slugs import SLUG_ADVICE, is_slug, slugify
from bulletin.content.source import display_path
from bulletin.errors import BulletinError
from bulletin.render.archetype import scaffold


def new_issue(site_root: Path, title: str, today: dt.date, slug: str | None = None) -> Path:
    """Write content/issues/<slug>.md for a new issue and return its path."""
    require_site(site_root)
    if slug is not None and not is_slug(slug):
        better = slugify(slug) or "autumn-2026"
        raise BulletinError(
            f'--slug: "{slug}" cannot be a file name and web address: it {SLUG_ADVICE} '
            f"(write --slug {better})"
        )
    slug = slug or slugify(title)
    if not slug:
        raise BulletinError(f'cannot make a file name from "{title}"; give one with --slug')
    path = site_root / "content" / "issues" / f"{slug}.md"
    if path.exists():
        raise BulletinError(
            f"{display_path(path, site_root)} already exists, so it was left alone; "
            "choose another title, or give a different --slug"
        )
    _refuse_an_address_in_use(site_root, slug)
    text = scaffold(site_root, title, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(text)
    return path


def _refuse_an_address_in_use(site_root: Path, slug: str) -> None:
    """A new issue at an address an existing one publishes at would be refused by every build."""
    for claim in claimed_addresses(site_root):
        if claim.address == slug:
            raise BulletinError(
                f"{display_path(claim.path, site_root)} already has the address issues/{slug}/ "
                "(its slug: field), so a new issue cannot have it too; choose another title, "
                "or give a different --slug"
            )
