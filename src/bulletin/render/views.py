"""Render: what templates see. Each page gets an explicit context built here.

Templates are given the assembled models (frozen, presentation-ready) and a
few values computed for them; they never see YAML, file paths or the
configuration's internals, so models and templates can change independently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.models import Issue
from bulletin.content.schema import Image
from bulletin.site import ARCHIVE, HOME, NOT_FOUND, Site, issue_path


@dataclass(frozen=True)
class SiteView:
    """The site-wide facts every page shows."""

    title: str
    organisation: str
    description: str
    language: str
    base_url: str
    logo: Image | None
    contributions: str
    csp: str


def content_security_policy(script_hashes: tuple[str, ...] = ()) -> str:
    """Only this site's own files may load; no inline script but those named by hash.

    Sent as a meta tag, so it holds wherever the site is hosted. Pages need
    no script of their own; `serve` names its reload script's hash here.
    """
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self'; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; "
        "base-uri 'self'; form-action 'self'"
    )


@dataclass(frozen=True)
class NavLink:
    """A link in the site's main navigation."""

    label: str
    path: str


NAVIGATION = (NavLink("Latest issue", HOME), NavLink("All issues", ARCHIVE))


def site_view(site: Site, renderer: MarkdownRenderer, csp: str) -> SiteView:
    """The site's settings, with its call for contributions rendered once."""
    config = site.config
    contributions = config.contributions or ""
    return SiteView(
        title=config.title,
        organisation=config.organisation,
        description=config.description or f"The newsletter of {config.organisation}",
        language=config.language,
        base_url=config.base_url,
        logo=config.logo,
        contributions=renderer.render(contributions, 0).html if contributions else "",
        csp=csp,
    )


def common(site_info: SiteView, path: str, assets: dict[str, str], title: str) -> dict[str, Any]:
    """What every page's context holds."""
    depth = path.count("/")
    return {
        "site": site_info,
        "path": path,
        "root": "../" * depth if depth else "./",
        "assets": assets,
        "page_title": title,
        "canonical": site_info.base_url + path,
        "navigation": NAVIGATION,
        "issue_path": issue_path,
    }


def home_context(site: Site) -> dict[str, Any]:
    """The home page leads with the latest issue, then lists recent ones."""
    return {"latest": site.latest, "recent": site.recent()}


def archive_context(site: Site) -> dict[str, Any]:
    """The archive lists every issue by year."""
    return {"years": site.by_year(), "count": len(site.issues)}


def issue_context(site: Site, issue: Issue) -> dict[str, Any]:
    """An issue page with its neighbours in time."""
    return {"issue": issue, "newer": site.newer(issue), "older": site.older(issue)}


def not_found_context(site: Site) -> dict[str, Any]:
    """The 404 page is served at any depth, so its links start from the site's base path."""
    return {"root": site.config.base_path, "latest": site.latest, "canonical": None}


__all__ = ["ARCHIVE", "HOME", "NOT_FOUND"]
