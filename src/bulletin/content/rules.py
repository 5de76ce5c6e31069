"""Validate: the rules that span several fields, in the words both checkers use.

The models in `schema.py` raise these, and the web editor at /admin/ checks
the same rules before it saves (see `bulletin.cms`), so an editor sees one
message for one mistake whichever way the issue was written.
"""

from __future__ import annotations

#: An event needs a place, or to be online, or its place marked as not known yet.
EVENT_WHERE = (
    "say where it happens: add place: ... or online: true "
    "(or to_be_confirmed: [place] if the place is not known yet)"
)
#: An event's start and end are both dates, or both dates with a time.
EVENT_SAME_KIND = "start and end must both have a time, or both be dates alone"
#: An event's end is not before its start.
EVENT_ENDS = (
    'the event "{title}" ends ({end}) before it starts ({start}); correct its start or its end'
)
#: A course is booked, or readers register interest until it can be: not both.
COURSE_ONE_LINK = (
    'the course "{title}" has both booking: and interest:; give booking: '
    "once places can be booked, and interest: until then"
)
#: Each call to action is one way of acting.
ACTION_ONE_WAY = "give exactly one of phone, email or url for each action"
#: An issue shows contacts from the directory in site.yaml, by key.
CONTACT_UNKNOWN = '"{key}" is not in the contacts directory in content/site.yaml'
CONTACT_KEYS = "the keys there are: {keys}"
#: The form's words for a group begun but not finished; the build says the field is missing.
GROUP_BEGUN = "{group}: fill in {field} too, or leave the whole of it empty"
#: The site's language is a tag that screen readers, search and feeds understand.
LANGUAGE_TAG = (
    "is not a language tag; write one such as en-GB, en, cy or fr (the language, then "
    "optionally a hyphen and the country)"
)
#: An event's start and end both give a time-zone offset, or neither does.
EVENT_SAME_ZONE = (
    "start and end must both give a time-zone offset (such as +01:00), or neither "
    "(then both are in the site's time zone)"
)
#: Titles and names are one line: calendars, feeds and page titles cannot hold a line break.
ONE_LINE = "is on more than one line; write it on one line"
#: Years a date may have: wider would overflow when shifted between time zones.
FIRST_YEAR, LAST_YEAR = 1900, 2999
YEAR_RANGE = "the year {year} is not a year bulletin takes ({first} to {last}); check the year"
