"""Validate: how each field of the models reads in the web editor's form.

Beside the models on purpose: a field added to `schema.py` needs a line here
(a label and a hint, and a widget where its type alone does not say), or the
test that compares the two fails. Types, required fields, patterns and their
messages are not repeated here: the form takes them from the models and from
`fields.py`, the same place `bulletin check` takes them from.

Keys are a field's path without list positions or map keys; a path not found
is looked up by its last name, so fields that mean the same everywhere (an
image's alt text) are described once. "{zone}" becomes the site's time zone.
"""

from __future__ import annotations

from typing import NamedTuple


class Say(NamedTuple):
    """A field's label and hint, and the widget when its type is not enough."""

    label: str
    hint: str = ""
    widget: str | None = None  # "text" (several lines), "markdown", "image", "contact-keys"


#: Fields that mean the same wherever they appear.
SHARED = {
    "src": Say("Picture", "A file in content/images/: choose or upload it here.", "image"),
    "alt": Say(
        "Description of the picture",
        "What it shows, for people who cannot see it: required.",
    ),
    "topics": Say("Topics", "Subjects, each one a few words, such as training."),
    "description": Say("Description", "One or two sentences.", "text"),
    "phone": Say("Phone", "Only the number, such as 020 7946 0123."),
    "email": Say("Email", "Such as name@example.org."),
    "label": Say("Label", "What the number or link is, in a few words."),
}

ISSUE = {
    "title": Say("Title", "The issue's name, shown as its main heading: Summer 2026."),
    "date": Say("Publication date", "The issue is published on this day, in the site's time zone."),
    "summary": Say("Summary", "One or two sentences for lists and search results.", "text"),
    "number": Say("Issue number", "The next number after the last issue."),
    "season": Say("Season"),
    "cover": Say("Cover picture", "Shown at the top of the issue (optional)."),
    "draft": Say("Draft", "A draft is left out of the published site: turn off to publish."),
    "slug": Say("Web address", "Rarely needed: a different address from the file's name."),
    "next_issue": Say("Next issue due", "When the next issue is due."),
    "foreword": Say("Foreword signature", "Shown beneath the foreword."),
    "foreword.author": Say("Author", "Who wrote the foreword."),
    "foreword.role": Say("Role", "Their role, such as Independent Chair."),
    "partnership_report": Say("Partnership report", "The meeting this issue reports on."),
    "partnership_report.meeting": Say("Meeting date", "The date of the meeting."),
    "partnership_report.subtitle": Say("Subtitle", "A line under the heading (optional)."),
    "partnership_report.figures": Say("Headline figures", "Numbers shown large (optional)."),
    "partnership_report.figures.value": Say("Figure", "Such as 465 or 24%."),
    "partnership_report.figures.label": Say("What it counts", "Such as referrals in the year."),
    "partnership_report.figures.item": Say(
        "Beside the story", "The id of a ### story of the report, to show it there (optional)."
    ),
    "focus": Say("Focus feature", "Only when the heading does not name the subject."),
    "focus.subject": Say("Subject", "The team or service: the Youth Outreach Team."),
    "events": Say("Events and training", "Shown in the Events section, in date order."),
    "events.title": Say("Title"),
    "events.start": Say("Starts", "Date and time in {zone}, the site's time zone."),
    "events.end": Say("Ends", "Date and time in {zone}; not before it starts."),
    "events.kind": Say("Kind"),
    "events.series": Say("Series", "A series of courses it belongs to (optional)."),
    "events.online": Say("Online", "On if it happens online."),
    "events.place": Say("Place", "Where it happens, if in person."),
    "events.organiser": Say("Organiser"),
    "events.booking": Say("Booking link", "Where to book: https://..."),
    "events.id": Say("Fixed id", "Rarely needed: keeps calendars in step if the title changes."),
    "events.to_be_confirmed": Say(
        "Not settled yet", "The time, the place or both: with place, no place is needed."
    ),
    "events.status": Say("Cancelled or postponed", "Leave empty for an event that goes ahead."),
    "courses": Say("Training courses", "Courses without dates yet, shown under Events."),
    "courses.title": Say("Title"),
    "courses.series": Say("Series", "The series of courses it belongs to (optional)."),
    "courses.audience": Say("Who it is for", "Such as designated safeguarding leads."),
    "courses.new": Say("New", "On for a course new to the programme."),
    "courses.booking": Say("Booking link", "Where to book, once places can be booked."),
    "courses.interest": Say("Register interest", "Where to register interest until then."),
    "news": Say("News calls to action", "For each story under News: its id and what it offers."),
    "news.id": Say("Story id", "The story's heading in lower case with hyphens."),
    "news.actions": Say("Calls to action", "Each one a phone number, an email or a web link."),
    "news.actions.url": Say("Web link", "https://..."),
    "news.image": Say("Picture", "Shown with the story (optional)."),
    "contacts": Say(
        "Contacts", "Teams from the contacts directory in site settings.", "contact-keys"
    ),
    "contributions": Say(
        "Call for contributions", "This issue's own; what is left empty is site settings'."
    ),
    "contributions.heading": Say("Heading", "Get involved, unless you change it."),
    "contributions.text": Say("What it asks for", "In Markdown.", "markdown"),
    "contributions.contact": Say("Who contributions go to"),
    "contributions.contact.name": Say("Name"),
    "contributions.contact.role": Say("Role", "Such as Partnership Manager."),
    "contributions.contact.email": Say("Email addresses"),
    "contributions.contact.phone": Say("Phone numbers"),
    "contributions.contact.phone.number": Say("Number", "Such as 020 7946 0123."),
    "contributions.contact.phone.hours": Say("Hours", "When it is answered."),
    "contributions.deadline": Say("Deadline", "When contributions to the next issue are due."),
    "body": Say("Text", "The issue's sections, each under a ## heading.", "markdown"),
}

