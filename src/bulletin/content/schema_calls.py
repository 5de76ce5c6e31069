"""Validate: the call for contributions that ends each issue, as the site and an issue give it.

site.yaml gives the call every issue makes; an issue may give its own heading,
text, contact and deadline, and whatever it leaves out is the site's
(`content.contributions` joins the two).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import field_validator, model_validator

from bulletin.content.fields import Day, Email, OneOrMany, Text
from bulletin.content.schema_base import PhoneNumber, Strict, phone_entries


class Person(Strict):
    """Someone readers can write to or call, named where they are needed."""

    name: Text
    role: Text | None = None
    email: Annotated[list[Email], OneOrMany] = []
    phone: list[PhoneNumber] = []

    @field_validator("phone", mode="before")
    @classmethod
    def _phones(cls, value: object) -> object:
        return phone_entries(value)


class Call(Strict):
    """What both calls for contributions accept: a text alone is the call's text."""

    @model_validator(mode="before")
    @classmethod
    def _text_alone(cls, value: object) -> object:
        """`contributions: Some text` is the text alone, as site.yaml has always allowed."""
        return {"text": value} if isinstance(value, str) else value


class SiteContributions(Call):
    """The call for contributions every issue ends with, unless it gives its own."""

    heading: Text = "Get involved"
    text: Text | None = None
    contact: Person | None = None


class Contributions(Call):
    """This issue's own call for contributions; what it leaves out is site.yaml's."""

    heading: Text | None = None
    text: Text | None = None
    contact: Person | None = None
    deadline: Day | None = None
