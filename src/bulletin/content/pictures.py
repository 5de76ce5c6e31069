"""Load: whether a file in content/images/ is a picture that is safe to publish as it is.

Everything in content/images/ is published byte for byte at the newsletter's
own address, where the theme's Content-Security-Policy does not reach: a
`page.html`, or an SVG with a script, opened directly would run on the
site's origin. So a file is published only if its bytes are the picture its
name says (a PNG that is a PNG: browsers choose how to show a file by its
name), and an SVG only if it can do nothing but draw: no script, no event
handlers, no foreignObject (HTML inside the picture), no reference to
anything outside itself. An unsafe file is refused, not cleaned, so that
what is published is always what the editor saved.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

#: The first bytes of each raster type, by the names it may have.
_SIGNATURES: dict[tuple[str, ...], tuple[bytes, ...]] = {
    (".png",): (b"\x89PNG\r\n\x1a\n",),
    (".jpg", ".jpeg"): (b"\xff\xd8\xff",),
    (".gif",): (b"GIF87a", b"GIF89a"),
    (".ico",): (b"\x00\x00\x01\x00",),
}
PICTURE_TYPES = "PNG, JPEG, GIF, WebP, AVIF, ICO or SVG"
_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: Elements that run code, hold HTML, or change what a link leads to.
_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
#: An address inside the picture: its own fragments, or an embedded raster picture.
_OWN_REFERENCE = re.compile(r"#[\w.:-]*|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*")
_EXTERNAL_IN_STYLE = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)


def picture_problem(path: Path) -> str | None:
    """Why a file in content/images/ is not published, or None if it is a safe picture."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return svg_problem(path.read_bytes())
    with path.open("rb") as stream:
        head = stream.read(16)
    if suffix == ".webp" and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return None
    if suffix == ".avif" and head[4:12] in (b"ftypavif", b"ftypavis"):
        return None
    for names, signatures in _SIGNATURES.items():
        if suffix in names:
            if head.startswith(signatures):
                return None
            return f"is not a {names[0][1:].upper()} picture, whatever its name says"
    return f"is not a picture ({PICTURE_TYPES})"


def svg_problem(data: bytes) -> str | None:
    """What an SVG could do besides draw, or None if it only draws."""
    if re.search(rb"<!ENTITY|<\?xml-stylesheet", data, re.IGNORECASE):
        return "is an SVG that declares entities or loads a stylesheet"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        return f"is not a well-formed SVG ({err})"
    if root.tag != _SVG + "svg":
        return "is not an SVG picture: its outer element is not <svg>"
    for element in root.iter():
        problem = _element_problem(element)
        if problem:
            return f"is an SVG that {problem}"
    return None


def _element_problem(element: ElementTree.Element) -> str | None:
    """What one element of an SVG could do besides draw."""
    name = str(element.tag).rsplit("}", 1)[-1]
    if name in _ACTIVE:
        return f"has a <{name}> element"
    if name == "style" and _EXTERNAL_IN_STYLE.search(element.text or ""):
        return "loads something from outside itself in its <style>"
    for attribute, value in element.attrib.items():
        local = attribute.rsplit("}", 1)[-1]
        if local.lower().startswith("on"):
            return f"has an event handler ({local}=) on <{name}>"
        if attribute in ("href", _XLINK_HREF) and not _OWN_REFERENCE.fullmatch(value.strip()):
            return f"refers to {value[:60]!r}, outside itself, from <{name}>"
        if local == "attributeName" and value.lower().endswith("href"):
            return f"changes a link with <{name}>"
        if _EXTERNAL_IN_STYLE.search(value):
            return f"loads something from outside itself in its {local}= on <{name}>"
    return None
