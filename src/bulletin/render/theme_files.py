"""Render: where the theme's files are, site first, then the packaged default theme.

Apart from the Jinja environment (bulletin.render.theme) because the build
cache lists these files to decide whether anything changed, and must do so
without loading Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, eq=False)
class Theme:
    """Where templates and static files come from, most specific first."""

    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]


def packaged_theme_dir() -> Path:
    """The default theme: inside the installed wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "theme"
    if (installed / "templates").is_dir():
        return installed
    return package.parent.parent


def find_theme(site_root: Path) -> Theme:
    """The site's own theme folders (if any) in front of the packaged theme."""
    packaged = packaged_theme_dir()
    template_dirs = [site_root / "templates", packaged / "templates"]
    static_dirs = [site_root / "static", packaged / "static"]
    return Theme(
        template_dirs=_existing_unique(template_dirs),
        static_dirs=_existing_unique(static_dirs),
    )


def _existing_unique(paths: list[Path]) -> tuple[Path, ...]:
    seen: list[Path] = []
    for path in paths:
        if path.is_dir() and path.resolve() not in seen:
            seen.append(path.resolve())
    return tuple(seen)
