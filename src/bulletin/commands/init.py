"""Init: a new site repository, ready to preview, check and publish on GitHub Pages.

`bulletin init FOLDER` writes what an organisation's newsletter needs, and
none of bulletin's own code: its settings (content/site.yaml, from the
answers), a first issue that builds, content/images/, the editors' guide, a
.gitignore and a README, the pin of bulletin's version (requirements.txt) and
the lock of every library's (constraints.txt), and the GitHub workflow that
checks pull requests and publishes main to Pages, with Dependabot's settings.

The workflow, the lock, Dependabot's settings and the editors' guide are this
repository's own files (its example site is published by the same workflow),
packaged in the wheel under bulletin/site_template/; the rest are templates
there. Nothing is ever written over an existing file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from bulletin import __version__
from bulletin.commands.init_answers import Answers, folder_slug
from bulletin.commands.site_folder import holds_site
from bulletin.content.slugs import slugify
from bulletin.content.source import shown_path
from bulletin.errors import BulletinError
from bulletin.render.archetype import SEASONS

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "site_template"
#: The files every new site shares with this repository's example site.
SHARED: tuple[str, ...] = ("content/README.md", ".github/workflows/publish.yml")
SHARED += (".github/dependabot.yml", "constraints.txt")
#: Files an existing repository may already have: kept (a README) or added to (.gitignore).
KEPT_IF_THERE = ("README.md", ".gitignore")
SEASON_STARTS = ((3, "spring"), (6, "summer"), (9, "autumn"), (12, "winter"))


@dataclass(frozen=True)
class SiteFile:
    """A file init writes: where, what it says, and what it is for (for the summary)."""

    path: str
    text: str
    what: str


@dataclass
class NewSite:
    """What init made, for the summary it prints."""

    folder: Path
    written: list[SiteFile] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    next_title: str = ""
    placeholder_address: str | None = None

    def report(self) -> list[str]:
        """What was written, the three commands to run next, and how to publish."""
        where = shown_path(self.folder)
        place = "this folder" if where == "." else f"{where}/"
        lines = [f"Created a newsletter site in {place}:"]
        lines += [f"  {file.path:<34} {file.what}" for file in self.written]
        lines += [f"  {path:<34} kept as it was" for path in self.kept]
        if self.placeholder_address:
            lines += [
                "",
                f"base_url is {self.placeholder_address} for now: set it in content/site.yaml",
                "to the site's address (on GitHub Pages the workflow uses the Pages address).",
            ]
        lines += ["", "Your next three commands" + (f", in {place}:" if where != "." else ":")]
        lines += [
            f"  {'bulletin serve':<34} preview the site at http://127.0.0.1:8000/",
            f"  {'bulletin new ' + json.dumps(self.next_title):<34} start the next issue",
            f"  {'bulletin check':<34} list anything still to fix",
            "",
            "To publish it: push the folder to a GitHub repository, then choose",
            "Settings > Pages > Source: GitHub Actions. README.md says the rest.",
        ]
        return lines


def init_site(folder: Path, answers: Answers, today: dt.date) -> NewSite:
    """Write a new site into folder (made if need be), refusing one that holds a site."""
    if holds_site(folder):
        raise BulletinError(
            f"{shown_path(folder)} already holds a site (it has content/site.yaml), so "
            "nothing was written; edit that site's files, or run init in a new folder"
        )
    site = NewSite(folder, next_title=_next_title(today))
    files = _site_files(folder, answers, today)
    clashes = [f.path for f in files if (folder / f.path).exists() and f.path not in KEPT_IF_THERE]
    if clashes:
        raise BulletinError(
            f"{shown_path(folder)} already has {', '.join(clashes)}, and init never writes over "
            "a file, so nothing was written; move them away, or run init in a new folder"
        )
    for file in files:
        _write(folder, file, site)
    if answers.base_url == f"https://{folder_slug(folder)}.example/":
        site.placeholder_address = answers.base_url
    return site


def _write(folder: Path, file: SiteFile, site: NewSite) -> None:
    path = folder / file.path
    if path.exists() and file.path == ".gitignore":
        _add_missing_lines(path, file.text)
        site.kept.append(f"{file.path} (with bulletin's lines added)")
        return
    if path.exists():
        site.kept.append(file.path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(file.text)
    shown = file.path.removesuffix(".gitkeep") if file.path.endswith("/.gitkeep") else file.path
    site.written.append(SiteFile(shown, "", file.what))


def _add_missing_lines(path: Path, text: str) -> None:
    """Add to an existing .gitignore the lines of bulletin's that it lacks."""
    existing = path.read_text(encoding="utf-8")
    have = {line.strip() for line in existing.splitlines()}
    missing = [line for line in text.splitlines() if line.strip() and line.strip() not in have]
    if missing:
        separator = "" if existing.endswith("\n") or not existing else "\n"
        path.write_text(existing + separator + "\n".join(missing) + "\n", encoding="utf-8")


