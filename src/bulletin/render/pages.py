"""Render: one page (or edition) from its inputs: the theme's stamp, the site's view, its own.

`PageInputs` is everything a rendered page is made from; its digest is the
page's key. Rendering joins the bodies the page's view shows in full, builds
the context from the inputs alone, and runs the template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bulletin.content.models import FullIssue, Issue
from bulletin.digest import Keyed
from bulletin.render.theme import ThemeEnv, load_template, render_template
from bulletin.render.views import Assets, PageView, SiteView, page_context, with_bodies


@dataclass(frozen=True, eq=False)
class PageInputs:
    """What a page is made from: the theme's stamp, the site's view, the static files' names,
    and the page's own view."""

    theme: str
    site: SiteView
    assets: Assets
    page: PageView


@dataclass(frozen=True, eq=False)
class Shared(Keyed):
    """What every page of a build is made from alike: the theme's stamp, the site's view and
    the static files' names, keyed once a build, not once a page."""

    theme: str
    site: SiteView
    assets: Assets

    def inputs(self, page: PageView) -> PageInputs:
        """A page's inputs: these, and its own view."""
        return PageInputs(self.theme, self.site, self.assets, page)


def render_page(theme: ThemeEnv, inputs: PageInputs, full: Callable[[Issue], FullIssue]) -> str:
    """The page's HTML, its prose joined (`full`) where its view shows issues in full."""
    if inputs.theme != theme.stamp:
        raise ValueError("a page's inputs name another theme than the one rendering it")
    page = inputs.page
    view = with_bodies(page.view, full)
    shown = PageView(page.template, page.path, page.title, view, page.root)
    context = page_context(inputs.site, inputs.assets, shown)
    template = load_template(theme.env, page.template, theme.site_root)
    return render_template(template, context, theme.site_root)
