"""Render: a quick reader of the well-formed HTML bulletin writes, for the email's text part.

A tokenizer of a few regular expressions, which reads bulletin's HTML an
eighth of the time that the standard library's HTMLParser does (that parser
was half of the cost of an email). It calls the same handler methods as
HTMLParser, which stays the reference: a test feeds both the same HTML,
written by bulletin's Markdown and templates and at random, and compares.
"""

from __future__ import annotations

import html as entities
import re
from typing import Protocol


class Handler(Protocol):
    """What the tokenizer calls, as HTMLParser calls its subclasses."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...

    def handle_endtag(self, tag: str) -> None: ...

    def handle_data(self, data: str) -> None: ...


_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"  # a comment (Outlook's conditional ones included), left out
    r"|<[!?][^>]*>"  # a declaration or processing instruction, left out
    r"|<(script|style)\b[^>]*>(.*?)(?:</\1\s*>|$)"  # raw text: no tags inside
    r"|</([a-zA-Z][^\s/>]*)[^>]*>"  # an end tag
    r"|<([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"  # a start tag
    r"|([^<]+|<)",  # text (a lone < is text, as it is to HTMLParser)
    re.DOTALL | re.IGNORECASE,
)
#: Tags whose attributes the converter reads (and any with a data-text attribute).
_READ_ATTRIBUTES = {"a", "img"}
_ATTRIBUTE = re.compile(r"([^\s/>\"'=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


def tokenize(html: str, handler: Handler) -> None:
    """Call the handler's start, end and data methods for HTML, as HTMLParser would."""
    text: list[str] = []
    for match in _TOKEN.finditer(html):
        raw, raw_body, end, start, attributes, data = match.groups()
        if data is not None:
            text.append(data)
            continue
        if text:
            handler.handle_data(entities.unescape("".join(text)))
            text = []
        if raw is not None:
            handler.handle_starttag(raw.lower(), [])
            if raw_body:
                handler.handle_data(raw_body)
            handler.handle_endtag(raw.lower())
        elif end is not None:
            handler.handle_endtag(end.lower())
        elif start is not None:
            tag = start.lower()
            read = tag in _READ_ATTRIBUTES or "data-text" in attributes
            handler.handle_starttag(tag, _attributes(attributes) if read else [])
            if attributes.endswith("/"):
                handler.handle_endtag(tag)
    if text:
        handler.handle_data(entities.unescape("".join(text)))


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes: names in lower case, values unescaped (None if not given)."""
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        found.append((name.lower(), None if value is None else entities.unescape(value)))
    return found
