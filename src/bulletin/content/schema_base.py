"""Validate: what every model of front matter and site.yaml is built on.

Apart from `content.schema` so that the models of events, courses and calls
for contributions (`schema_events`, `schema_calls`) can share them without
importing the module that imports them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bulletin.content.fields import Phone, Text


class Strict(BaseModel):
    """Unknown keys are mistakes; models are values once validated.

    Validators are built when a model is first used, not at import
    (`defer_build`): a build that reads one changed issue builds the site's
    settings and the models that issue's front matter uses, not all of them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PhoneNumber(Strict):
    """A number with what it is for and when it is answered."""

    number: Phone
    label: Text | None = None
    hours: Text | None = None


def phone_entries(value: object) -> object:
    """A bare number is the common case: `phone: 020 7946 0123`."""
    items = value if isinstance(value, list) else [value]
    return [{"number": item} if isinstance(item, str | int) else item for item in items]
