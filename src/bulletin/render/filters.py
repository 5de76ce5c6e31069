"""Render: the filters and functions templates use to show facts the way readers read them.

Dates follow the GOV.UK style ("20 July 2022", "2pm to 4pm"); month names are
written here rather than taken from the machine's locale, so a build gives the
same bytes on every machine.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from bulletin import urls
from bulletin.content.link_policy import safe_link
from bulletin.content.markdown import ROOT
from bulletin.content.phones import Telephone
from bulletin.content.slugs import slugify

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

SOCIAL_URLS = {
    "x": "https://x.com/{}",
    "twitter": "https://x.com/{}",
    "facebook": "https://www.facebook.com/{}",
    "instagram": "https://www.instagram.com/{}",
    "linkedin": "https://www.linkedin.com/company/{}",
    "youtube": "https://www.youtube.com/@{}",
    "threads": "https://www.threads.net/@{}",
    "bluesky": "https://bsky.app/profile/{}",
}
SOCIAL_NAMES = {
    "x": "X",
    "twitter": "X (Twitter)",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
}


def long_date(value: dt.date) -> str:
    """20 July 2022."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def day_date(value: dt.date) -> str:
    """Monday 19 September 2022."""
    return f"{WEEKDAYS[value.weekday()]} {long_date(value)}"


def month_year(value: dt.date) -> str:
    """July 2022."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def clock(value: dt.datetime | dt.time) -> str:
    """2pm, 12:30pm, midday, midnight."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def iso(value: dt.date | dt.datetime) -> str:
    """The machine-readable form for <time datetime>."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def tel(number: Telephone | str) -> str:
    """A tel: link target, in international form for a validated number (tel:+442079460668)."""
    if isinstance(number, Telephone):
        return "tel:" + number.dial
    return "tel:" + re.sub(r"[^\d+]", "", number)


def social_url(network: str, handle: str) -> str:
    """The profile address for a handle on a known network; a full URL is kept as given.

    "" when there is no address to link to (a Mastodon name without its server),
    or when what was made is not a safe link (the link policy has the last word).
    """
    if handle.startswith(("https://", "http://")):
        return safe_link(handle)
    pattern = SOCIAL_URLS.get(network)
    if pattern is None:  # Mastodon handles name their own server: @team@example.social
        parts = handle.lstrip("@").split("@")
        return safe_link(f"https://{parts[1]}/@{parts[0]}") if len(parts) == 2 else ""
    return safe_link(pattern.format(quote(handle.lstrip("@"), safe="@._-")))


@jinja2.pass_context
def url(context: Any, path: str) -> str:
    """A link to a site path from the page being rendered."""
    return str(context["root"]) + path


@jinja2.pass_context
def asset(context: Any, name: str) -> str:
    """A link to a static file by its source name; CSS and JS carry a content hash."""
    return str(context["root"]) + str(context["assets"].get(name, name))


@jinja2.pass_context
def content(context: Any, html: str) -> Markup:
    """Rendered prose with its content links pointed at this page's way to the root."""
    return Markup(html.replace(ROOT, str(context["root"])))


def topic_path(name: str) -> str:
    """Where the page of a topic, named as an editor wrote it, lives."""
    return urls.topic_path(slugify(name) or "topic")


def _slug_of(value: Any) -> str:
    return value if isinstance(value, str) else str(value.slug)


def _topic_page(topic: Any, page: int = 1) -> str:
    return urls.topic_path(_slug_of(topic), page)


#: The URL scheme as functions of the values templates hold (an issue, an event, a
#: topic, a year), for sites' own templates; the theme uses the values' `path`.
PATHS: dict[str, Any] = {
    "issue_path": lambda issue: urls.issue_path(_slug_of(issue)),
    "issue_calendar_path": lambda issue: urls.issue_calendar_path(_slug_of(issue)),
    "event_path": lambda event: urls.event_path(event.issue_slug, event.anchor),
    "event_calendar_path": lambda event: urls.event_calendar_path(event.issue_slug, event.anchor),
    "topic_path": _topic_page,
    "year_path": urls.year_path,
}


def short_month(day: dt.date) -> str:
    """Sep, Oct: the month on an event's date badge."""
    return MONTHS[day.month - 1][:3]


_BREAK_AFTER = re.compile(r"([/.@])")


def breakable(address: str, edition: str = "web") -> Markup:
    """An address that may wrap after each slash, dot or at sign, not inside its words.

    Not in print: WeasyPrint would tag each piece of a link apart, and a PDF's link
    must be one element of its structure for a screen reader to announce it.
    """
    escaped = Markup.escape(address)
    if edition == "print":
        return escaped
    # On plain text: re.sub on Markup would escape the "<wbr>" it puts in.
    return Markup(_BREAK_AFTER.sub(r"\1<wbr>", str(escaped)))


def is_raster(source: str) -> bool:
    """A picture every email client can show: PNG, JPEG, GIF (not SVG, rarely WebP)."""
    return source.lower().endswith((".png", ".jpg", ".jpeg", ".gif"))


def install(env: jinja2.Environment) -> None:
    """Give an environment every filter and function the theme uses."""
    env.filters.update(
        long_date=long_date,
        day_date=day_date,
        month_year=month_year,
        clock=clock,
        iso=iso,
        tel=tel,
        content=content,
        topic_slug=slugify,
        topic_path=topic_path,
        short_month=short_month,
        breakable=breakable,
    )
    env.globals.update(url=url, asset=asset, social_url=social_url, social_names=SOCIAL_NAMES)
    env.globals.update(PATHS)
    env.globals["paths"] = urls.PATHS
    env.tests["raster"] = is_raster
