"""An "everything visible" theme: the packaged theme, with every page and list partial also
printing every variable its view offers, in full.

A site's own templates can show any field of what they are given; a build
that reuses earlier work must still write exactly what a clean build would.
With this theme, any field that a product's key failed to cover would show
as a difference after an edit to it. The variables are read off the views
themselves (`bulletin.render.views`), so a field added to a view is printed
here at once.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from bulletin.render import page_views
from bulletin.render.views import View
from tests.conftest import REPO

#: Each page template and the view it is rendered with.
PAGES: dict[str, type[View]] = {
    "home.html": page_views.HomeView,
    "archive.html": page_views.ArchiveView,
    "archive-year.html": page_views.YearView,
    "events.html": page_views.EventsView,
    "topics.html": page_views.TopicsView,
    "topic.html": page_views.TopicView,
    "search.html": page_views.SearchView,
    "accessibility.html": page_views.StatementView,
    "404.html": page_views.NotFoundView,
    "issue.html": page_views.IssueView,
}
#: What each view's context adds to its fields.
EXTRA = {"issue.html": ("social", "structured_data"), "404.html": ("root", "canonical")}
#: Each list partial (a macro) and its parameters.
PARTIALS = {
    "partials/issue-summary.html": ("issue",),
    "partials/event.html": ("event", "issue"),
    "partials/contents.html": ("issue",),
}
#: What every page's context holds.
COMMON = (
    "site", "path", "root", "assets", "page_title", "canonical", "navigation", "feeds",
    "social", "structured_data", "edition",
)  # fmt: skip


def dump(names: tuple[str, ...]) -> str:
    """Template text printing each variable in full (its repr, escaped)."""
    return "".join(f'<pre class="everything" data-name="{n}">{{{{ {n} }}}}</pre>\n' for n in names)


def install(site: Path) -> None:
    """Write the theme into a site's templates/ folder."""
    theme = REPO / "templates"
    for name, view in PAGES.items():
        text = (theme / name).read_text()
        names = tuple(f.name for f in fields(view)) + EXTRA.get(name, ())  # type: ignore[arg-type]
        cut = text.rindex("{% endblock %}")
        _write(site, name, text[:cut] + dump(names) + text[cut:])
    for name, parameters in PARTIALS.items():
        text = (theme / name).read_text()
        cut = text.rindex("{% endmacro %}")
        inside = text.rindex("</", 0, cut)  # inside the partial's outermost element
        _write(site, name, text[:inside] + dump(parameters) + text[inside:])
    base = (theme / "base.html").read_text()
    _write(site, "base.html", base.replace("</footer>", dump(COMMON) + "</footer>"))


def _write(site: Path, name: str, text: str) -> None:
    target = site / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
