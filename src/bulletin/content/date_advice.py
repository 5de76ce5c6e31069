"""Validate: what to write instead of a date or time that bulletin cannot read.

A date written the way people say it ("14th Jan") is read, and the advice
gives it back in year-month-day form: in the year that makes it the next such
day on or after the issue's own date (an issue dated December 2026 means
January 2027; where there is no issue date, the year that brings it nearest
today), and never with a time the editor did not write. A date in the
right form that cannot exist says which part is out of range.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from bulletin.options import today

_ISO_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.*))?")
_CLOCK = re.compile(r"(\d{1,2}):?(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
#: Two defaults that differ in every part: a part of the result that is the same
#: under both was written. Both years are leap years and both months have 31 days,
#: so that any day an editor writes is possible under either.
_DEFAULTS = (dt.datetime(2000, 1, 1, 0, 0), dt.datetime(2004, 3, 2, 1, 1))


@dataclass(frozen=True)
class _Written:
    """The parts of a date and time that an editor wrote, each None if left out."""

    year: int | None
    month: int | None
    day: int | None
    time: dt.time | None


def date_advice(
    text: str, with_time: bool, what: str = "starts", after: dt.date | None = None
) -> str:
    """Why a date is wrong and what to write. A date with no year is put on or after `after`
    (the issue's date), or without one in the year that brings it nearest today."""
    iso = _ISO_SHAPE.fullmatch(text.strip())
    if iso:
        return _iso_advice(iso, with_time)
    written = _read_loosely(text)
    day = _matching(written, after) if written else None
    if written is None or day is None:
        year = (after or today()).year
        example = f"{year}-09-19T14:30" if with_time else f"{year}-09-19"
        shape = "year-month-dayThours:minutes" if with_time else "year-month-day"
        return f"write it as {shape}, such as {example}"
    if not with_time:
        return f"write {day.isoformat()}"
    if written.time is not None:
        return "write " + dt.datetime.combine(day, written.time).isoformat(timespec="minutes")
    return (
        f"write {day} followed by the time it {what}, such as {day}T10:00, "
        f"or {day} alone if it lasts all day"
    )


def _iso_advice(iso: re.Match[str], with_time: bool) -> str:
    """Advice for a date in year-month-day form: which part is impossible."""
    year, month, day = (int(part) for part in iso.groups()[:3])
    if not 1 <= month <= 12:
        return f"there is no month {month}: the month must be 1 to 12"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    date = dt.date(year, month, day)
    clock = iso.group(4)
    if clock is None:
        return f"write {date.isoformat()}, with two digits for the month and the day"
    if not with_time:
        return f"write the date alone: {date.isoformat()}"
    return _clock_advice(clock.strip(), date)


def _clock_advice(clock: str, date: dt.date) -> str:
    """Advice for the time after the T: which part is out of range, or its form."""
    found = _CLOCK.fullmatch(clock)
    if not found:
        return f"write the time as hours:minutes in the 24-hour clock, such as {date}T14:30"
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour == 24 and minute == 0:
        tomorrow = date + dt.timedelta(days=1)
        return f"the hour must be 0 to 23; midnight at the end of that day is {tomorrow}T00:00"
    if hour > 23:
        return f"there is no hour {hour}: the hour must be 0 to 23"
    if minute > 59:
        return f"there is no minute {minute}: the minutes must be 0 to 59"
    return f"write the time as hours:minutes, such as {date}T{hour:02d}:{minute:02d}"


def _read_loosely(text: str) -> _Written | None:
    """The parts of a date written as people say it, or None if it cannot be read."""
    # Loaded only for advice, that is for a mistake: about 10 ms of every build otherwise.
    from dateutil import parser as date_parser

    try:
        first, second = (
            date_parser.parse(text, default=default, dayfirst=True) for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        return None

    def given(name: str) -> int | None:
        value: int = getattr(first, name)
        return value if value == getattr(second, name) else None

    minute = first.minute if given("minute") is not None else 0
    time = dt.time(first.hour, minute) if given("hour") is not None else None
    return _Written(given("year"), given("month"), given("day"), time)


def _matching(written: _Written, after: dt.date | None) -> dt.date | None:
    """The day that has every part the editor wrote: the first on or after `after`, or
    without it the nearest to today."""
    if written.day is None or written.month is None:
        return None
    if written.year is not None:
        return _day(written.year, written.month, written.day)
    start = after or today()
    # 29 February comes round within 8 years
    years = range(start.year, start.year + 9) if after else range(start.year - 4, start.year + 5)
    days = [d for d in (_day(y, written.month, written.day) for y in years) if d is not None]
    if after is not None:
        return next((d for d in days if d >= after), None)
    return min(days, key=lambda d: abs(d - start), default=None)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
