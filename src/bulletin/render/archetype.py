"""Render: a new issue's text, from the archetype, carrying forward what recurs.

The archetype is a Jinja template, `templates/archetypes/issue.md`, which a
site can override like any theme template. From the latest issue that is not
a draft it carries forward the contacts, the foreword's signature, the
priorities section and the events that have not happened yet. Every part
still to be written says TODO, which `bulletin check` lists. `bulletin new`
writes it to a file; the web editor's form starts a new issue from it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from bulletin.config import load_config
from bulletin.content.body import RawBody, split_body
from bulletin.content.frontmatter import ContentDumper, Document
from bulletin.content.issue import parse_issue
from bulletin.content.phones import DEFAULT_REGION
from bulletin.content.schema import FrontMatter
from bulletin.content.source import discover_issue_files, read_source
from bulletin.errors import Problems
from bulletin.render.theme import load_template, render_template
from bulletin.render.theme_files import find_theme

ARCHETYPE = "archetypes/issue.md"
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring"}
SEASONS |= {6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}


@dataclass(frozen=True, eq=False)
class _Earlier:
    """An existing issue, parsed: its facts, its body and its raw data."""

    front: FrontMatter
    document: Document
    body: RawBody


def scaffold(site_root: Path, title: str, today: dt.date, earlier: list[Path] | None = None) -> str:
    """The text of a new issue, carrying forward from the earlier issues (all, if not given).

    The web editor's form starts new issues from this too, given only the latest issue.
    """
    if earlier is None:
        earlier = discover_issue_files(site_root / "content", site_root, Problems())
    context = _archetype_context(title, today, _earlier_issues(site_root, earlier, today))
    return _render_archetype(site_root, context)


def _earlier_issues(site_root: Path, paths: list[Path], today: dt.date) -> list[_Earlier]:
    """Every existing issue that can be read; broken ones cannot be carried forward from."""
    config = load_config(site_root, Problems(), today)
    region = config.phone_region if config else DEFAULT_REGION
    found = []
    for path in paths:
        problems = Problems()
        source = read_source(path, site_root, problems)
        parsed = parse_issue(source, problems, region) if source else None
        if parsed:
            front, document = parsed
            body = split_body(document.body, document.body_first_line, "", Problems())
            found.append(_Earlier(front, document, body))
    return sorted(found, key=lambda e: (e.front.date, e.front.number or 0))


def _archetype_context(title: str, today: dt.date, earlier: list[_Earlier]) -> dict[str, Any]:
    published = [e for e in earlier if not e.front.draft]
    latest = published[-1] if published else None
    numbers = [e.front.number for e in earlier if e.front.number]
    named = [season for season in set(SEASONS.values()) if season in title.lower()]
    return {
        "title": title,
        "date": today.isoformat(),
        "number": max(numbers) + 1 if numbers else None,
        "season": named[0] if len(named) == 1 else SEASONS[today.month],
        "next_issue": (today + dt.timedelta(days=91)).isoformat(),
        "latest_title": latest.front.title if latest else "",
        "foreword": latest.front.foreword if latest else None,
        "contacts": latest.front.contacts if latest else [],
        "priorities": _priorities_markdown(latest) if latest else "",
        "events": _future_events_yaml(latest, today) if latest else "",
    }


def _priorities_markdown(issue: _Earlier) -> str:
    """The latest issue's priorities section, exactly as it was written."""
    sections = issue.body.sections
    lines = issue.document.body.split("\n")
    first = issue.document.body_first_line
    for index, section in enumerate(sections):
        if section.kind == "priorities":
            end = sections[index + 1].line if index + 1 < len(sections) else first + len(lines)
            return "\n".join(lines[section.line - first : end - first]).strip() + "\n"
    return ""


def _future_events_yaml(issue: _Earlier, today: dt.date) -> str:
    """The latest issue's events that are still to come, as the editor wrote them."""
    raw_events = issue.document.data.get("events") or []
    upcoming = [
        raw
        for raw, event in zip(raw_events, issue.front.events, strict=False)
        if _day(event.start) >= today
    ]
    if not upcoming:
        return ""
    text: str = yaml.dump(
        upcoming, Dumper=ContentDumper, sort_keys=False, allow_unicode=True, width=100
    )
    return text.rstrip()


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


#: Characters YAML does not allow as they are, or reads as line breaks, in a quoted value.
_NOT_FOR_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_scalar(value: object) -> str:
    """A value as a double-quoted YAML scalar that reads as written: a JSON string is one, and
    keeping letters such as é and ŵ as they are lets the editor read the title they gave."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_FOR_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _render_archetype(site_root: Path, context: dict[str, Any]) -> str:
    theme = find_theme(site_root)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = yaml_scalar
    template = load_template(env, ARCHETYPE, site_root)  # a mistake in it: its file and line
    return render_template(template, context, site_root)
