"""CMS: the web editor's configuration (Decap CMS's config.yml), made from bulletin's models.

Never written by hand: the issues collection is `FrontMatter` walked field by
field, the site settings file is `SiteConfig`, and new issues start from the
same archetype, with the same parts carried forward, as `bulletin new`. What
the editor's file format must undo (maps shown as lists, single values shown
as lists) and the rules that span fields go to the page as `form_spec`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bulletin.cms.widgets import Field, Walk, model_fields
from bulletin.content import rules
from bulletin.content.admin import AdminSettings
from bulletin.content.form import ISSUE, SITE
from bulletin.content.frontmatter import load_yaml_mapping, split_front_matter
from bulletin.content.schema import FrontMatter, SiteConfig
from bulletin.errors import Problems
from bulletin.render.archetype import scaffold

ISSUES_FOLDER = "content/issues"
SITE_FILE = "content/site.yaml"
MEDIA_FOLDER = "content/images"
ISSUE_FORMAT = "bulletin-frontmatter"
SETTINGS_FORMAT = "bulletin-yaml"
#: Where decap-server, the CMS's local backend, listens unless told otherwise.
LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"


def cms_config(
    config: SiteConfig, issue_walk: Walk, site_walk: Walk, start: tuple[dict[str, Any], str]
) -> dict[str, Any]:
    """Decap CMS's configuration: where it saves, the issues, and the site settings."""
    if config.admin is None:
        raise ValueError("the web editor needs admin: settings in site.yaml")
    return {
        "backend": _backend(config.admin),
        **({"publish_mode": "editorial_workflow"} if config.admin.review else {}),
        "media_folder": MEDIA_FOLDER,
        "public_folder": "images",
        "site_url": config.base_url,
        "display_url": config.base_url,
        **({"logo_url": "../" + config.logo.src} if config.logo else {}),
        "locale": "en",
        "collections": [_issues(issue_walk, start), _settings(site_walk)],
    }


def with_local_backend(cms: dict[str, Any], url: str) -> dict[str, Any]:
    """The configuration for a preview on this computer, saving through decap-server at url."""
    return cms | {"local_backend": {"url": url, "allowed_hosts": ["127.0.0.1", "localhost"]}}


def walks(config: SiteConfig) -> tuple[Walk, Walk]:
    """The issue form's walk and the site settings form's, for this site."""
    contacts = {key: contact.name for key, contact in config.contacts.items()}
    return Walk(ISSUE, config.timezone, contacts), Walk(SITE, config.timezone, contacts)


def _backend(admin: AdminSettings) -> dict[str, Any]:
    """Where the editor saves: the site's GitHub repository and branch."""
    backend: dict[str, Any] = {"name": "github", "repo": admin.repo, "branch": admin.branch}
    if admin.auth_url:
        backend["base_url"] = admin.auth_url.rstrip("/")
    if admin.review:
        backend["squash_merges"] = True
    return backend


def _issues(walk: Walk, start: tuple[dict[str, Any], str]) -> dict[str, Any]:
    """The collection of issue files: one form per issue, new ones as `bulletin new` starts them."""
    fields = model_fields(FrontMatter, walk)
    body = walk.say("body")
    fields.append(
        {"name": "body", "label": body.label, "hint": body.hint}
        | {"widget": "markdown", "modes": ["raw"], "required": False}
    )
    defaults, text = start
    apply_defaults(fields, defaults | {"body": text})
    return {
        "name": "issues",
        "label": "Issues",
        "label_singular": "issue",
        "folder": ISSUES_FOLDER,
        "create": True,
        "extension": "md",
        "format": ISSUE_FORMAT,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}} ({{date}})",
        "sortable_fields": ["date", "title"],
        "fields": fields,
    }


def _settings(walk: Walk) -> dict[str, Any]:
    """The site settings, content/site.yaml, as one form."""
    site_file = {
        "name": "site",
        "label": "Site settings",
        "file": SITE_FILE,
        "format": SETTINGS_FORMAT,
        "fields": model_fields(SiteConfig, walk),
    }
    return {
        "name": "settings",
        "label": "Site settings",
        "editor": {"preview": False},
        "files": [site_file],
    }


def apply_defaults(fields: list[Field], values: dict[str, Any]) -> None:
    """Set each field's default from a new issue's values, into groups but not into lists."""
    for field in fields:
        value = values.get(field["name"])
        if value in (None, "", [], {}):
            continue
        if field["widget"] == "object" and isinstance(value, dict):
            apply_defaults(field["fields"], value)
            field["collapsed"] = False  # a group the new issue starts with is shown open
        else:
            field["default"] = value


def new_issue_start(
    site_root: Path, today: dt.date, latest: Path | None
) -> tuple[dict[str, Any], str]:
    """A new issue's front matter and text, as `bulletin new` would write them today."""
    text = scaffold(site_root, "", today, [latest] if latest else [])
    problems = Problems()
    split = split_front_matter(text, "archetype", problems)
    loaded = load_yaml_mapping(split[0], "archetype", 2, problems, "archetype") if split else None
    if split is None or loaded is None:
        return {}, text
    data, _ = loaded
    data.pop("title", None)
    data.pop("date", None)  # the form's date is the day the issue is started
    return _as_text(data), split[1].lstrip("\n")


def _as_text(value: Any) -> Any:
    """Dates as the form stores them: the form's fields hold text."""
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def form_spec(config: SiteConfig, issue_walk: Walk, site_walk: Walk) -> dict[str, Any]:
    """What the page's own script needs: how files differ from forms, and the cross-field rules."""
    return {
        "formats": {
            ISSUE_FORMAT: _format_of(issue_walk),
            SETTINGS_FORMAT: _format_of(site_walk),
        },
        "contacts": list(config.contacts),
        "messages": {
            "where": rules.EVENT_WHERE,
            "same_kind": rules.EVENT_SAME_KIND,
            "ends": rules.EVENT_ENDS,
            "one_way": rules.ACTION_ONE_WAY,
            "one_link": rules.COURSE_ONE_LINK,
            "contact": rules.CONTACT_UNKNOWN,
            "contact_keys": rules.CONTACT_KEYS,
            "group": rules.GROUP_BEGUN,
        },
        "site": {"title": config.title, "timezone": config.timezone},
    }


def _format_of(walk: Walk) -> dict[str, Any]:
    return {
        "keyed": walk.keyed,
        "listed": walk.listed,
        "bare": walk.bare,
        "alone": walk.alone,
        "groups": walk.groups,
        "order": walk.order,
    }
