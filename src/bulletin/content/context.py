"""What assembling any issue needs to know about the site around it.

Apart from `content.issue` so that the section builders it hands work to can
name it without importing the module that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.schema import SiteConfig


@dataclass(frozen=True)
class IssueContext:
    """The site's settings, where its files are, and the Markdown renderer to use."""

    config: SiteConfig
    site_root: Path
    content_dir: Path
    renderer: MarkdownRenderer

    @cached_property
    def settings_key(self) -> str:
        """The settings every issue depends on, for the digest of its body."""
        return self.config.model_dump_json()
