"""Reading a built site back: parsed pages and a checker for every internal link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html
from lxml.html import HtmlElement


def page(site_dir: Path, relative: str) -> HtmlElement:
    """A built page, parsed."""
    return lxml_html.fromstring((site_dir / relative).read_bytes())


def html_pages(site_dir: Path) -> list[Path]:
    """Every reader's page in a built site (not email editions, nor the editor at /admin/)."""
    admin = site_dir / "admin"
    return sorted(
        p for p in site_dir.rglob("*.html") if p.name != "email.html" and admin not in p.parents
    )


def broken_links(site_dir: Path, skip: tuple[str, ...] = ("404.html",)) -> list[str]:
    """Relative links and #anchors in every page that do not lead to a file and id."""
    broken = []
    for path in html_pages(site_dir):
        if path.name in skip:
            continue
        tree = lxml_html.fromstring(path.read_bytes())
        for element, attribute in _references(tree):
            target = element.get(attribute)
            problem = _check(path, target, site_dir)
            if problem:
                broken.append(f"{path.relative_to(site_dir)}: {target}: {problem}")
    return broken


def _references(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    found = [(e, "href") for e in tree.iter("a", "link") if e.get("href")]
    return found + [(e, "src") for e in tree.iter("img", "script") if e.get("src")]


def _check(page_path: Path, target: str, site_dir: Path) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    if parts.path:
        resolved = (page_path.parent / unquote(parts.path)).resolve()
        if target.endswith("/") or resolved.is_dir():
            resolved = resolved / "index.html"
        if not resolved.is_relative_to(site_dir.resolve()):
            return "leads outside the site"
        if not resolved.is_file():
            return "no such file"
    else:
        resolved = page_path
    if parts.fragment and resolved.suffix == ".html":
        ids = lxml_html.fromstring(resolved.read_bytes()).xpath("//@id")
        if parts.fragment not in ids:
            return f"no element with id {parts.fragment!r}"
    return None
