"""Assemble one issue: file -> front matter + body -> validated, rendered `Issue`.

Every problem found in a file is recorded before giving up on it, so an editor
who made three mistakes hears about all three at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from bulletin import __version__
from bulletin.content import rules
from bulletin.content import sections as build_sections
from bulletin.content.body import split_body
from bulletin.content.fields import slugify
from bulletin.content.frontmatter import Document, load_yaml_mapping, split_front_matter
from bulletin.content.markdown import Fragment, MarkdownRenderer
from bulletin.content.models import Body, Event, Issue, Section, Tagged
from bulletin.content.schema import Event as EventFacts
from bulletin.content.schema import FrontMatter, SiteConfig
from bulletin.content.source import SourceFile, read_source
from bulletin.content.validate import validate_model
from bulletin.errors import Problems, Severity


@dataclass(frozen=True)
class IssueContext:
    """What assembling any issue needs to know about the site around it."""

    config: SiteConfig
    site_root: Path
    content_dir: Path
    renderer: MarkdownRenderer

    @cached_property
    def settings_key(self) -> str:
        """The settings every issue depends on, for its fingerprint."""
        return self.config.model_dump_json()


def load_issue(path: Path, context: IssueContext, problems: Problems) -> Issue | None:
    """Read, validate and render one issue file; None (with problems recorded) if it fails."""
    found = Problems()
    source = read_source(path, context.site_root, found)
    issue = _assemble(source, context, found) if source else None
    problems.extend(found)
    return None if found.errors else issue


def _assemble(source: SourceFile, context: IssueContext, problems: Problems) -> Issue | None:
    parsed = parse_issue(source, problems)
    if parsed is None:
        return None
    front, document = parsed
    display = source.display_path
    slug = front.slug or source.path.stem
    raw = split_body(document.body, document.body_first_line, display, problems)
    events = _unique_event_anchors(
        [_event(e, i, slug, document, context) for i, e in enumerate(front.events)]
    )
    parts = build_sections.ParsedIssue(display, document, front, raw, events)
    sections = build_sections.assemble(parts, context, problems)
    preamble = context.renderer.render(raw.preamble, raw.preamble_line, raw.references)
    _check_contacts(front, document, context.config, display, problems)
    _check_still_to_fill_in(source, problems)
    _check_event_dates(front, document, display, problems)
    _check_images(front, document, sections, preamble, context, display, problems)
    return Issue(
        slug=slug,
        source=source.path,
        display_path=display,
        title=front.title,
        date=front.date,
        summary=front.summary,
        number=front.number,
        season=front.season,
        topics=tuple(front.topics),
        cover=front.cover,
        draft=front.draft,
        next_issue=front.next_issue,
        body=Body(preamble, sections),
        events=tuple(sorted(events, key=lambda e: (e.start_date, e.title))),
        fingerprint=_fingerprint(source.text, slug, context.settings_key),
        tagged=tuple(
            Tagged(item.title, item.anchor, item.topics)
            for section in sections
            for item in section.items
            if item.topics
        ),
    )


def _fingerprint(text: str, slug: str, settings_key: str) -> str:
    """Changes whenever anything an issue's pages show could have changed, its address included."""
    key = f"{__version__}\0{settings_key}\0{slug}\0{text}"
    return hashlib.sha256(key.encode()).hexdigest()


def parse_issue(source: SourceFile, problems: Problems) -> tuple[FrontMatter, Document] | None:
    """Split and validate an issue's front matter; the body is left as text."""
    display = source.display_path
    if not source.text.strip():
        problems.add(display, None, "is empty; start from 'bulletin new' or copy an earlier issue")
        return None
    split = split_front_matter(source.text, display, problems)
    if split is None:
        return None
    yaml_text, body, body_line = split
    loaded = load_yaml_mapping(
        yaml_text, display, 2, problems, "front matter", "it needs at least title, date and summary"
    )
    if loaded is None:
        return None
    data, lines = loaded
    document = Document(data, lines, body, body_line)
    year = re.match(r"\s*(\d{4})-", str(data.get("date", "")))
    context = {"year": int(year.group(1))} if year else None
    front = validate_model(FrontMatter, data, document.line_of, display, problems, context)
    return (front, document) if front else None


