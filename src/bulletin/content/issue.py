"""Assemble one issue: file -> front matter + body -> validated, rendered `Issue`.

Every problem found in a file is recorded before giving up on it, so an editor
who made three mistakes hears about all three at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from dataclasses import replace
from pathlib import Path

from bulletin import __version__
from bulletin.content import rules
from bulletin.content import sections as build_sections
from bulletin.content.assembled_parts import Call
from bulletin.content.body import split_body
from bulletin.content.bounds import BOUNDS
from bulletin.content.context import IssueContext
from bulletin.content.contributions import call_for_contributions, check_deadline
from bulletin.content.event_links import check_event_links, event_names
from bulletin.content.file_names import issue_slug
from bulletin.content.frontmatter import Document, load_yaml_mapping, split_front_matter
from bulletin.content.images import check_images
from bulletin.content.link_words import check_link_alone
from bulletin.content.markdown import Fragment, Surroundings
from bulletin.content.models import Body, ContentsEntry, Event, Issue, Tagged, event_order
from bulletin.content.page_ids import THEME_IDS, free_id
from bulletin.content.partial import Readable, nothing_readable, validate_document
from bulletin.content.phones import DEFAULT_REGION
from bulletin.content.schema import FrontMatter, SiteConfig
from bulletin.content.schema_events import Event as EventFacts
from bulletin.content.slugs import slugify
from bulletin.content.source import SourceFile, read_source
from bulletin.errors import Problems, Severity

#: An issue's facts and its prose, as read from its file.
Read = tuple[Issue, Body]


def load_issue(path: Path, context: IssueContext, problems: Problems) -> Read | None:
    """Read, validate and render one issue file; None (with problems recorded) if it fails."""
    found = Problems()
    source = read_source(path, context.site_root, found)
    issue = _assemble(source, context, found) if source else None
    problems.extend(found)
    return None if found.errors else issue


def _assemble(source: SourceFile, context: IssueContext, problems: Problems) -> Read | None:
    """The issue, or None once every problem that can be found in it is recorded."""
    read = read_issue(source, problems, context.config.phone_region)
    if read is None:
        return None
    front, document, display = read.model, read.document, source.display_path
    slug = issue_slug(source.path, front.slug, display, problems)
    raw = split_body(document.body, document.body_first_line, display, problems)
    events = _unique_event_anchors(
        [_event(e, i, slug, document, context) for i, e in enumerate(front.events)]
    )
    around = Surroundings(context.config.phone_region, event_names(events))
    parts = build_sections.ParsedIssue(display, document, front, raw, events, read.failed, around)
    sections = build_sections.assemble(parts, context, problems)
    renderer = context.renderer
    preamble = renderer.render(raw.preamble, raw.preamble_line, raw.references, around)
    call = call_for_contributions(
        front.contributions,
        context.config.contributions,
        lambda text, line: renderer.render(text, line, around=around),
        renderer.typeset,
        document,
    )
    prose = list(build_sections.fragments(sections, preamble, *_own_text(call)))
    check_event_links(prose, events, display, problems)
    _check_contacts(front, document, context.config, display, problems)
    _check_still_to_fill_in(source, problems)
    if "date" not in read.failed:
        _check_event_dates(front, document, display, problems)
        check_deadline(front.contributions, front.date, document, display, problems)
    check_images(front, document, sections, preamble, context.content_dir, display, problems)
    if read.failed:  # not an issue to publish, but its links can be checked on their own
        for fragment in prose:
            for link in fragment.links:
                check_link_alone(display, link, problems)
        return None
    digest = _fingerprint(source.text, slug, context.settings_key)
    body = Body(digest, preamble, sections, call)
    slug_line = document.line_of(("slug",)) if front.slug else None
    return _issue(source, front, slug, slug_line, body, events, context), body


def _own_text(call: Call | None) -> tuple[Fragment, ...]:
    """The text of the issue's own call for contributions, if it wrote one (site.yaml's
    text is checked as site.yaml's)."""
    return (call.text,) if call is not None and call.own_text else ()


