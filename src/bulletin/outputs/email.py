"""Outputs: each issue's email edition, /issues/<slug>/email.html and email.txt.

The HTML is what email clients render: a table layout at most 600 px wide,
every style inlined by css-inline (many clients drop <style>), no scripts,
every link and image absolute, a preheader (the summary shown beside the
subject), a "read online" link, and no SVG pictures (most clients cannot
show them). The text part is derived from the same HTML, so both parts carry
the same sections.

Each edition is a product that reads the email stylesheet, declared in a
group of its own (from the issue and what pages share); its HTML is
rendered here, and inlining its CSS and making its text part, most of the
work, is a task the builder may hand to its pool of processes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from html import escape, unescape
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from bulletin import urls
from bulletin.content.models import Issue
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import made
from bulletin.outputs.origins import of_issue
from bulletin.outputs.protocol import Declared, Group, Made, Product, Results, Task
from bulletin.outputs.static import STATIC, asset_paths
from bulletin.render import page_views, views
from bulletin.render.filters import long_date
from bulletin.render.pages import PageInputs, Shared, render_page
from bulletin.render.plaintext import html_to_text

if TYPE_CHECKING:
    import css_inline

EMAIL_CSS = "css/email.css"
EMAIL = "email:"
#: An address in an attribute; the leading space (or line break) lets the expression
#: engine skip ahead to candidates, three times quicker than a word boundary.
_URL_ATTRIBUTE = re.compile(r'(\s)(href|src)="([^"]*)"')


class EmailOutput:
    """An email edition per issue."""

    name = "email"
    needs: tuple[str, ...] = ("static",)

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Declared]) -> Iterable[Group]:
        """A group per issue: its edition, reading the email stylesheet."""
        context = self.context
        assets = views.Assets(tuple(sorted(asset_paths(declared).items())))
        shared = Shared(context.theme.stamp, context.view, assets)
        declare = functools.partial(_edition, self._make)
        for issue in context.site.issues:
            yield Group(EMAIL + issue.slug, Edition(shared, issue), declare, (STATIC + EMAIL_CSS,))

    def _make(self, inputs: PageInputs, results: Results) -> Task:
        """The edition's HTML, rendered here; finishing it is a task for the pool."""
        css = results.files(STATIC + EMAIL_CSS)[0].read().decode("utf-8")
        view = inputs.page.view
        assert isinstance(view, page_views.EditionView)
        page = replace(inputs.page, view=replace(view, email_css=css))
        html = render_page(self.context.theme, replace(inputs, page=page), self.context.full)
        header = text_header(view.issue, inputs.site.title, view.online)
        return Task(finish_edition, (html, view.online, header, view.issue.slug))


@dataclass(frozen=True, eq=False)
class Edition:
    """What an issue's email edition is declared from: the issue, and what pages share."""

    shared: Shared
    issue: Issue


def _edition(make: Callable[[PageInputs, Results], Task], edition: Edition) -> Iterable[Product]:
    """An issue's email edition, reading the email stylesheet."""
    issue, base = edition.issue, edition.shared.site.base_url
    view = page_views.EditionView(issue, "email", base + issue.path)
    page = views.PageView(
        "email/issue.html", f"email-source/{issue.slug}", issue.title, view, root=base
    )
    origin = of_issue(issue, f"the email edition of {issue.display_path}")
    paths = urls.email_paths(issue.slug)
    inputs = edition.shared.inputs(page)
    yield Product(
        EMAIL + issue.slug, paths, origin, inputs, make, (STATIC + EMAIL_CSS,), pooled=True
    )


def finish_edition(source: tuple[str, str, str, str]) -> Made:
    """The HTML with links made absolute and CSS inlined, and the text part: what takes
    the time, and needs nothing but the source (so that a pool of processes can do it)."""
    rendered, online, header, slug = source
    html = absolute_urls(rendered, online)
    html_path, text_path = urls.email_paths(slug)
    text = f"{header}\n\n{html_to_text(html, here=online)}"
    return Made(
        (
            made(html_path, _inliner().inline(html).encode("utf-8")),
            made(text_path, text.encode("utf-8")),
        )
    )


@functools.cache
def _inliner() -> css_inline.CSSInliner:
    """The CSS inliner, loaded only by a build that makes an email edition.

    Media queries (a phone's width, dark mode) cannot be inlined: they alone stay, in a
    <style> block, for the clients that read one (Apple Mail, Gmail's apps).
    """
    import css_inline

    return css_inline.CSSInliner(
        keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False
    )


def text_header(issue: Issue, newsletter: str, online: str) -> str:
    """The text part's opening: the newsletter, the issue and where to read it online."""
    number = f", issue {issue.number}" if issue.number else ""
    title = f"{newsletter}{number}, {long_date(issue.date)}"
    return f"{title}\n\nRead this issue online:\n{online}"


def absolute_urls(html: str, page_url: str) -> str:
    """Every link and image address made absolute, as email clients have no page to resolve from."""

    def absolute(match: re.Match[str]) -> str:
        space, attribute, value = match.groups()
        if urlsplit(value).scheme:
            return match.group(0)
        joined = urljoin(page_url, unescape(value))
        return f'{space}{attribute}="{escape(joined, quote=True)}"'

    return _URL_ATTRIBUTE.sub(absolute, html)