def _event(
    event: EventFacts, index: int, slug: str, document: Document, context: IssueContext
) -> Event:
    """An event in the site's time zone, with an anchor that stays put when it is edited."""
    zone = context.config.zone
    anchor = event.id or f"event-{_day(event.start).isoformat()}-{_slug_words(event.title)}"
    return Event(
        title=event.title,
        anchor=anchor,
        start=_in_zone(event.start, zone),
        end=_in_zone(event.end, zone) if event.end else None,
        kind=event.kind,
        series=event.series,
        online=event.online,
        place=event.place,
        organiser=event.organiser,
        booking=event.booking,
        description=context.renderer.inline(event.description) if event.description else "",
        description_text=event.description or "",
        topics=tuple(event.topics),
        issue_slug=slug,
        line=document.line_of(("events", index)),
    )


def _unique_event_anchors(events: list[Event]) -> tuple[Event, ...]:
    """Two events of the same title on the same day get -2, -3 on their anchors."""
    seen: dict[str, int] = {}
    unique = []
    for event in events:
        seen[event.anchor] = seen.get(event.anchor, 0) + 1
        count = seen[event.anchor]
        unique.append(replace(event, anchor=f"{event.anchor}-{count}") if count > 1 else event)
    return tuple(unique)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _slug_words(title: str) -> str:
    return "-".join(slugify(title).split("-")[:6]) or "event"


def _in_zone(value: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.date | dt.datetime:
    """Times written without an offset are the site's local time."""
    if not isinstance(value, dt.datetime):
        return value
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _check_still_to_fill_in(source: SourceFile, problems: Problems) -> None:
    """A scaffolded issue says TODO where the editor has still to write something."""
    for number, line in enumerate(source.text.split("\n"), start=1):
        if "TODO" in line:
            problems.add(
                source.display_path,
                number,
                f"still to fill in: {line.strip()[:80]}",
                severity=Severity.WARNING,
            )


def _check_event_dates(
    front: FrontMatter, document: Document, display: str, problems: Problems
) -> None:
    """An event before the issue's own date is probably a typo in the year or month."""
    for index, event in enumerate(front.events):
        start = _day(event.start)
        if start < front.date:
            problems.add(
                display,
                document.line_of(("events", index, "start")),
                f"starts on {start.isoformat()}, before this issue's date "
                f"({front.date.isoformat()}); check the date, or remove the event",
                f"events[{index}].start",
                Severity.WARNING,
            )


def _check_contacts(
    front: FrontMatter, document: Document, config: SiteConfig, display: str, problems: Problems
) -> None:
    known = list(config.contacts)
    for index, key in enumerate(front.contacts):
        if key in config.contacts:
            continue
        close = difflib.get_close_matches(key, known, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        problems.add(
            display,
            document.line_of(("contacts", index)),
            f"{rules.CONTACT_UNKNOWN.format(key=key)}{hint}; "
            f"{rules.CONTACT_KEYS.format(keys=', '.join(known) or 'none yet')}",
            f"contacts[{index}]",
        )


def _check_images(
    front: FrontMatter,
    document: Document,
    sections: tuple[Section, ...],
    preamble: Fragment,
    context: IssueContext,
    display: str,
    problems: Problems,
) -> None:
    """Every image must exist in the content folder and say what it shows."""
    declared: list[tuple[tuple[str, ...], str]] = (
        [(("cover", "src"), front.cover.src)] if front.cover else []
    )
    declared += [
        (("news", key, "image", "src"), facts.image.src)
        for key, facts in front.news.items()
        if facts.image
    ]
    for path, src in declared:
        _check_image_file(src, document.line_of(path), context, display, problems, path)
    for fragment in build_sections.fragments(sections, preamble):
        for link in fragment.links:
            if not link.is_image:
                continue
            if not link.text:
                problems.add(
                    display,
                    link.line,
                    f"the image {link.target} has no description; write it between the "
                    f"brackets: ![Three people talking around a table]({link.target})",
                )
            _check_image_file(link.target, link.line, context, display, problems)


def _check_image_file(
    src: str,
    line: int,
    context: IssueContext,
    display: str,
    problems: Problems,
    path: tuple[str, ...] = (),
) -> None:
    if "://" in src or src.startswith(("data:", "/")):
        problems.add(
            display,
            line,
            f"{src} is not in the content folder; put the image in content/images/ and "
            "write images/<name> (pages must not load anything from other sites)",
            ".".join(path),
        )
        return
    relative = src.removeprefix("./").removeprefix("../").removeprefix("content/")
    target = (context.content_dir / relative).resolve()
    if not target.is_relative_to(context.content_dir.resolve()) or not target.is_file():
        problems.add(
            display,
            line,
            f"the image {src} does not exist (looked for content/{relative})",
            ".".join(path),
        )
