"""The URL scheme: where every page and file of a built site lives, in one place.

Paths are relative to the site root and end in / for pretty URLs (a page at
`issues/2026-summer/` is the file `issues/2026-summer/index.html`); pages
turn them into relative links, so a site works at a domain root, under a
sub-path and opened from disk alike. Everything that names an address (the
pages, feeds, calendars, email and print editions, the link checker, the
command line and the theme's templates, through the functions the theme
gets) asks here; nothing else builds a path from a slug.

Functions take plain strings (a slug, an anchor), so that this module sits
below every stage of the pipeline and imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = ""
ARCHIVE = "issues/"
EVENTS = "events/"
TOPICS = "topics/"
SEARCH = "search/"
ACCESSIBILITY = "accessibility/"
NOT_FOUND = "404.html"
ATOM_FEED = "feed.xml"
JSON_FEED = "feed.json"
CALENDAR = "events.ics"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SEARCH_INDEX = "pagefind/"
STATIC = "static/"
IMAGES = "images/"
#: The web editor, for sites that opt in (not a page for readers).
ADMIN = "admin/"


def issue_path(slug: str) -> str:
    """Where an issue's page lives."""
    return f"issues/{slug}/"


def issue_calendar_path(slug: str) -> str:
    """An issue's events as one calendar file."""
    return f"issues/{slug}/events.ics"


def event_calendar_path(issue_slug: str, anchor: str) -> str:
    """One event as a calendar file, for an "add to calendar" link."""
    return f"issues/{issue_slug}/{anchor}.ics"


def event_path(issue_slug: str, anchor: str) -> str:
    """Where an event is described: in its issue, at its anchor."""
    return f"issues/{issue_slug}/#{anchor}"


def email_paths(slug: str) -> tuple[str, str]:
    """Where an issue's email edition is written: HTML and plain text."""
    return f"issues/{slug}/email.html", f"issues/{slug}/email.txt"


def is_email(path: str) -> bool:
    """Whether an output file is part of an email edition rather than the website."""
    return path.endswith(("/email.html", "/email.txt"))


def is_page(path: str) -> bool:
    """Whether an output file is one of the website's pages (not an email, not the editor)."""
    return path.endswith(".html") and not is_email(path) and not path.startswith(ADMIN)


def pdf_path(slug: str) -> str:
    """Where an issue's print edition is written."""
    return f"issues/{slug}/{slug}.pdf"


def topic_path(slug: str, page: int = 1) -> str:
    """Where a topic's page lives; later pages of a long topic follow it."""
    return f"topics/{slug}/" if page == 1 else f"topics/{slug}/page/{page}/"


def year_path(year: int) -> str:
    """Where the list of one year's issues lives."""
    return f"archive/{year}/"


def search_part_path(bundle: str) -> str:
    """The folder of one part of the search index (a year, a decade, a month)."""
    return f"{SEARCH_INDEX}{bundle}/"


def page_file(path: str) -> str:
    """The file that serves a path: issues/x/ is issues/x/index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def page_of_file(file: str) -> str:
    """The address a file is served at: issues/x/index.html is issues/x/."""
    return file.removesuffix("index.html")


@dataclass(frozen=True)
class SitePaths:
    """The site's own pages and files, as templates name them (`paths.archive`)."""

    home: str = HOME
    archive: str = ARCHIVE
    events: str = EVENTS
    topics: str = TOPICS
    search: str = SEARCH
    accessibility: str = ACCESSIBILITY
    atom_feed: str = ATOM_FEED
    json_feed: str = JSON_FEED
    calendar: str = CALENDAR
    search_script: str = SEARCH_INDEX + "pagefind-ui.js"
    search_style: str = SEARCH_INDEX + "pagefind-ui.css"


PATHS = SitePaths()
