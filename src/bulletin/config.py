"""Config: content/site.yaml -> SiteConfig, with every problem reported at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from bulletin.content.fields import SiteUrl
from bulletin.content.frontmatter import Document, load_yaml_mapping
from bulletin.content.images import check_image_file
from bulletin.content.phones import DEFAULT_REGION, PhoneProblem, known_region
from bulletin.content.schema import SiteConfig
from bulletin.content.source import SourceFile, display_path, read_source
from bulletin.content.validate import validate_model
from bulletin.errors import Problems, Severity

SITE_FILE = Path("content") / "site.yaml"


def load_config(
    site_root: Path, problems: Problems, today: dt.date, base_url: str | None = None
) -> SiteConfig | None:
    """Read and validate content/site.yaml; None, with problems recorded, if it is wrong.

    A base URL given on the command line replaces the file's, and is validated the same way.
    """
    source = _settings_file(site_root, problems)
    if source is None:
        return None
    loaded = load_yaml_mapping(
        source.text,
        source.display_path,
        1,
        problems,
        "site settings",
        "it needs at least title, organisation and base_url",
    )
    if loaded is None:
        return None
    data, lines = loaded
    if base_url is not None:
        if not _valid_override(base_url, problems):
            return None
        data = data | {"base_url": base_url}
    document = Document(data, lines, "", 0)
    context = {"phone_region": _region_written(data)}
    config = validate_model(
        SiteConfig, data, document.line_of, source.display_path, problems, context
    )
    if config is not None:
        config.remember_lines(lines)
        _check_settings(config, document, site_root, source.display_path, today, problems)
    return config


def _settings_file(site_root: Path, problems: Problems) -> SourceFile | None:
    """content/site.yaml's text, or None (with the reason recorded)."""
    path = site_root / SITE_FILE
    if not path.is_file():
        problems.add(
            display_path(path, site_root),
            None,
            "is missing; every site needs one with at least title, organisation and base_url "
            "(see content/README.md)",
        )
        return None
    return read_source(path, site_root, problems)


def _check_settings(
    config: SiteConfig,
    document: Document,
    site_root: Path,
    display: str,
    today: dt.date,
    problems: Problems,
) -> None:
    """What valid settings may still get wrong: pictures, reviews, the statement, raw HTML."""
    _check_pictures(config, document, site_root, display, problems)
    _check_reviews(config, document, display, today, problems)
    if config.accessibility is None:
        problems.add(
            display,
            None,
            "has no accessibility: settings, so the accessibility statement cannot name a "
            "contact or review date; UK public-sector sites must publish both "
            "(see content/README.md)",
            "accessibility",
            Severity.WARNING,
        )
    if config.allow_raw_html:
        problems.add(
            display,
            document.line_of(("allow_raw_html",)),
            "raw HTML in issues reaches readers unchecked; only turn this on if every "
            "editor is trusted",
            "allow_raw_html",
            Severity.WARNING,
        )


def _region_written(data: dict[str, object]) -> str:
    """The phone_region site.yaml gives, for reading its own contacts' numbers (GB if none)."""
    try:
        return known_region(str(data.get("phone_region") or DEFAULT_REGION))
    except PhoneProblem:  # reported when the field itself is validated
        return DEFAULT_REGION


def _check_pictures(
    config: SiteConfig, document: Document, site_root: Path, display: str, problems: Problems
) -> None:
    """The logos and the sharing picture are on every page: each must be a file in content/."""
    pictures = (
        ("logo", config.logo),
        ("social_image", config.social_image),
        ("email_logo", config.email_logo),
    )
    for name, image in pictures:
        if image is not None:
            line = document.line_of((name, "src"))
            check_image_file(
                image.src, line, site_root / "content", display, problems, (name, "src")
            )


def _check_reviews(
    config: SiteConfig, document: Document, display: str, today: dt.date, problems: Problems
) -> None:
    """A safeguarding phone number that nobody has confirmed lately may be wrong."""
    for key, contact in config.contacts.items():
        if contact.review_by is not None and contact.review_by < today:
            problems.add(
                display,
                document.line_of(("contacts", key, "review_by")),
                f"the details of {contact.name} were due to be checked by "
                f"{contact.review_by.isoformat()}; confirm them, then set a new review_by date",
                f"contacts.{key}.review_by",
                Severity.WARNING,
            )


def _valid_override(base_url: str, problems: Problems) -> bool:
    """Check a --base-url the way site.yaml's base_url is checked, naming the option."""
    try:
        TypeAdapter(SiteUrl).validate_python(base_url)
    except ValidationError as err:
        problems.add("--base-url", None, str(err.errors()[0]["msg"]))
        return False
    return True
