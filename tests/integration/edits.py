"""Edits an editor makes to a site, one of each kind of input, for the incremental-build tests.

Every front-matter field of an issue (the summer issue uses nearly all of
them), the body, every setting of site.yaml that pages show, images,
templates and static files. Each edit leaves the site building: a build
after it must write exactly what a clean build of the edited site writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO

Edit = Callable[[Path], None]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def issue(site: Path, name: str = "2026-summer") -> Path:
    return site / "content" / "issues" / f"{name}.md"


def override(site: Path, relative: str, old: str, new: str) -> None:
    """Copy a theme file into the site (unless it has its own already), then change it there."""
    target = site / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / relative, target)
    replace_in(target, old, new)


def write(site: Path, relative: str, text: str) -> None:
    target = site / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def add_issue(site: Path) -> None:
    shutil.copy(issue(site, "2026-spring"), issue(site, "2026-spring-extra"))
    replace_in(issue(site, "2026-spring-extra"), "title: Spring 2026", "title: Spring extra")


def in_issue(old: str, new: str, name: str = "2026-summer") -> Edit:
    """An edit of one issue's file."""
    return lambda site: replace_in(issue(site, name), old, new)


def in_settings(old: str, new: str) -> Edit:
    """An edit of site.yaml."""
    return lambda site: replace_in(site / "content" / "site.yaml", old, new)


FRONT_MATTER: dict[str, Edit] = {
    "title": in_issue("title: Summer 2026", "title: High summer 2026"),
    "date": in_issue("date: 2026-07-22", "date: 2026-07-23"),
    "summary": in_issue("What the partnership agreed in July", "What we agreed in July"),
    "number": in_issue("number: 8", "number: 18"),
    "season": in_issue("season: summer", "season: autumn"),
    "topics": in_issue("topics: [transitional", "topics: [holidays, transitional"),
    "cover.src": in_issue("src: images/cover-summer.svg", "src: images/cover-spring.svg"),
    "cover.alt": in_issue("under a bright summer sun", "under a hot summer sun"),
    "draft": in_issue("number: 9\n", "number: 9\ndraft: true\n", "2026-autumn"),
    "slug": in_issue("number: 9\n", "number: 9\nslug: autumn-issue\n", "2026-autumn"),
    "next_issue": in_issue("next_issue: 2026-10-30", "next_issue: 2026-11-06"),
    "foreword.author": in_issue("author: Alex Example", "author: Sam Example"),
    "foreword.role": in_issue("role: Independent Chair and Scrutineer", "role: Chair"),
    "partnership_report.meeting": in_issue("meeting: 2026-07-06", "meeting: 2026-07-07"),
    "partnership_report.figures": in_issue('value: "412"', 'value: "413"'),
    "focus.subject": in_issue("subject: the Youth Outreach Team", "subject: the outreach team"),
    "events.title": in_issue(
        "title: Safeguarding practice day", "title: Safeguarding practice day 2026"
    ),
    "events.start": in_issue("start: 2026-09-17T12:00", "start: 2026-09-17T11:00"),
    "events.end": in_issue("end: 2026-09-17T13:00", "end: 2026-09-17T13:30"),
    "events.kind": in_issue("kind: meeting", "kind: briefing"),
    "events.series": in_issue("series: Understanding safeguarding risks", "series: Risk"),
    "events.online": in_issue(
        "    place: Training Suite, Northbrook Library\n",
        "    place: Training Suite, Northbrook Library\n    online: true\n",
    ),
    "events.place": in_issue("place: Northbrook Civic Centre\n", "place: Northbrook Town Hall\n"),
    "events.organiser": in_issue("organiser: Regional Safeguarding Network", "organiser: RSN"),
    "events.booking": in_issue(
        "booking: https://events.regional-network.example/housing-young-adults",
        "booking: https://events.regional-network.example/housing",
    ),
    "events.description": in_issue("lunch is provided", "lunch and tea are provided"),
    "events.topics": in_issue(
        "    topics: [training]\n  - title: Safeguarding",
        "    topics: [training, practice]\n  - title: Safeguarding",
    ),
    "events.id": in_issue("id: practice-day-2026", "id: practice-day"),
    "events.to_be_confirmed": in_issue(
        "to_be_confirmed: [time, place]", "to_be_confirmed: [time]\n    place: Committee Room 2"
    ),
    "events.status": in_issue("status: cancelled", "status: postponed"),
    "events added": in_issue(
        "courses:",
        "  - title: A new webinar\n    start: 2026-11-30T10:00\n    online: true\ncourses:",
    ),
    "courses.title": in_issue("title: Trauma-informed practice", "title: Trauma-informed work"),
    "courses.series": in_issue(
        "series: Understanding safeguarding risks\n    audience:",
        "series: Risks\n    audience:",
    ),
    "courses.audience": in_issue(
        "audience: Everyone who works with", "audience: All who work with"
    ),
    "courses.description": in_issue("in about an hour", "in under an hour"),
    "courses.new": in_issue(
        "    new: true\n    description: How", "    new: false\n    description: How"
    ),
    "courses.booking": in_issue("training/safer-recruitment", "training/safer-recruiting"),
    "courses.interest": in_issue(
        "    interest: https://www.northbrook.example/", "    interest: https://northbrook.example/"
    ),
    "courses added": in_issue("news:\n", "  - title: Working with fathers\nnews:\n"),
    "partnership_report.subtitle": in_issue(
        "subtitle: What the partnership discussed", "subtitle: What we discussed"
    ),
    "partnership_report.figures.item": in_issue(
        "item: lado-report     #", "item: the-community-safety-review     #"
    ),
    "news.actions": in_issue("label: Call the fostering team", "label: Phone the fostering team"),
    "news.topics": in_issue(
        "    topics: [fostering]\n    image:", "    topics: [care]\n    image:"
    ),
    "news.image": in_issue("a heart in its doorway", "a heart above its door"),
    "contacts": in_issue(
        "contacts: [partnership, training, lado, referrals, cdop]",
        "contacts: [partnership, lado, referrals, cdop]",
    ),
    "contributions.heading": in_issue("heading: Your views count", "heading: Write for us"),
    "contributions.text": in_issue("for the autumn issue", "for the next issue"),
    "contributions.contact": in_issue("name: Sam Sample", "name: Sam Example"),
    "contributions.contact.phone": in_issue("number: 020 7946 0283", "number: 020 7946 0284"),
    "contributions.deadline": in_issue("deadline: 2026-10-16", "deadline: 2026-10-23"),
    "contributions.text left to site.yaml": in_issue(
        "  text: >-\n    Tell us about the safeguarding issues that matter to you. We welcome\n"
        "    articles of 200 to 300 words for the autumn issue, and feedback and ideas\n"
        "    for any issue after it.\n",
        "",
    ),
}

