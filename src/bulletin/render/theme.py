"""Render: the theme's templates, looked up site-first, and the Jinja environment.

A site's own `templates/` and `static/` override the packaged theme file by
file: an editor who wants a different footer copies one template, not the
whole theme. The environment autoescapes and uses StrictUndefined, so a typo
in a template is an error naming the template and line, never a blank.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from bulletin.content.source import display_path
from bulletin.errors import BuildError, Problem
from bulletin.render import filters
from bulletin.render.bytecode import CheckedBytecodeCache
from bulletin.render.theme_files import Theme


@dataclass(frozen=True, eq=False)
class ThemeEnv:
    """The Jinja environment of a site's theme, with the stamp of every template file.

    The stamp is part of every rendered product's key: the environment is made
    again whenever it changes, so a product keyed on it was rendered by it.
    """

    env: jinja2.Environment
    stamp: str
    site_root: Path
    static_dirs: tuple[Path, ...]


def make_environment(theme: Theme, compiled: Path | None = None) -> jinja2.Environment:
    """One environment per build: templates compile once and are reused for every page.

    With a `compiled` folder, compiled templates are kept there (Jinja checks
    each against its source), so that the next build need not compile them.
    Templates are not checked for changes while the environment lives (every
    include of every page would ask the file system, 33,000 times for 1,000
    issues): the builder makes a new environment whenever a template changes.
    """
    env = jinja2.Environment(
        bytecode_cache=CheckedBytecodeCache(compiled) if compiled else None,
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "xml", "svg"), default_for_string=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    filters.install(env)
    return env


def load_template(env: jinja2.Environment, name: str, site_root: Path) -> jinja2.Template:
    """Compile a template, turning syntax errors into a message with its file and line."""
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as err:
        where = display_path(Path(err.filename or name), site_root)
        raise BuildError([Problem(where, err.lineno, f"template error: {err.message}")]) from err
    except jinja2.TemplateNotFound as err:
        raise BuildError(
            [Problem(f"templates/{name}", None, f"template not found: {err.name}")]
        ) from err


def render_template(template: jinja2.Template, context: dict[str, Any], site_root: Path) -> str:
    """Render a page; an error in a template names the template and line it happened on."""
    try:
        return template.render(context)
    except jinja2.TemplateSyntaxError as err:
        where = display_path(Path(err.filename or str(template.name)), site_root)
        raise BuildError([Problem(where, err.lineno, f"template error: {err.message}")]) from err
    except Exception as err:
        frame, line = _template_frame(err, template)
        message = f"template error while rendering: {type(err).__name__}: {err}"
        raise BuildError([Problem(display_path(frame, site_root), line, message)]) from err


def _template_frame(err: BaseException, template: jinja2.Template) -> tuple[Path, int | None]:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    frames = [
        frame
        for frame in traceback.extract_tb(err.__traceback__)
        if frame.filename.endswith((".html", ".xml", ".txt", ".j2", ".svg", ".md"))
    ]
    if frames:
        return Path(frames[-1].filename), frames[-1].lineno
    return Path(template.filename or str(template.name)), None
