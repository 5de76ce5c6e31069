"""Slugs: the URL-safe name a title or a file gets, in any language's Latin letters.

Kept apart from the field types (and their pydantic and libphonenumber) because
issues, sections, events, topics, the file names the no-change check reads and
the commands that start a site all name things this way.
"""

from __future__ import annotations

import re
import unicodedata

#: What a slug may be, and what to tell an editor whose slug is not one.
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_ADVICE = "can only use lower-case letters, digits and single hyphens"
_SLUG = re.compile(SLUG_PATTERN)


def is_slug(text: str) -> bool:
    """Whether a name can be a file name and a web address as it is."""
    return bool(_SLUG.fullmatch(text))


#: Latin letters that Unicode does not decompose into a plain letter and an accent.
_OWN_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",  # the dotless i
    }
)


def slugify(text: str) -> str:
    """A URL-safe name for a title: "Focus on … FIT" becomes "focus-on-fit", "Gŵyl Haf"
    "gwyl-haf" and "Été" "ete" (accents are dropped, not the letters that carry them)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_OWN_LETTERS))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = plain.encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))
