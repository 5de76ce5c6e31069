"""Assemble: what an issue shows besides its sections' prose and events: the training
programme's courses without dates, and the call for contributions that ends it.

Apart from `content.models` to keep each module short; `models` names them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bulletin.content.markdown import Fragment
from bulletin.content.schema_calls import Person


@dataclass(frozen=True)
class Course:
    """A course of the training programme whose dates are not set yet."""

    title: str
    anchor: str
    series: str | None
    audience: str | None
    #: One or two sentences, rendered (HTML).
    description: str
    new: bool
    booking: str | None
    interest: str | None


@dataclass(frozen=True)
class Call:
    """An issue's call for contributions: its own, or site.yaml's where it gives none."""

    heading: str
    text: Fragment
    contact: Person | None
    deadline: dt.date | None
    #: Whether the text was written in the issue (so its links are checked as the issue's).
    own_text: bool = False
