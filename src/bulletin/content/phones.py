"""Validate: phone numbers, checked against the numbering plan of the site's region.

Readers see a number as the editor wrote it ("020 7946 0668"); its tel: link
dials it from anywhere, so it is written in international form
(+442079460668). Numbers are checked with libphonenumber's metadata (the
`phonenumbers` package), which knows how long each kind of number is in each
country, so a number with a digit missing or one too many is caught. Short
numbers that work only at home (999, 116 123) are accepted for the region and
dialled as written.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from pydantic import BaseModel, ConfigDict

#: The region whose numbering plan a number written without +country is read in.
DEFAULT_REGION = "GB"
_NUMBER_CHARS = re.compile(r"\+?[0-9 ()\-.]+")
_DIAL = re.compile(r"\+[1-9][0-9]{6,14}|[0-9]{3,8}")


class Telephone(BaseModel):
    """A phone number as written, with the address a tel: link dials (+442079460668)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    written: str
    dial: str

    def __str__(self) -> str:
        """Shown as the editor wrote it."""
        return self.written


class PhoneProblem(ValueError):
    """A phone number that cannot be dialled, with what to do about it."""


def telephone(value: Any, region: str) -> Telephone:
    """A validated number; a Telephone (or its dict, read back from JSON) is checked again."""
    if isinstance(value, Telephone):
        return value
    if isinstance(value, dict):
        return _read_back(value)
    text = str(value).strip().removeprefix("tel:").strip()
    if not _NUMBER_CHARS.fullmatch(text):
        raise PhoneProblem(
            f'"{text}" is not a phone number; write only the number, such as 020 7946 0123 '
            "(put labels and hours in their own fields)"
        )
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise PhoneProblem(f'"{text}" is not a phone number; {_HOW}') from None
    if phonenumbers.is_valid_number(number):
        dial = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return Telephone(written=text, dial=dial)
    if not text.startswith("+") and phonenumbers.is_valid_short_number_for_region(number, region):
        return Telephone(written=text, dial=re.sub(r"\D", "", text))
    raise PhoneProblem(f'"{text}" {_why_not(number)} in {region}; {_HOW}')


_HOW = (
    "check its digits, or write a number in another country with + and its country code "
    "(+33 1 23 45 67 89)"
)


def _why_not(number: phonenumbers.PhoneNumber) -> str:
    """What is wrong with a number that parses but cannot be dialled."""
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.TOO_SHORT:
        return "has too few digits for a phone number"
    if reason == phonenumbers.ValidationResult.TOO_LONG:
        return "has too many digits for a phone number"
    return "is not a phone number that can be dialled"


def _read_back(value: dict[str, Any]) -> Telephone:
    """A number validated before (the settings are passed to worker processes as JSON)."""
    number = Telephone.model_validate(value)
    if not _DIAL.fullmatch(number.dial):
        raise PhoneProblem(f'"{number.dial}" is not a number a phone can dial')
    return number


def known_region(value: str) -> str:
    """A region code libphonenumber knows, in capitals: GB, IE, FR."""
    code = value.strip().upper()
    if code in phonenumbers.SUPPORTED_REGIONS:
        return code
    hint = " (the United Kingdom's is GB)" if code == "UK" else ""
    raise PhoneProblem(
        f'"{value}" is not a region whose phone numbers bulletin knows{hint}; write a '
        "two-letter country code, such as GB, IE or FR"
    )