def _issue(
    source: SourceFile,
    front: FrontMatter,
    slug: str,
    slug_line: int | None,
    body: Body,
    events: tuple[Event, ...],
    context: IssueContext,
) -> Issue:
    """The issue's facts, naming its body by its digest."""
    typeset = context.renderer.typeset
    return Issue(
        slug=slug,
        source=source.path,
        display_path=source.display_path,
        title=typeset(front.title),
        date=front.date,
        summary=typeset(front.summary),
        number=front.number,
        season=front.season,
        topics=tuple(front.topics),
        cover=front.cover,
        draft=front.draft,
        next_issue=front.next_issue,
        body_digest=body.content_digest,
        slug_line=slug_line,
        events=tuple(sorted(events, key=event_order)),
        tagged=tuple(
            Tagged(item.title, item.anchor, item.topics)
            for section in body.sections
            for item in section.items
            if item.topics
        ),
        contents=tuple(ContentsEntry(s.anchor, s.title, s.kind) for s in body.sections),
    )


def _fingerprint(text: str, slug: str, settings_key: str) -> str:
    """The digest of an issue's body: of everything it is made from, its address included."""
    key = f"{__version__}\0{settings_key}\0{slug}\0{text}"
    return hashlib.sha256(key.encode()).hexdigest()


def parse_issue(
    source: SourceFile, problems: Problems, phone_region: str = DEFAULT_REGION
) -> tuple[FrontMatter, Document] | None:
    """Split and validate an issue's front matter; None unless all of it is valid."""
    read = read_issue(source, problems, phone_region)
    return (read.model, read.document) if read and not read.failed else None


def read_issue(
    source: SourceFile, problems: Problems, phone_region: str = DEFAULT_REGION
) -> Readable[FrontMatter] | None:
    """Split and validate an issue's front matter, keeping what is readable of it if it has
    mistakes; None if the file has no front matter to split off, or a body that Markdown
    would take minutes over (`bounds`). The body is left as text.
    Phone numbers written without +country are read in the site's phone_region."""
    display = source.display_path
    if not source.text.strip():
        problems.add(display, None, "is empty; start from 'bulletin new' or copy an earlier issue")
        return None
    split = split_front_matter(source.text, display, problems)
    if split is None:
        return None
    yaml_text, body, body_line = split
    if not all(check(body, body_line, display, problems) for check in BOUNDS):
        return None
    loaded = load_yaml_mapping(
        yaml_text, display, 2, problems, "front matter", "it needs at least title, date and summary"
    )
    if loaded is None:
        return nothing_readable(FrontMatter, Document({}, {(): 2}, body, body_line))
    data, lines = loaded
    document = Document(data, lines, body, body_line)
    context = {"issue_date": _written_date(data.get("date")), "phone_region": phone_region}
    return validate_document(FrontMatter, document, display, problems, context)


def _written_date(value: object) -> dt.date | None:
    """The issue's date as written, if it is one: advice about other dates is relative to it."""
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _event(
    event: EventFacts, index: int, slug: str, document: Document, context: IssueContext
) -> Event:
    """An event in the site's time zone, with an anchor that stays put when it is edited."""
    zone = context.config.zone
    anchor = event.id or f"event-{_day(event.start).isoformat()}-{_slug_words(event.title)}"
    return Event(
        title=context.renderer.typeset(event.title),
        anchor=anchor,
        start=_in_zone(event.start, zone),
        end=_in_zone(event.end, zone) if event.end else None,
        kind=event.kind,
        series=event.series,
        online=event.online,
        place=event.place,
        organiser=event.organiser,
        booking=event.booking,
        description=_inline(event.description, context),
        description_text=event.description or "",
        topics=tuple(event.topics),
        issue_slug=slug,
        line=document.line_of(("events", index)),
        position=int(document.written_as.get(("events", index), ("events", index))[1]),
        explicit_anchor=event.id is not None,
        anchor_line=document.line_of(("events", index, "id" if event.id else "title")),
        to_be_confirmed=tuple(event.to_be_confirmed),
        status=event.status,
    )


def _inline(text: str | None, context: IssueContext) -> str:
    """A phrase rendered, its phone numbers and addresses linked as in the site's region."""
    around = Surroundings(context.config.phone_region)
    return context.renderer.inline(text, around) if text else ""


def _unique_event_anchors(events: list[Event]) -> tuple[Event, ...]:
    """Two events of the same title on the same day (or named as a theme id) get -2, -3."""
    used = set(THEME_IDS)
    unique = []
    for event in events:
        anchor = free_id(event.anchor, used)
        unique.append(replace(event, anchor=anchor) if anchor != event.anchor else event)
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
                document.field_name(("events", index, "start")),
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
            document.field_name(("contacts", index)),
        )
