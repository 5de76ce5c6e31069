"""Config: content/site.yaml -> SiteConfig, with every problem reported at once."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from bulletin.content.fields import WebUrl
from bulletin.content.frontmatter import Document, load_yaml_mapping
from bulletin.content.schema import SiteConfig
from bulletin.content.source import display_path, read_source
from bulletin.content.validate import validate_model
from bulletin.errors import Problems

SITE_FILE = Path("content") / "site.yaml"


def load_config(
    site_root: Path, problems: Problems, base_url: str | None = None
) -> SiteConfig | None:
    """Read and validate content/site.yaml; None, with problems recorded, if it is wrong.

    A base URL given on the command line replaces the file's, and is validated the same way.
    """
    path = site_root / SITE_FILE
    if not path.is_file():
        problems.add(
            display_path(path, site_root),
            None,
            "is missing; every site needs one with at least title, organisation and base_url "
            "(see content/README.md)",
        )
        return None
    source = read_source(path, site_root, problems)
    if source is None:
        return None
    loaded = load_yaml_mapping(source.text, source.display_path, 1, problems, "site settings")
    if loaded is None:
        return None
    data, lines = loaded
    if base_url is not None:
        if not _valid_override(base_url, problems):
            return None
        data = data | {"base_url": base_url}
    document = Document(data, lines, "", 0)
    return validate_model(SiteConfig, data, document.line_of, source.display_path, problems)


def _valid_override(base_url: str, problems: Problems) -> bool:
    """Check a --base-url the way site.yaml's base_url is checked, naming the option."""
    try:
        TypeAdapter(WebUrl).validate_python(base_url)
    except ValidationError as err:
        problems.add("--base-url", None, str(err.errors()[0]["msg"]))
        return False
    return True
