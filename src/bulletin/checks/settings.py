"""Checks: the links written in site.yaml, which every issue page shows.

The call for contributions is Markdown shown at the end of every issue, and
each contact has a web page and a contact form: a broken one is broken on
every page that shows it, so each is checked like the links in an issue,
and named by its line in site.yaml.
"""

from __future__ import annotations

from bulletin.config import SITE_FILE
from bulletin.content.markdown import Link, MarkdownRenderer, link
from bulletin.content.schema import SiteConfig

#: How site.yaml is named in messages: as a path from the site folder.
SETTINGS = SITE_FILE.as_posix()


def contribution_links(config: SiteConfig) -> tuple[Link, ...]:
    """Every link in the call for contributions, each with its line in site.yaml."""
    text = config.contributions.text if config.contributions else None
    if not text:
        return ()
    line = config.line_of(("contributions", "text")) or config.line_of(("contributions",)) or 1
    return MarkdownRenderer().render(text, line).links


def contact_links(config: SiteConfig) -> list[Link]:
    """Each contact's web page and contact form, with its line in site.yaml."""
    found = []
    for key, contact in config.contacts.items():
        for name in ("web", "form"):
            address: str | None = getattr(contact, name)
            if address:
                line = config.line_of(("contacts", key, name)) or 1
                found.append(link(address, f"{contact.name} ({name})", line))
    return found
