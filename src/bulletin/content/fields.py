"""Field types for front matter, each with the message an editor needs when it is wrong.

Each type accepts what YAML hands over (a string, a number, a date) and either
returns a clean value or raises one `PydanticCustomError` whose text says what
was written, why it is not acceptable and what to write instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from dateutil import parser as date_parser
from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from bulletin.options import today

ERROR_TYPE = "bulletin"


@dataclass(frozen=True)
class Shape:
    """What a field type holds, for a form that checks it before the build does.

    The pattern is the one the type's validator matches (whole value, as
    JavaScript's RegExp reads it too) and the advice is the build's own words
    for a value that does not match, so the web editor and `bulletin check`
    say the same thing.
    """

    kind: str
    pattern: str | None = None
    advice: str | None = None


def fail(message: str) -> PydanticCustomError:
    """An error whose text is shown to the editor as it is."""
    return PydanticCustomError(ERROR_TYPE, message)


def shown(value: dt.date | dt.datetime) -> str:
    """A date or time as an editor would write it back: 2022-09-26T14:00."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _quoted(value: Any) -> str:
    text = str(value)
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise fail("should be text")
    if isinstance(value, int | float | dt.date):
        value = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not isinstance(value, str):
        raise fail("should be text, not a list or a group of fields")
    text: str = value.strip()
    if not text:
        raise fail("is empty; write some text or remove the line")
    return text


def _date_advice(text: str, info: ValidationInfo, with_time: bool) -> str:
    """Why a date is wrong and what to write: '19th Sept' becomes 2022-09-19T12:00."""
    iso_shape = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})([T ].*)?", text)
    if iso_shape:
        year, month, day = (int(part) for part in iso_shape.groups()[:3])
        if not 1 <= month <= 12:
            return f"there is no month {month}"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"{calendar.month_name[month]} {year} has {days} days"
        return "write the time as hours:minutes, such as 2022-09-19T14:30"
    year = (info.context or {}).get("year") or today().year
    try:
        guess = date_parser.parse(text, default=dt.datetime(year, 1, 1, 12, 0), dayfirst=True)
    except (ValueError, OverflowError):
        example = f"{year}-09-19T14:30" if with_time else f"{year}-09-19"
        shape = "year-month-dayThours:minutes" if with_time else "year-month-day"
        return f"write it as {shape}, such as {example}"
    return "write " + guess.strftime("%Y-%m-%dT%H:%M" if with_time else "%Y-%m-%d")


def _day(value: Any, info: ValidationInfo) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        advice = _date_advice(text, info, with_time=False)
        raise fail(f"{_quoted(text)} is not a date ({advice})") from None


def _when(value: Any, info: ValidationInfo) -> dt.date | dt.datetime:
    """A date (an all-day event) or a date and time."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        advice = _date_advice(text, info, with_time=True)
        raise fail(f"{_quoted(text)} is not a date and time ({advice})") from None
    return moment


EMAIL = Shape(
    "email",
    r"(?:mailto:)?[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}",
    "is not an email address (write name@example.org)",
)
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")


def _email(value: Any) -> str:
    text = _text(value).removeprefix("mailto:")
    if not _EMAIL.fullmatch(text):
        raise fail(f"{_quoted(text)} {EMAIL.advice}")
    return text


PHONE = Shape(
    "phone",
    r"(?:tel:)?(?=(?:\D*\d){6,15}\D*$)\+?[0-9 ()\-.]+",
    "is not a phone number; write only the number, such as 020 7946 0123 "
    "(put labels and hours in their own fields)",
)
_PHONE_CHARS = re.compile(r"\+?[0-9 ()\-.]+")


def _phone(value: Any) -> str:
    text = _text(value).removeprefix("tel:")
    digits = re.sub(r"\D", "", text)
    if not _PHONE_CHARS.fullmatch(text) or not 6 <= len(digits) <= 15:
        raise fail(f"{_quoted(text)} {PHONE.advice}")
    return text


WEB_URL = Shape(
    "url",
    r"https?://[^\s/$.?#][^\s]*",
    "is not a web address (write https://www.example.org/page)",
)


def _web_url(value: Any) -> str:
    text = _text(value)
    if re.fullmatch(WEB_URL.pattern or "", text):
        return text
    if re.fullmatch(r"(www\.)?[\w-]+(\.[\w-]+)+(/\S*)?", text):
        raise fail(f"{_quoted(text)} needs https:// in front (write https://{text})")
    raise fail(f"{_quoted(text)} {WEB_URL.advice}")


SLUG = Shape(
    "slug",
    r"[a-z0-9]+(?:-[a-z0-9]+)*",
    "can only use lower-case letters, digits and single hyphens",
)
_SLUG = re.compile(SLUG.pattern or "")


def _slug(value: Any) -> str:
    text = _text(value)
    if not _SLUG.fullmatch(text):
        suggestion = slugify(text) or "summer-2022"
        raise fail(f"{_quoted(text)} {SLUG.advice} (write {suggestion})")
    return text


def slugify(text: str) -> str:
    """A URL-safe name for a title: "Focus on … FIT" becomes "focus-on-fit"."""
    ascii_text = text.lower().encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


COLOUR = Shape(
    "colour",
    r"#(?:[0-9a-fA-F]{3}){1,2}",
    'is not a colour; write it as a hex code such as "#1d4f91"',
)
_HEX = re.compile(COLOUR.pattern or "")


def _colour(value: Any) -> str:
    text = _text(value)
    if not _HEX.fullmatch(text):
        raise fail(f"{_quoted(text)} {COLOUR.advice}")
    if len(text) == 4:
        text = "#" + "".join(ch * 2 for ch in text[1:])
    return text.lower()


def _string_list(value: Any) -> Any:
    """Let an editor write one item without list syntax: `email: a@b.org`."""
    return [value] if isinstance(value, str | int | float) else value


# Each type carries its Shape, which pydantic leaves alone and the web editor reads.
Text = Annotated[str, BeforeValidator(_text), Shape("text")]
Day = Annotated[dt.date, BeforeValidator(_day), Shape("day")]
When = Annotated[dt.datetime | dt.date, BeforeValidator(_when), Shape("when")]
Email = Annotated[str, BeforeValidator(_email), EMAIL]
Phone = Annotated[str, BeforeValidator(_phone), PHONE]
WebUrl = Annotated[str, BeforeValidator(_web_url), WEB_URL]
Slug = Annotated[str, BeforeValidator(_slug), SLUG]
Colour = Annotated[str, BeforeValidator(_colour), COLOUR]
OneOrMany = BeforeValidator(_string_list)
