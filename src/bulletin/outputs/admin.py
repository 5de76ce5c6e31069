"""Outputs: /admin/, the web editor, for sites that opt in with `admin:` in site.yaml.

A page that loads Decap CMS (vendored, so nothing comes from a CDN), its
configuration made from bulletin's models (`bulletin.cms`), and bulletin's
own script (`cms/assets/bulletin-admin.js`). Not for readers: the page says
`noindex`, and the sitemap, search index and feeds never list it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

import yaml

from bulletin.cms.config import cms_config, form_spec, new_issue_start, walks, with_local_backend
from bulletin.content.schema import SiteConfig
from bulletin.outputs.files import OutputFile
from bulletin.site import Site

ADMIN = "admin/"
CMS_DIR = Path(__file__).resolve().parent.parent / "cms"
VENDOR = CMS_DIR / "vendor"
SCRIPT = CMS_DIR / "assets" / "bulletin-admin.js"
#: The git host's API: the only other address the editor may reach once published.
GIT_HOST_API = "https://api.github.com"
#: The stylesheets the preview shows an issue with, by their names in the theme.
PREVIEW_STYLES = ("css/colours.css", "css/bulletin.css")


def admin_files(
    site: Site, site_root: Path, today: dt.date, assets: dict[str, str], local_cms: str | None
) -> list[OutputFile]:
    """Every file of /admin/, or none when site.yaml has no admin: settings."""
    config = site.config
    if config.admin is None:
        return []
    latest = site.latest.source if site.latest else None
    issue_walk, site_walk = walks(config)
    cms = cms_config(config, issue_walk, site_walk, new_issue_start(site_root, today, latest))
    if local_cms:
        cms = with_local_backend(cms, local_cms)
    spec = form_spec(config, issue_walk, site_walk)  # after cms_config, which walked the models
    spec["styles"] = ["../" + assets[name] for name in PREVIEW_STYLES if name in assets]
    config_text = yaml.safe_dump(cms, sort_keys=False, allow_unicode=True, width=100)
    icon = "../" + assets["favicon.svg"] if "favicon.svg" in assets else None
    page = admin_page(config, spec, local_cms, icon)
    return [
        OutputFile(ADMIN + "index.html", data=page.encode()),
        OutputFile(ADMIN + "config.yml", data=config_text.encode()),
        OutputFile(ADMIN + SCRIPT.name, source=SCRIPT),
        *_vendored(),
    ]


def _vendored() -> list[OutputFile]:
    """Decap CMS and js-yaml as npm published them (see scripts/vendor-cms)."""
    return [
        OutputFile(ADMIN + path.relative_to(VENDOR).as_posix(), source=path)
        for path in sorted(VENDOR.rglob("*"))
        if path.is_file() and path.parent != VENDOR
    ]


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