SITE = {
    "title": Say("Newsletter name"),
    "organisation": Say("Organisation", "Who publishes the newsletter."),
    "base_url": Say("Web address", "The published site's address, ending in /."),
    "description": Say("Description", "One sentence about the newsletter.", "text"),
    "language": Say("Language", "Such as en-GB."),
    "timezone": Say("Time zone", "Where event times are, such as Europe/London."),
    "phone_region": Say(
        "Phone numbers are in", "The country whose numbers need no +code: GB for the UK."
    ),
    "logo": Say("Logo"),
    "colours": Say("Colours", "Each must be dark enough to read on white."),
    "colours.brand": Say("Brand colour", "Header, links and buttons."),
    "colours.accent": Say("Accent colour", "Borders and highlights."),
    "contacts": Say("Contacts directory", "Issues show these by their key."),
    "contacts.key": Say("Key", "What issues use to show it, such as lado."),
    "contacts.name": Say("Name"),
    "contacts.email": Say("Email addresses"),
    "contacts.phone": Say("Phone numbers"),
    "contacts.phone.number": Say("Number", "Such as 020 7946 0123."),
    "contacts.phone.hours": Say("Hours", "When it is answered."),
    "contacts.web": Say("Website"),
    "contacts.form": Say("Contact form", "The address of an online contact form."),
    "contacts.social": Say("Social media", "Account names."),
    "contacts.review_by": Say("Check again by", "The date by which these details are checked."),
    "contributions": Say("Call for contributions", "Shown at the end of every issue."),
    "contributions.heading": Say("Heading", "Get involved, unless you change it."),
    "contributions.text": Say("What it asks for", "In Markdown.", "markdown"),
    "contributions.contact": Say("Who contributions go to"),
    "contributions.contact.name": Say("Name"),
    "contributions.contact.role": Say("Role", "Such as Partnership Manager."),
    "contributions.contact.email": Say("Email addresses"),
    "contributions.contact.phone": Say("Phone numbers"),
    "contributions.contact.phone.number": Say("Number", "Such as 020 7946 0123."),
    "contributions.contact.phone.hours": Say("Hours", "When it is answered."),
    "recent_issues": Say("Recent issues on the home page"),
    "allow_raw_html": Say("Allow raw HTML", "Only if every editor is trusted."),
    "feed_items": Say("Issues in the feeds"),
    "social_image": Say("Sharing picture", "PNG or JPEG, 1200 by 630 pixels."),
    "accessibility": Say("Accessibility statement"),
    "accessibility.email": Say("Email", "Where readers report problems."),
    "accessibility.prepared": Say("First prepared"),
    "accessibility.reviewed": Say("Last reviewed", "Review it at least once a year."),
    "accessibility.response_days": Say("Working days to reply"),
    "accessibility.known_issues": Say("Known problems", "Anything not accessible, in plain words."),
    "signup": Say("Email sign-up link", "Where readers sign up to get each issue by email."),
    "typeface": Say("Typeface", "The theme's own legible typeface, or system for the device's."),
    "exit_this_page": Say(
        "Exit this page", "A neutral site the button leads to, for sites about abuse."
    ),
    "emergency": Say("Emergency warning", "Shown above every contacts list."),
    "email_logo": Say("Logo for email", "A PNG: email programs do not show SVG."),
    "admin": Say("Web editor", "Where the form saves: change only with the site's maintainer."),
    "admin.repo": Say("Repository", "Owner and name on GitHub, such as northbrook-scp/bulletin."),
    "admin.branch": Say("Branch", "The branch the site is published from."),
    "admin.review": Say("Review before publishing", "Each issue becomes a pull request."),
    "admin.auth_url": Say("Sign-in service", "The OAuth service editors sign in through."),
}


#: Maps keyed by a name the editor chooses, which the form shows as a list of items
#: each with its key in a field of this name (a news story's id, a contact's key).
KEYS = {"news": "id", "contacts": "key"}

#: Lists whose items may be written as one value alone (`phone: 020 7946 0123`),
#: which the form reads as an item with only this field.
BARE_ITEMS = {"contacts.phone": "number", "contributions.contact.phone": "number"}

#: Groups that may be written as one value alone (`contributions: Some text`),
#: which the form reads as a group with only this field.
BARE_GROUPS = {"contributions": "text"}


def describe(table: dict[str, Say], path: str) -> Say | None:
    """What the form says about a field, by its path, then by its last name."""
    return table.get(path) or SHARED.get(path.rsplit(".", 1)[-1])
