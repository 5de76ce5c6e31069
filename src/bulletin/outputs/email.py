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
from bulletin.outputs.sharing import Share, share_here
from bulletin.render.filters import long_date
from bulletin.render.pages import PageRenderer, PageSpec
from bulletin.render.plaintext import html_to_text
from bulletin.site import Site, issue_path

if TYPE_CHECKING:
    import css_inline

EMAIL_CSS = "css/email.css"
#: An address in an attribute; the leading space (or line break) lets the expression
#: engine skip ahead to candidates, three times quicker than a word boundary.
_URL_ATTRIBUTE = re.compile(r'(\s)(href|src)="([^"]*)"')


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
        finish: Share = share_here,
    ) -> list[OutputFile]:
        """Both parts of every issue's email (each passed to `keep` as it is made).

        Each edition's HTML is rendered here; inlining its CSS and making its
        text part, most of the work, is handed to `finish`, which may share it
        among processes (it gives results back in order).
        """
        css_key = hashlib.sha256(css).hexdigest()
        keys = {i.slug: (renderer.theme_key, css_key, i.fingerprint) for i in site.issues}
        stale = [
            issue
            for issue in site.issues
            if issue.slug not in self._made or self._made[issue.slug][0] != keys[issue.slug]
        ]
        sources = (_source(issue, site, renderer, css.decode()) for issue in stale)
        finished = finish(finish_edition, sources, len(stale))
        for issue, (html, text) in zip(stale, finished, strict=True):
            html_path, text_path = email_paths(issue)
            parts = [
                keep(OutputFile(html_path, data=html.encode("utf-8"))),
                keep(OutputFile(text_path, data=text.encode("utf-8"))),
            ]
            self._made[issue.slug] = (keys[issue.slug], parts)
        self._made = {slug: self._made[slug] for slug in keys}
        return [file for _, parts in self._made.values() for file in parts]


#: An edition's HTML as rendered, its address online and its text part's header.
Source = tuple[str, str, str]


def finish_edition(source: Source) -> tuple[str, str]:
    """The HTML with links made absolute and CSS inlined, and the text part: what takes
    the time, and needs nothing but the source (so that a pool of processes can do it)."""
    rendered, online, header = source
    html = absolute_urls(rendered, online)
    return _inliner().inline(html), f"{header}\n\n{html_to_text(html)}"


def _source(issue: Issue, site: Site, renderer: PageRenderer, css: str) -> Source:
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
    return renderer.render(spec).read().decode("utf-8"), online, text_header(issue, site, online)


@functools.cache
def _inliner() -> css_inline.CSSInliner:
    """The CSS inliner, loaded only by a build that makes an email edition."""
    import css_inline

    return css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def text_header(issue: Issue, site: Site, online: str) -> str:
    """The text part's opening: the newsletter, the issue and where to read it online."""
    number = f", issue {issue.number}" if issue.number else ""
    title = f"{site.config.title}{number}, {long_date(issue.date)}"
    return f"{title}\n\nRead this issue online:\n{online}"


def absolute_urls(html: str, page_url: str) -> str:
    """Every link and image address made absolute, as email clients have no page to resolve from."""

    def absolute(match: re.Match[str]) -> str:
        space, attribute, value = match.groups()
        if urlsplit(value).scheme:
            return match.group(0)
        return f'{space}{attribute}="{urljoin(page_url, value)}"'

    return _URL_ATTRIBUTE.sub(absolute, html)
