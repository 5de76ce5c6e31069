"""Render: every HTML page of the site, as output files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from bulletin.content.markdown import MarkdownRenderer
from bulletin.outputs.files import OutputFile
from bulletin.render import views
from bulletin.render.theme import load_template, render_template
from bulletin.site import ARCHIVE, HOME, NOT_FOUND, Site, issue_path, page_file


def render_pages(
    site: Site,
    env: jinja2.Environment,
    assets: dict[str, str],
    renderer: MarkdownRenderer,
    site_root: Path,
) -> list[OutputFile]:
    """Home, archive, one page per issue and the 404 page."""
    info = views.site_view(site, renderer)
    pages: list[tuple[str, str, str, dict[str, Any]]] = [
        ("home.html", HOME, site.config.title, views.home_context(site)),
        ("archive.html", ARCHIVE, "All issues", views.archive_context(site)),
        ("404.html", NOT_FOUND, "Page not found", views.not_found_context(site)),
    ]
    pages += [
        ("issue.html", issue_path(issue), issue.title, views.issue_context(site, issue))
        for issue in site.issues
    ]
    outputs = []
    for template_name, path, title, context in pages:
        template = load_template(env, template_name, site_root)
        full = views.common(info, path, assets, title) | context
        html = render_template(template, full, site_root)
        outputs.append(OutputFile(page_file(path), data=html.encode("utf-8")))
    return outputs
