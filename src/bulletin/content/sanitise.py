"""Render Markdown: the allow-list that every fragment of prose is cleaned against (nh3).

Raw HTML in content cannot add scripts, event handlers, forms, frames,
styles that load anything, or links to schemes other than web, mail and
telephone addresses.
"""

from __future__ import annotations

import nh3

from bulletin.content.link_policy import LINK_SCHEMES

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "figure": {"class"},
    "th": {"scope", "colspan", "rowspan", "style"},  # style: text-align only, see sanitise
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start", "reversed"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}


def sanitise(html: str) -> str:
    """Keep only the tags, attributes and URL schemes that prose needs."""
    return str(
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=set(LINK_SCHEMES),
            link_rel=None,
            strip_comments=True,
            filter_style_properties={"text-align"},
        )
    )
