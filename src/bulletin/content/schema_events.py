"""Validate: the events and training courses an issue announces, as editors write them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import field_validator, model_validator

from bulletin.content import rules
from bulletin.content.fields import Line, OneOrMany, Slug, Text, WebUrl, When, shown
from bulletin.content.schema_base import Strict

EventKind = Literal["event", "training", "briefing", "seminar", "webinar", "meeting", "conference"]
#: What may be announced before it is settled.
Unsettled = Literal["time", "place"]
#: An event that will not take place as announced.
EventStatus = Literal["cancelled", "postponed"]


class Event(Strict):
    """A dated event or training session; all-day when start is a date alone."""

    title: Line
    start: When
    end: When | None = None
    kind: EventKind = "event"
    series: Line | None = None
    online: bool = False
    place: Line | None = None
    organiser: Line | None = None
    booking: WebUrl | None = None
    description: Text | None = None
    topics: list[Text] = []
    id: Slug | None = None
    to_be_confirmed: Annotated[list[Unsettled], OneOrMany] = []
    status: EventStatus | None = None

    @field_validator("to_be_confirmed")
    @classmethod
    def _once_each(cls, value: list[Unsettled]) -> list[Unsettled]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if not self.online and not self.place and "place" not in self.to_be_confirmed:
            raise ValueError(rules.EVENT_WHERE)
        if self.end is None:
            return self
        if isinstance(self.start, dt.datetime) != isinstance(self.end, dt.datetime):
            raise ValueError(rules.EVENT_SAME_KIND)
        if _has_zone(self.start) != _has_zone(self.end):
            raise ValueError(rules.EVENT_SAME_ZONE)
        if self.end < self.start:
            raise ValueError(
                rules.EVENT_ENDS.format(
                    title=self.title, end=shown(self.end), start=shown(self.start)
                )
            )
        return self


def _has_zone(moment: dt.date) -> bool:
    return isinstance(moment, dt.datetime) and moment.tzinfo is not None


class Course(Strict):
    """A course of the training programme, announced before its dates are set."""

    title: Line
    series: Line | None = None
    audience: Text | None = None
    description: Text | None = None
    new: bool = False
    booking: WebUrl | None = None
    interest: WebUrl | None = None

    @model_validator(mode="after")
    def _one_link(self) -> Course:
        if self.booking and self.interest:
            raise ValueError(rules.COURSE_ONE_LINK.format(title=self.title))
        return self
