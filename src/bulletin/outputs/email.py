"""Outputs: each issue's email edition, /issues/<slug>/email.html and email.txt.

The HTML is what email clients render: a table layout at most 600 px wide,
every style inlined by css-inline (many clients drop <style>), no scripts,
every link and image absolute, a preheader (the summary shown beside the
subject), a "read online" link, and no SVG pictures (most clients cannot
show them). The text part is derived from the same HTML, so both parts carry
the same sections.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from bulletin.content.models import Issue
from bulletin.outputs.files import OutputFile
from bulletin.render.filters import long_date
from bulletin.render.pages import PageRenderer, PageSpec
from bulletin.render.plaintext import html_to_text
from bulletin.site import Site, issue_path

if TYPE_CHECKING:
    import css_inline

EMAIL_CSS = "css/email.css"
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def email_paths(issue: Issue) -> tuple[str, str]:
    """Where an issue's email edition is written: HTML and plain text."""
    return f"issues/{issue.slug}/email.html", f"issues/{issue.slug}/email.txt"


def is_email(path: str) -> bool:
    """Whether an output file is part of an email edition rather than the website."""
    return path.endswith(("/email.html", "/email.txt"))


class EmailEditions:
    """Email editions of every issue, each made again only when its issue or the theme changed."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[object, list[OutputFile]]] = {}

    def files(
        self,
        site: Site,
        renderer: PageRenderer,
        css: bytes,
        keep: Callable[[OutputFile], OutputFile] = lambda file: file,
    ) -> list[OutputFile]:
        """Both parts of every issue's email (each passed to `keep` as it is made)."""
        css_key = hashlib.sha256(css).hexdigest()
        made: dict[str, tuple[object, list[OutputFile]]] = {}
        for issue in site.issues:
            key = (renderer.theme_key, css_key, issue.fingerprint)
            previous = self._made.get(issue.slug)
            parts = previous[1] if previous and previous[0] == key else None
            if parts is None:
                parts = [keep(f) for f in _edition(issue, site, renderer, css.decode())]
            made[issue.slug] = (key, parts)
        self._made = made
        return [file for _, parts in made.values() for file in parts]


def _edition(issue: Issue, site: Site, renderer: PageRenderer, css: str) -> list[OutputFile]:
    online = site.config.base_url + issue_path(issue)
    spec = PageSpec(
        "email/issue.html",
        f"email-source/{issue.slug}",
        issue.title,
        {"issue": issue, "online": online, "email_css": css, "edition": "email"},
        issue.fingerprint,
        root=site.config.base_url,
        reuse=False,  # the email edition itself is kept, keyed on the same things
    )
    html = absolute_urls(renderer.render(spec).read().decode("utf-8"), online)
    html_path, text_path = email_paths(issue)
    return [
        OutputFile(html_path, data=_inliner().inline(html).encode("utf-8")),
        OutputFile(text_path, data=plain_text(issue, site, online, html).encode("utf-8")),
    ]


@functools.cache
def _inliner() -> css_inline.CSSInliner:
    """The CSS inliner, loaded only by a build that makes an email edition."""
    import css_inline

    return css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def plain_text(issue: Issue, site: Site, online: str, html: str) -> str:
    """The text part: a short header, then the HTML edition as text."""
    number = f", issue {issue.number}" if issue.number else ""
    header = (
        f"{site.config.title}{number}, {long_date(issue.date)}\n\nRead this issue online:\n{online}"
    )
    return f"{header}\n\n{html_to_text(html)}"


def absolute_urls(html: str, page_url: str) -> str:
    """Every link and image address made absolute, as email clients have no page to resolve from."""

    def absolute(match: re.Match[str]) -> str:
        attribute, value = match.groups()
        if urlsplit(value).scheme:
            return match.group(0)
        return f'{attribute}="{urljoin(page_url, value)}"'

    return _URL_ATTRIBUTE.sub(absolute, html)
