"""Why an issue has no edition in the output folder, in words that say what to do about it.

Drafts and issues dated after today are left out of a build, so `bulletin
email` after a build finds nothing for them: saying "build first" then sends
the editor round in a circle. This tells them apart from a name mistyped and
from a site not built yet.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from bulletin.config import load_config
from bulletin.content.addresses import claimed_addresses
from bulletin.content.source import display_path, shown_path
from bulletin.errors import Problems
from bulletin.options import today


def why_no_edition(site_root: Path, slug: str, expected: Path, edition: str) -> str:
    """Why the edition of the issue at `slug` is not at `expected`, and what to do."""
    claims = claimed_addresses(site_root)
    claim = next((c for c in claims if c.address == slug), None)
    if claim is None:
        names = sorted(c.address for c in claims)
        close = difflib.get_close_matches(slug, names, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        listing = ", ".join(names) or "none yet"
        return f'there is no issue called "{slug}"{hint}; the issues are: {listing}'
    shown = display_path(claim.path, site_root)
    preview = (
        "preview it with 'bulletin serve', which builds drafts and future issues too, "
        f"and open /issues/{slug}/{expected.name} there"
    )
    if claim.draft:
        return f"{shown} is a draft, and drafts are not built, so it has no {edition}; {preview}"
    config = load_config(site_root, Problems(), today())
    if claim.date is not None and claim.date > today(config.zone if config else None):
        return (
            f"{shown} is dated {claim.date.isoformat()}, after today, so it is not built "
            f"until then; {preview}"
        )
    return f"there is no {edition} at {shown_path(expected)}; run 'bulletin build' first"
