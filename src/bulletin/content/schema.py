"""Validate: the shape of what editors write, in front matter and in site.yaml.

Every model forbids unknown keys, so a misspelt field is an error with a
"did you mean" rather than a value silently ignored. Prose longer than a
sentence belongs in the Markdown body; these models carry facts: dates,
times, numbers, addresses, names.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, field_validator, model_validator

from bulletin.content import rules
from bulletin.content.admin import AdminSettings
from bulletin.content.colours import contrast_with_white
from bulletin.content.fields import (
    Colour,
    Day,
    Email,
    Line,
    OneOrMany,
    Phone,
    PhoneRegion,
    SiteUrl,
    Slug,
    SocialHandle,
    Text,
    WebUrl,
    fail,
)
from bulletin.content.frontmatter import Path_
from bulletin.content.schema_base import PhoneNumber, Strict, phone_entries
from bulletin.content.schema_calls import Contributions, SiteContributions
from bulletin.content.schema_events import Course, Event
from bulletin.content.schema_look import EMAIL_PICTURES, Typeface, exit_page


class Image(Strict):
    """An image in content/images, with the words a screen reader says instead."""

    src: Text
    alt: str

    @field_validator("alt", mode="before")
    @classmethod
    def _alt_is_text(cls, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(
                "needs words that describe the image for people who cannot see it "
                "(alt: Three people talking around a table)"
            )
        return value.strip()


#: A BCP 47 language tag as sites use them: en, en-GB, cy, pt-BR, zh-Hant-TW, es-419.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?")

Social = Literal[
    "x", "twitter", "facebook", "instagram", "linkedin", "youtube", "mastodon", "bluesky", "threads"
]


class Contact(Strict):
    """A team or service in the site's directory, referred to by key from issues."""

    name: Text
    description: Text | None = None
    email: Annotated[list[Email], OneOrMany] = []
    phone: list[PhoneNumber] = []
    web: WebUrl | None = None
    form: WebUrl | None = None
    social: dict[Social, SocialHandle] = {}
    review_by: Day | None = None

    @field_validator("phone", mode="before")
    @classmethod
    def _phones(cls, value: object) -> object:
        return phone_entries(value)


class Colours(Strict):
    """The site's own colours; each must be dark enough to read on white."""

    brand: Colour = "#1d4f91"
    accent: Colour = "#b8460b"

    @field_validator("brand", "accent")
    @classmethod
    def _readable(cls, value: str) -> str:
        ratio = contrast_with_white(value)
        if ratio < 4.5:
            raise fail(
                f"{value} on white has a contrast of {ratio:.1f}:1, below the 4.5:1 that "
                "WCAG requires; choose a darker colour"
            )
        return value


class AccessibilityFacts(Strict):
    """What the accessibility statement says: who to contact, and when it was reviewed."""

    email: Email
    phone: Phone | None = None
    prepared: Day
    reviewed: Day
    response_days: Annotated[int, Field(ge=1, le=60)] = 5
    known_issues: list[Text] = []


class SiteConfig(Strict):
    """content/site.yaml: the settings every page shares."""

    title: Line
    organisation: Line
    base_url: SiteUrl
    description: Text | None = None
    language: Text = "en-GB"
    timezone: Text = "Europe/London"
    phone_region: PhoneRegion = "GB"
    logo: Image | None = None
    colours: Colours = Colours()
    contacts: dict[Slug, Contact] = {}
    contributions: SiteContributions | None = None
    recent_issues: Annotated[int, Field(ge=1, le=50)] = 6
    allow_raw_html: bool = False
    feed_items: Annotated[int, Field(ge=1, le=500)] = 20
    social_image: Image | None = None
    accessibility: AccessibilityFacts | None = None
    admin: AdminSettings | None = None
    signup: WebUrl | None = None  # where readers sign up to get the bulletin by email
    typeface: Typeface = "Atkinson Hyperlegible Next"
    exit_this_page: WebUrl | None = None  # the neutral site "Exit this page" leads to
    email_logo: Image | None = None  # a PNG of the logo, which every email program shows
    emergency: Text | None = None  # the warning above every contacts directory
    # Where each setting was written, for the checks made after a build (check --external).
    # Not a setting: never in model_dump_json, so the build cache's keys ignore it.
    _lines: dict[Path_, int] = PrivateAttr(default_factory=dict)

    @field_validator("exit_this_page", mode="before")
    @classmethod
    def _exit_page(cls, value: object) -> object:
        return exit_page(value)

    @field_validator("email_logo")
    @classmethod
    def _email_logo(cls, value: Image | None) -> Image | None:
        if value is not None and not value.src.lower().endswith(EMAIL_PICTURES):
            raise fail(
                "is shown by email programs, which do not show SVG: give a PNG "
                "(email_logo: {src: images/logo.png, alt: ...})"
            )
        return value

    def remember_lines(self, lines: dict[Path_, int]) -> None:
        """Keep the site.yaml line of every setting, as the YAML reader recorded them."""
        self._lines.update(lines)

    def line_of(self, path: Path_) -> int | None:
        """The site.yaml line of a setting, or of the nearest enclosing one, if known."""
        for end in range(len(path), 0, -1):
            if path[:end] in self._lines:
                return self._lines[path[:end]]
        return None

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone, in which event times are written and shown."""
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path the site lives under: / at a domain root, /newsletter/ on a project site."""
        return urlsplit(self.base_url).path or "/"

    @field_validator("base_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str) -> str:
        if not _LANGUAGE_TAG.fullmatch(value):
            shown = value if len(value) <= 40 else value[:40] + "…"
            raise fail(f'"{shown}" {rules.LANGUAGE_TAG}')
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail(f'"{value}" is not a time zone; write one such as Europe/London') from None
        return value


class Signature(Strict):
    """Who wrote the foreword, shown beneath it."""

    author: Text
    role: Text | None = None


class Figure(Strict):
    """A headline number from a report: 465 referrals."""

    value: Text
    label: Text
    item: Slug | None = None


class ReportFacts(Strict):
    """The partnership report's meeting and its headline figures."""

    meeting: Day
    subtitle: Text | None = None
    figures: list[Figure] = []


class FocusFacts(Strict):
    """What the focus feature is about, when the heading alone does not say."""

    subject: Text


class Action(Strict):
    """A call to action: one way for a reader to act, with words for the link."""

    label: Text | None = None
    phone: Phone | None = None
    email: Email | None = None
    url: WebUrl | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Action:
        given = [name for name in ("phone", "email", "url") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError(rules.ACTION_ONE_WAY)
        return self


class NewsFacts(Strict):
    """What a news item carries beyond its prose: calls to action, topics, a picture."""

    actions: list[Action] = []
    topics: list[Text] = []
    image: Image | None = None


Season = Literal["spring", "summer", "autumn", "winter"]


class FrontMatter(Strict):
    """The front matter of one issue file."""

    title: Line
    date: Day
    summary: Text
    number: Annotated[int, Field(ge=1)] | None = None
    season: Season | None = None
    topics: list[Text] = []
    cover: Image | None = None
    draft: bool = False
    slug: Slug | None = None
    next_issue: Day | None = None
    foreword: Signature | None = None
    partnership_report: ReportFacts | None = None
    focus: FocusFacts | None = None
    events: list[Event] = []
    courses: list[Course] = []
    news: dict[Slug, NewsFacts] = {}
    contacts: list[Slug] = []
    contributions: Contributions | None = None
