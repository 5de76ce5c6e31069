"""Validate: a line to copy for each required field, shown when it is missing."""

from __future__ import annotations

#: Shown when a required field is missing, so the editor can copy the line.
#: Looked up by path first, so a field name used twice can have two examples.
#: Looked up by the field's path without list positions, then by its name alone.
EXAMPLES = {
    "events.title": "title: Transitional safeguarding and homelessness",
    "courses.title": "title: Trauma-informed practice",
    "contributions.contact.name": "name: Sam Sample",
    "contacts.name": "name: Child Protection Referrals",
    "news.actions.label": "label: Book a place",
    "accessibility.email": "email: accessibility@example.org",
    "accessibility.prepared": "prepared: 2026-04-15",
    "accessibility.reviewed": "reviewed: 2026-11-01",
    "admin.repo": "repo: northbrook-scp/bulletin",
    "title": "title: Summer 2022",
    "date": "date: 2022-07-20",
    "summary": "summary: One sentence about what is in this issue.",
    "author": "author: Alex Example",
    "meeting": "meeting: 2022-07-04",
    "subject": "subject: the Families Intervention Team",
    "start": "start: 2022-09-19T12:00",
    "name": "name: Child Protection Referrals",
    "number": "number: 020 7946 0123",
    "organisation": "organisation: Northbrook Safeguarding Children Partnership",
    "base_url": "base_url: https://www.example.org/newsletter/",
    "src": "src: images/cover.jpg",
    "alt": "alt: Three people talking around a table",
    "value": "value: 465",
    "label": "label: referrals in the year",
}