BODY: dict[str, Edit] = {
    "prose": in_issue("Welcome to the summer", "Hello to the summer"),
    "a section's heading": in_issue("## Focus on ... the Youth Outreach Team", "## Focus on youth"),
    "an item's heading": in_issue("### Mapping harm across the borough", "### Mapping harm"),
    "a preamble": in_issue("---\n\n## Foreword", "---\n\nA few words first.\n\n## Foreword"),
    "a quote": in_issue("-- a parent", "-- a mother"),
    "a link": in_issue(
        "[spring issue](2026-spring.md#priorities)", "[spring issue](2026-spring.md)"
    ),
    "a link to an event": in_issue("(#event:meet-the-chair)", "(#event:safeguarding-practice-day)"),
    "a phone number in the text": in_issue("on 020 7946 0668, or", "on 020 7946 0669, or"),
    "a heading's quotes and dashes": in_issue('"open access" -- for', '"open access" --- for'),
    "an older issue's prose": in_issue(
        "Thank you to everyone", "Thanks to everyone", "2026-autumn"
    ),
}

SETTINGS: dict[str, Edit] = {
    "site.yaml title": in_settings(
        "title: Northbrook Safeguarding Bulletin", "title: The Northbrook Bulletin"
    ),
    "site.yaml organisation": in_settings(
        "organisation: Northbrook Safeguarding Children Partnership",
        "organisation: Northbrook Partnership",
    ),
    "site.yaml description": in_settings("for everyone who works", "for all who work"),
    "site.yaml base_url": in_settings(
        "base_url: https://bulletin.northbrook.example/",
        "base_url: https://example.github.io/bulletin/",
    ),
    "site.yaml language": in_settings("language: en-GB", "language: en"),
    "site.yaml timezone": in_settings("timezone: Europe/London", "timezone: Europe/Dublin"),
    "site.yaml logo": in_settings(
        "  alt: Northbrook Safeguarding Children Partnership\n", "  alt: The partnership's logo\n"
    ),
    "site.yaml colours": in_settings('brand: "#1d4f91"', 'brand: "#123456"'),
    "site.yaml recent_issues": in_settings("recent_issues: 6", "recent_issues: 1"),
    "site.yaml feed_items": in_settings("feed_items: 20", "feed_items: 1"),
    "site.yaml social_image": in_settings("with the partnership's shield", "with its shield"),
    "site.yaml contributions": in_settings("We welcome articles", "We would love articles"),
    "site.yaml contributions heading": in_settings("heading: Get involved", "heading: Join in"),
    "site.yaml contributions contact": in_settings(
        "  heading: Get involved\n",
        "  heading: Get involved\n  contact:\n    name: Sam Sample\n    phone: 020 7946 0281\n",
    ),
    "site.yaml accessibility": in_settings("reviewed: 2026-11-02", "reviewed: 2026-11-20"),
    "site.yaml admin": in_settings("review: true", "review: false"),
    "a shared contact's number": in_settings("020 7946 0350", "020 7946 0351"),
    "a shared contact's name": in_settings("name: NSCP Training", "name: Partnership training"),
}

FILES: dict[str, Edit] = {
    "an image added": lambda s: (s / "content" / "images" / "new.png").write_bytes(
        b"\x89PNG\r\n\x1a\n x"
    ),
    "an image changed": lambda s: replace_in(
        s / "content" / "images" / "cover-summer.svg", "<svg", "<svg data-changed='1'"
    ),
    "a template": lambda s: override(
        s, "templates/base.html", "Skip to main content", "Skip to the content"
    ),
    "a section template": lambda s: override(
        s, "templates/sections/foreword.html", "signature__name", "signature__name signed"
    ),
    "a partial shows a field the theme does not": lambda s: override(
        s,
        "templates/partials/issue-summary.html",
        '<p class="issue-summary__summary">',
        '<p class="issue-summary__season">{{ issue.season }}</p><p class="issue-summary__summary">',
    ),
    "a static file": lambda s: write(s, "static/css/bulletin.css", "body { color: #000; }\n"),
    "a static file added": lambda s: write(s, "static/js/extra.js", "// nothing\n"),
    "the email stylesheet": lambda s: write(s, "static/css/email.css", "body { color: #111; }\n"),
    "an issue deleted": lambda s: issue(s, "2026-autumn").unlink(),
    "an issue renamed": lambda s: issue(s, "2026-autumn").rename(issue(s, "autumn-2026")),
    "an issue added": add_issue,
}

#: Every edit, by what it changes.
EDITS: dict[str, Edit] = (
    {f"front matter: {k}": v for k, v in FRONT_MATTER.items()}
    | {f"body: {k}": v for k, v in BODY.items()}
    | SETTINGS
    | FILES
)
