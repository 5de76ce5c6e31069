"""Outputs: what every output is given to declare its products from.

One value per build, made by the builder: the site, its date, the view
every page shares, the theme to render with, and how to join an issue to
its prose. Outputs read nothing else; products read only their inputs and
the products they name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bulletin.content.models import FullIssue, Issue
from bulletin.digest import FileDigests
from bulletin.errors import Problems
from bulletin.render.theme import ThemeEnv
from bulletin.render.views import SiteView
from bulletin.site import Site


@dataclass(frozen=True, eq=False)
class OutputContext:
    """Everything outputs declare their products from, for one build."""

    site: Site
    today: dt.date
    view: SiteView
    theme: ThemeEnv
    #: Joins an issue's facts to its body, read back if the cache kept it on disk.
    full: Callable[[Issue], FullIssue]
    digests: FileDigests
    #: Problems found while declaring (an unsafe file among the static files).
    problems: Problems
    #: Issues whose print edition this build makes ("*": all).
    pdf: tuple[str, ...] = ()

    @property
    def content_dir(self) -> Path:
        """The site's content folder."""
        return self.theme.site_root / "content"
