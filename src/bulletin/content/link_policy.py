"""Validate: the one policy for every address that becomes a link, and the site's own address.

A link's address reaches the page, the email edition and the feeds, and the
email and feeds have no Content-Security-Policy to fall back on: so each
field that becomes a link accepts only the schemes it needs (a web address
http or https, an email mailto, a phone tel), and nothing that could end an
attribute or start another (quotes, angle brackets, spaces, control
characters). The site's `base_url` is stricter still, because it is joined
into every address and folder of the site: a host and a plain path, no
`..`, no query, no fragment.

The checks raise `AddressProblem` with words for the editor; the field types
in `fields` turn those into messages on the right line. `safe_link` is the
last guard at render time, for addresses built from parts (a social handle
and its network's address).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Every scheme a link may have, in prose or in a field.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})
#: Characters that could end an HTML attribute, split a header or hide what a link is.
_UNSAFE = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")
#: A website's name: labels of letters (in any script, for names such as bücher.example),
#: digits and hyphens, between dots.
_HOST = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63})*\.?")
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
SITE_EXAMPLE = "https://www.example.org/newsletter/"


class AddressProblem(ValueError):
    """An address that no link may have, with the reason in an editor's words."""


def web_address(text: str) -> str:
    """A web address a link may lead to: http(s), a host, nothing that breaks out of HTML."""
    scheme = scheme_of(text)
    if scheme and scheme not in WEB_SCHEMES:
        raise AddressProblem(f"is a {scheme}: address, and only web addresses are allowed here")
    if _UNSAFE.search(text):
        raise AddressProblem("has a space, a quote or an angle bracket in it")
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        raise AddressProblem("is not a web address") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise AddressProblem("is not a web address")
    if not parts.hostname or not port_ok or not _valid_host(parts.hostname):
        raise AddressProblem("has no website name after the //")
    return text


def scheme_of(text: str) -> str:
    """The scheme an address names (javascript, data, https), lower-cased; "" if none."""
    found = re.match(r"\s*([A-Za-z][A-Za-z0-9+-]*):", text)
    return found.group(1).lower() if found else ""


def _valid_host(host: str) -> bool:
    """A name of labels between dots, or an IPv6 address (written in brackets)."""
    return bool(_HOST.fullmatch(host) or (":" in host and re.fullmatch(r"[0-9a-f:.]+", host)))


def site_address(text: str) -> str:
    """The site's own address: a web address with a plain path, ending in /."""
    web_address(text)
    parts = urlsplit(text)
    if parts.username is not None or parts.password is not None:
        raise AddressProblem("has a name or password before the website name")
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise AddressProblem("has a ? or # part, which a site's address cannot have")
    segments = parts.path.split("/")
    inner = segments[1:-1] if parts.path.endswith("/") else segments[1:]
    for segment in inner:
        if segment in ("", ".", "..") or not _PLAIN_SEGMENT.fullmatch(segment):
            raise AddressProblem(
                "has a path that is not plain: use only letters, digits, - _ . and ~ "
                "between the slashes (no .., %, or //)"
            )
    return text if text.endswith("/") else text + "/"


def safe_link(address: str) -> str:
    """An address to put in an href, or "" when its scheme is not allowed or it could break out.

    Fields are validated when they are read; this is the guard for addresses
    made from parts at render time.
    """
    if scheme_of(address) not in LINK_SCHEMES or _UNSAFE.search(address):
        return ""
    return address
