"""Field types for front matter, each with the message an editor needs when it is wrong.

Each type accepts what YAML hands over (a string, a number, a date) and either
returns a clean value or raises one `PydanticCustomError` whose text says what
was written, why it is not acceptable and what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from bulletin.content import rules
from bulletin.content.date_advice import date_advice
from bulletin.content.link_policy import SITE_EXAMPLE, AddressProblem, site_address, web_address
from bulletin.content.phones import DEFAULT_REGION, PhoneProblem, Telephone, known_region, telephone
from bulletin.content.slugs import SLUG_ADVICE, SLUG_PATTERN, is_slug, slugify

ERROR_TYPE = "bulletin"


@dataclass(frozen=True)
class Shape:
    """What a field type holds, for a form that checks it before the build does.

    The pattern is the one the type's validator matches (whole value, as
    JavaScript's RegExp reads it too) and the advice is the build's own words
    for a value that does not match, so the web editor and `bulletin check`
    say the same thing. (A phone number's pattern is looser than the build's
    check, which knows each region's numbering plan.)
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


def _line(value: Any) -> str:
    """Text on one line: a title or a name."""
    text = _text(value)
    if len(text.splitlines()) > 1:
        raise fail(rules.ONE_LINE)
    return text


def _in_range(day: dt.date) -> None:
    if not rules.FIRST_YEAR <= day.year <= rules.LAST_YEAR:
        first, last = rules.FIRST_YEAR, rules.LAST_YEAR
        raise fail(rules.YEAR_RANGE.format(year=day.year, first=first, last=last))


def _date_advice(text: str, info: ValidationInfo, with_time: bool) -> str:
    """What to write instead, reading the date in the light of the issue's own date."""
    after = (info.context or {}).get("issue_date")
    what = "ends" if info.field_name == "end" else "starts"
    return date_advice(text, with_time, what, after)


def _day(value: Any, info: ValidationInfo) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            advice = _date_advice(text, info, with_time=False)
            raise fail(f"{_quoted(text)} is not a date ({advice})") from None
    _in_range(day)
    return day


def _when(value: Any, info: ValidationInfo) -> dt.date | dt.datetime:
    """A date (an all-day event) or a date and time."""
    if isinstance(value, dt.date):
        _in_range(value)
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            moment: dt.date = dt.date.fromisoformat(text)
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        advice = _date_advice(text, info, with_time=True)
        raise fail(f"{_quoted(text)} is not a date and time ({advice})") from None
    _in_range(moment)
    return moment


_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")


EMAIL = Shape(
    "email",
    r"(?:mailto:)?[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}",
    "is not an email address (write name@example.org)",
)


def _email(value: Any) -> str:
    text = _text(value).removeprefix("mailto:")
    if not _EMAIL.fullmatch(text):
        raise fail(f"{_quoted(text)} {EMAIL.advice}")
    return text


PHONE = Shape(
    "phone",
    r"(?:tel:)?(?=(?:\D*\d){3,15}\D*$)\+?[0-9 ()\-.]+",
    "is not a phone number; write only the number, such as 020 7946 0123 "
    "(put labels and hours in their own fields)",
)


def _phone(value: Any, info: ValidationInfo) -> Telephone:
    """A number in the numbering plan of the site's region (phone_region: in site.yaml)."""
    region = (info.context or {}).get("phone_region") or DEFAULT_REGION
    if not isinstance(value, Telephone | dict):
        value = _text(value)
    try:
        return telephone(value, region)
    except PhoneProblem as err:
        raise fail(str(err)) from None


def _phone_region(value: Any) -> str:
    try:
        return known_region(_text(value))
    except PhoneProblem as err:
        raise fail(str(err)) from None


WEB_URL = Shape(
    "url",
    r"https?://[^\s/$.?#\x22'<>`\\][^\s\x22'<>`\\]*",
    "is not a web address (write https://www.example.org/page)",
)
SITE_URL = Shape(
    "url",
    r"https?://[A-Za-z0-9.:\[\]-]+(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?",
    f"is not the site's address (write it as {SITE_EXAMPLE})",
)


def _address(value: Any, check: Callable[[str], str], example: str) -> str:
    """A link's address, checked by the policy in `link_policy`, with the editor's words."""
    text = _text(value)
    if re.fullmatch(r"(www\.)?[\w-]+(\.[\w-]+)+(/\S*)?", text):
        raise fail(f"{_quoted(text)} needs https:// in front (write https://{text})")
    try:
        return check(text)
    except AddressProblem as err:
        raise fail(f"{_quoted(text)} {err} (write {example})") from None


def _web_url(value: Any) -> str:
    return _address(value, web_address, "https://www.example.org/page")


def _site_url(value: Any) -> str:
    return _address(value, site_address, SITE_EXAMPLE)


SOCIAL_HANDLE = Shape(
    "text",
    r"@?[A-Za-z0-9_.-]+(?:@[A-Za-z0-9.-]+)?|https?://[^\s\x22'<>`\\]+",
    "is not an account name or a web address (write @name, @name@server.example or https://...)",
)
_HANDLE = re.compile(r"@?[A-Za-z0-9_.-]+(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?")


def _social_handle(value: Any) -> str:
    """An account on a network, by name (@team, @team@server.example) or by address."""
    text = _text(value)
    if _HANDLE.fullmatch(text):
        return text
    if re.match(r"https?://", text):
        return _web_url(text)
    raise fail(f"{_quoted(text)} {SOCIAL_HANDLE.advice}")


SLUG = Shape("slug", SLUG_PATTERN, SLUG_ADVICE)


def _slug(value: Any) -> str:
    text = _text(value)
    if not is_slug(text):
        suggestion = slugify(text) or "summer-2022"
        raise fail(f"{_quoted(text)} {SLUG.advice} (write {suggestion})")
    return text


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
Line = Annotated[str, BeforeValidator(_line), Shape("text", r"[^\r\n]*", rules.ONE_LINE)]
Day = Annotated[dt.date, BeforeValidator(_day), Shape("day")]
When = Annotated[dt.datetime | dt.date, BeforeValidator(_when), Shape("when")]
Email = Annotated[str, BeforeValidator(_email), EMAIL]
Phone = Annotated[Telephone, BeforeValidator(_phone), PHONE]
PhoneRegion = Annotated[
    str,
    BeforeValidator(_phone_region),
    Shape("text", r"[A-Za-z]{2}", "is not a region; write its two-letter code, such as GB"),
]
WebUrl = Annotated[str, BeforeValidator(_web_url), WEB_URL]
SiteUrl = Annotated[str, BeforeValidator(_site_url), SITE_URL]
SocialHandle = Annotated[str, BeforeValidator(_social_handle), SOCIAL_HANDLE]
Slug = Annotated[str, BeforeValidator(_slug), SLUG]
Colour = Annotated[str, BeforeValidator(_colour), COLOUR]
OneOrMany = BeforeValidator(_string_list)
