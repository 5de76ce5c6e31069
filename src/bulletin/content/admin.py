"""Validate: `admin:` in site.yaml, the web editor at /admin/ and where it saves.

Opting in is writing the block; without it the site has no /admin/.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator

from bulletin.content.fields import Text, WebUrl, fail

REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


class AdminSettings(BaseModel):
    """The web editor: the GitHub repository it commits to, and whether through pull requests."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # as schema.Strict

    repo: Text
    branch: Text = "main"
    review: bool = True
    auth_url: WebUrl | None = None

    @field_validator("repo")
    @classmethod
    def _owner_and_name(cls, value: str) -> str:
        if not REPOSITORY.fullmatch(value):
            raise fail(
                f'"{value}" is not a repository; write its owner and name, such as '
                "northbrook-scp/bulletin"
            )
        return value