def _site_files(folder: Path, answers: Answers, today: dt.date) -> list[SiteFile]:
    """Every file of the new site, in the order the summary lists them."""
    context = _context(answers, today)
    issues = folder / "content" / "issues"
    has_issues = issues.is_dir() and any(issues.glob("*.md"))
    first = [] if has_issues else [_rendered("first-issue.md", context, context["issue_path"])]
    return [
        _rendered("site.yaml", context, "content/site.yaml"),
        *first,
        SiteFile("content/images/.gitkeep", "", "pictures for issues"),
        _shared("content/README.md", "the editors' guide"),
        _rendered("README.md", context, "README.md"),
        SiteFile(".gitignore", _template_text("gitignore"), "what is never committed"),
        _rendered("requirements.txt", context, "requirements.txt"),
        _shared("constraints.txt", "the version of every library it uses (the lock)"),
        _shared(".github/workflows/publish.yml", "checks pull requests, publishes on Pages"),
        _shared(".github/dependabot.yml", "keeps the actions and the lock current"),
    ]


WHAT = {
    "content/site.yaml": "the name, address and contacts directory",
    "README.md": "how the site is built, published and upgraded",
    "requirements.txt": "the version of bulletin it is built with",
}


def _rendered(template: str, context: dict[str, Any], path: str) -> SiteFile:
    text = _environment().get_template(template).render(context)
    return SiteFile(path, text, WHAT.get(path, "the first issue"))


def _shared(path: str, what: str) -> SiteFile:
    return SiteFile(path, shared_file(path).read_text(encoding="utf-8"), what)


def shared_file(path: str) -> Path:
    """A file every new site shares with the example site: in the wheel, or in a checkout."""
    packaged = TEMPLATES / path
    return packaged if packaged.is_file() else PACKAGE.parent.parent / path


def _template_text(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    # A JSON string is a valid, safely quoted YAML scalar.
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["markdown_text"] = markdown_text
    return env


def markdown_text(text: str) -> str:
    """Text that Markdown shows as it is: its markup characters escaped."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text).replace("<", "&lt;")


def _context(answers: Answers, today: dt.date) -> dict[str, Any]:
    season = SEASONS[today.month]
    issue_title = f"{season.capitalize()} {today.year}"
    contact_key = slugify(answers.organisation)[:40].strip("-") or "newsletter"
    organisation = markdown_text(answers.organisation)
    return {
        **vars(answers),
        "description": f"News, events and contacts from {answers.organisation}.",
        "today": today.isoformat(),
        "review_by": (today + dt.timedelta(days=365)).isoformat(),
        "contact_key": contact_key,
        "contributions": (
            "**Your news counts.** Tell us what you would like to read about, or send us "
            f"news for the next issue: email [{organisation}](mailto:{answers.email})."
        ),
        "issue_title": issue_title,
        "issue_path": f"content/issues/{slugify(issue_title)}.md",
        "season": season,
        "summary": f"The first issue of {answers.title}: what it is for, and who to contact.",
        "next_issue": (today + dt.timedelta(days=91)).isoformat(),
        "version": __version__,
        **_source(),
    }


def _next_title(today: dt.date) -> str:
    """The next season's issue, as a title for bulletin new: "Winter 2026" in November."""
    for month, season in SEASON_STARTS:
        if month > today.month:
            return f"{season.capitalize()} {today.year}"
    return f"Spring {today.year + 1}"


def _source() -> dict[str, str]:
    """Where bulletin's source is published, from its packaging, for the pin and the README."""
    repository = source_repository()
    github = re.fullmatch(r"https://github\.com/([^/]+/[^/]+?)/?", repository)
    raw = (
        f"https://raw.githubusercontent.com/{github[1]}/v{__version__}/constraints.txt"
        if github
        else f"constraints.txt in {repository} at the tag v{__version__}"
    )
    return {"repository": repository, "raw_constraints": raw}


def source_repository() -> str:
    """The Source address in bulletin's packaging metadata (pyproject.toml's [project.urls])."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata("bulletin").get_all("Project-URL") or []
    except PackageNotFoundError:  # run from a checkout without installing it
        import tomllib

        project = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text())["project"]
        entries = [f"{label}, {url}" for label, url in project.get("urls", {}).items()]
    for entry in entries:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "source":
            return url.strip()
    raise BulletinError("bulletin's packaging names no Source address to pin new sites to")
