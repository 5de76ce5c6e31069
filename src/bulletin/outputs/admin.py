"""Outputs: /admin/, the web editor, for sites that opt in with `admin:` in site.yaml.

A page that loads Decap CMS (vendored, so nothing comes from a CDN), its
configuration made from bulletin's models (`bulletin.cms`), and bulletin's
own script (`cms/assets/bulletin-admin.js`). Not for readers: the page says
`noindex`, and the sitemap, search index and feeds never list it.

The page and its configuration are one product. A new issue started in the
form begins as `bulletin new` would begin it today, from the archetype (part
of the theme, so in the theme's stamp) and the latest published issue's file
(whose content hash is in the inputs). Bulletin's script and each vendored
file are products of their own, copied, keyed on their content.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bulletin import urls
from bulletin.content.schema import SiteConfig
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import copied, made
from bulletin.outputs.protocol import Declared, Made, Origin, Product, Results
from bulletin.outputs.static import asset_paths

ADMIN = urls.ADMIN
CMS_DIR = Path(__file__).resolve().parent.parent / "cms"
VENDOR = CMS_DIR / "vendor"
SCRIPT = CMS_DIR / "assets" / "bulletin-admin.js"
#: The git host's API: the only other address the editor may reach once published.
GIT_HOST_API = "https://api.github.com"
#: The stylesheets the preview shows an issue with, by their names in the theme.
PREVIEW_STYLES = ("css/colours.css", "css/bulletin.css")


@dataclass(frozen=True, eq=False)
class EditorInputs:
    """What the editor's page and configuration are made from."""

    config: SiteConfig
    theme: str
    site_root: Path
    today: dt.date
    latest: Path | None
    latest_digest: str
    styles: tuple[str, ...]
    icon: str | None
    local_cms: str | None


class AdminOutput:
    """The web editor's page, configuration, script and vendored files."""

    name = "admin"
    needs: tuple[str, ...] = ("static",)

    def __init__(self, context: OutputContext, local_cms: str | None) -> None:
        self.context, self.local_cms = context, local_cms

    def products(self, declared: Sequence[Declared]) -> Iterable[Product]:
        """Nothing unless site.yaml has admin: settings."""
        context = self.context
        config = context.site.config
        if config.admin is None:
            return
        assets = asset_paths(declared)
        latest = context.site.latest.source if context.site.latest else None
        inputs = EditorInputs(
            config,
            context.theme.stamp,
            context.theme.site_root,
            context.today,
            latest,
            context.digests.digest(latest) if latest else "",
            tuple("../" + assets[name] for name in PREVIEW_STYLES if name in assets),
            "../" + assets["favicon.svg"] if "favicon.svg" in assets else None,
            self.local_cms,
        )
        origin = Origin("content/site.yaml", what="the web editor")
        paths = (ADMIN + "index.html", ADMIN + "config.yml")
        yield Product("admin:page", paths, origin, inputs, _editor)
        for source, path in _copied_files():
            size, _, digest = context.digests.stamp(source)
            yield Product(f"admin:{path}", (path,), origin, (path, source, size, digest), _copy)


def _copied_files() -> list[tuple[Path, str]]:
    """bulletin's script, and Decap CMS and js-yaml as npm published them (scripts/vendor-cms)."""
    vendored = [
        (path, ADMIN + path.relative_to(VENDOR).as_posix())
        for path in sorted(VENDOR.rglob("*"))
        if path.is_file() and path.parent != VENDOR
    ]
    return [(SCRIPT, ADMIN + SCRIPT.name), *vendored]


def _copy(inputs: tuple[str, Path, int, str], results: Results) -> Made:
    path, source, size, digest = inputs
    return Made((copied(path, source, digest, size),))


def _editor(inputs: EditorInputs, results: Results) -> Made:
    """The editor's page and its configuration."""
    # Imported here: only a build that makes the editor needs the form's machinery.
    from bulletin.cms.config import (
        cms_config,
        form_spec,
        new_issue_start,
        walks,
        with_local_backend,
    )

    config = inputs.config
    issue_walk, site_walk = walks(config)
    start = new_issue_start(inputs.site_root, inputs.today, inputs.latest)
    cms = cms_config(config, issue_walk, site_walk, start)
    if inputs.local_cms:
        cms = with_local_backend(cms, inputs.local_cms)
    spec = form_spec(config, issue_walk, site_walk)  # after cms_config, which walked the models
    spec["styles"] = list(inputs.styles)
    config_text = yaml.safe_dump(cms, sort_keys=False, allow_unicode=True, width=100)
    page = admin_page(config, spec, inputs.local_cms, inputs.icon)
    return Made(
        (
            made(ADMIN + "index.html", page.encode()),
            made(ADMIN + "config.yml", config_text.encode()),
        )
    )


def admin_csp(local_cms: str | None = None) -> str:
    """The editor's own policy: this site's files, the git host's API, and nothing else.

    Decap CMS needs more than the readers' pages allow: 'unsafe-eval' (it
    compiles its configuration schema into functions), inline styles (its
    components style themselves), blob: and data: images (pictures chosen but
    not yet saved) and WebAssembly (its image encoder). Only when previewing
    on this computer does it also reach decap-server.
    """
    connect = f"'self' blob: {GIT_HOST_API}" + (f" {_origin(local_cms)}" if local_cms else "")
    return (
        "default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
        f"connect-src {connect}; frame-src 'self'; worker-src 'self' blob:; "
        "manifest-src 'none'; object-src 'none'; base-uri 'self'; form-action 'none'"
    )


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def admin_page(
    config: SiteConfig, spec: dict[str, Any], local_cms: str | None, icon: str | None = None
) -> str:
    """The page that starts the editor: js-yaml, bulletin's script, then Decap CMS."""
    data = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    title = html.escape(f"Edit the newsletter: {config.title}")
    icon_link = (
        f'<link rel="icon" href="{html.escape(icon)}" type="image/svg+xml">\n' if icon else ""
    )
    return f"""<!DOCTYPE html>
<html lang="{html.escape(config.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{admin_csp(local_cms)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
{icon_link}<script type="application/json" id="bulletin-form">{data}</script>
<script src="js-yaml/js-yaml.min.js"></script>
<script src="{SCRIPT.name}"></script>
<script src="decap-cms/decap-cms.js"></script>
</head>
<body>
<noscript><p>The newsletter's editor needs JavaScript. Without it, edit the files in
content/ as the editors' guide (content/README.md) explains.</p></noscript>
</body>
</html>
"""
