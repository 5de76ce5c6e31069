"""Render: what templates see. Each page is made from a view, a frozen value built here.

A view holds plain values only (the site's settings as `SiteView`, issues'
facts, events, numbers, strings): no models with methods that reach further,
no functions. A product's key is the digest of its view (`bulletin.digest`),
so whatever a template can reach, a site's own overridden template included,
is in the key by construction. A list of issues gets each issue's facts
(`Issue`: every field but the prose); a view that shows prose says so in
`FULL`, names the issues whose bodies it shows, and the build joins those
bodies (`FullIssue`) just before rendering. The body is keyed by its digest.

The theme's functions (`url`, `asset`, the path helpers) are Jinja globals
and filters, pure functions of what the context holds (`render.filters`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar

from bulletin import urls
from bulletin.content.markdown import MarkdownRenderer, Surroundings
from bulletin.content.models import FullIssue, Issue
from bulletin.content.schema import Image
from bulletin.digest import Keyed
from bulletin.site import Site

#: Image types that social networks show in link previews (not SVG).
_PREVIEWABLE = (".png", ".jpg", ".jpeg", ".gif", ".webp")


@dataclass(frozen=True, eq=False)
class SiteView(Keyed):
    """The site-wide facts every page shows."""

    title: str
    organisation: str
    description: str
    language: str
    base_url: str
    base_path: str
    logo: Image | None
    social_image: Image | None
    contributions: str
    csp: str
    search_csp: str
    calendar_subscription: str
    signup: str | None = None
    web_font: bool = True  # the theme's own typeface, preloaded; False: the device's fonts
    exit_this_page: str | None = None
    email_logo: Image | None = None
    emergency: str | None = None
    brand: str = "#1d4f91"  # the site's colours, for the editions (the web has colours.css)
    accent: str = "#b8460b"


@dataclass(frozen=True, eq=False)
class NavLink:
    """A link in the site's main navigation."""

    label: str
    path: str


NAVIGATION = (
    NavLink("Latest issue", urls.HOME),
    NavLink("All issues", urls.ARCHIVE),
    NavLink("Events", urls.EVENTS),
    NavLink("Topics", urls.TOPICS),
    NavLink("Search", urls.SEARCH),
)
FEEDS = {"atom": urls.ATOM_FEED, "json": urls.JSON_FEED, "calendar": urls.CALENDAR}


@dataclass(frozen=True, eq=False)
class Assets(Keyed):
    """The theme's static files by source name, each with the path it is published at."""

    published: tuple[tuple[str, str], ...]

    def get(self, name: str, default: str | None = None) -> str | None:
        """Where a static file is published (`asset('css/bulletin.css')` asks this)."""
        return dict(self.published).get(name, default)


@dataclass(frozen=True, eq=False)
class Download:
    """A PDF edition as an issue page links to it."""

    path: str
    size: str


def content_security_policy(script_hashes: tuple[str, ...] = (), search: bool = False) -> str:
    """Only this site's own files may load; no inline script but those named by hash.

    Sent as a meta tag, so it holds wherever the site is hosted. Pages need no
    script of their own; the search page runs Pagefind, which needs
    WebAssembly ('wasm-unsafe-eval' allows compiling it, not eval of script)
    and data: images, and `serve` names its reload script's hash.
    """
    sources = ["'self'", *(f"'{h}'" for h in script_hashes)]
    images = "'self'"
    if search:  # Pagefind compiles WebAssembly; its stylesheet draws icons as data: images
        sources.append("'wasm-unsafe-eval'")
        images += " data:"
    return (
        f"default-src 'self'; script-src {' '.join(sources)}; style-src 'self'; "
        f"img-src {images}; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
    )


def site_view(site: Site, renderer: MarkdownRenderer, script_hashes: tuple[str, ...]) -> SiteView:
    """The site's settings, with its call for contributions rendered once."""
    config = site.config
    around = Surroundings(config.phone_region)
    text = config.contributions.text if config.contributions else None
    contributions = text or ""
    social = config.social_image
    return SiteView(
        title=config.title,
        organisation=config.organisation,
        description=config.description or f"The newsletter of {config.organisation}",
        language=config.language,
        base_url=config.base_url,
        base_path=config.base_path,
        logo=config.logo,
        social_image=social if social and previewable(social) else None,
        contributions=renderer.render(contributions, 0, around=around).html if text else "",
        csp=content_security_policy(script_hashes),
        search_csp=content_security_policy(script_hashes, search=True),
        calendar_subscription="webcal://" + config.base_url.split("://", 1)[1] + urls.CALENDAR,
        signup=config.signup,
        web_font=config.typeface != "system",
        exit_this_page=config.exit_this_page,
        email_logo=config.email_logo,
        emergency=config.emergency,
        brand=config.colours.brand,
        accent=config.colours.accent,
    )


def previewable(image: Image) -> bool:
    """Whether social networks show an image in link previews."""
    return image.src.lower().endswith(_PREVIEWABLE)


class View:
    """A page's own part of its context: a frozen value whose fields are all it shows.

    `FULL` names the fields holding issues (or a tuple of them) whose prose the
    page shows: the build joins their bodies before `context` is called.
    """

    FULL: ClassVar[tuple[str, ...]] = ()

    def context(self, site: SiteView) -> dict[str, Any]:
        """The template's variables (besides those every page has)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


def with_bodies(view: View, join: Callable[[Issue], FullIssue]) -> View:
    """The view with the issues it shows in full joined to their bodies."""
    changes: dict[str, object] = {}
    for name in view.FULL:
        value = getattr(view, name)
        if isinstance(value, Issue):
            changes[name] = join(value)
        elif isinstance(value, tuple):
            changes[name] = tuple(join(issue) for issue in value)
    return replace(view, **changes) if changes else view  # type: ignore[type-var]


@dataclass(frozen=True, eq=False)
class PageView:
    """Everything a page is made from but the theme: its template, address, title, view.

    Not `Keyed`: each is made for one product and digested once, inside its inputs,
    where keeping a digest of its own would only cost a second walk.
    """

    template: str
    path: str
    title: str
    view: View
    #: Where links start: relative to the page (None), or an absolute base for editions.
    root: str | None = None


def common(site: SiteView, assets: Assets, page: PageView) -> dict[str, Any]:
    """What every page's context holds."""
    depth = page.path.count("/")
    return {
        "site": site,
        "path": page.path,
        "root": page.root if page.root is not None else ("../" * depth if depth else "./"),
        "assets": assets,
        "page_title": page.title,
        "canonical": site.base_url + page.path,
        "navigation": NAVIGATION,
        "feeds": FEEDS,
        "social": {"type": "website", "image": None},
        "structured_data": "",
        "edition": "web",
    }


def page_context(site: SiteView, assets: Assets, page: PageView) -> dict[str, Any]:
    """A page's whole context: what every page has, then its view's own."""
    return common(site, assets, page) | page.view.context(site)
