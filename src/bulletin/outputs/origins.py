"""Outputs: where a product made from an issue comes from, as messages name it.

Every product of an issue is written under the issue's address, which comes
from its `slug:` or its file's name: a product that clashes with another
names that, and how to change it.
"""

from __future__ import annotations

from bulletin.content.models import Issue
from bulletin.outputs.protocol import Origin


def of_issue(issue: Issue, what: str) -> Origin:
    """The origin of a product of an issue, described as `what`."""
    return Origin(
        issue.display_path,
        issue.slug_line,
        subject=f'slug "{issue.slug}"' if issue.slug_line else "its file name",
        what=what,
        fix="rename one file or give it its own 'slug:'",
    )
