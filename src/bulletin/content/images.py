"""Assemble: every picture an issue or the site shows exists in content/ and says what it shows."""

from __future__ import annotations

from pathlib import Path

from bulletin.content.frontmatter import Document
from bulletin.content.markdown import Fragment
from bulletin.content.models import Section
from bulletin.content.schema import FrontMatter
from bulletin.content.sections import fragments
from bulletin.errors import Problems


def check_images(
    front: FrontMatter,
    document: Document,
    sections: tuple[Section, ...],
    preamble: Fragment,
    content_dir: Path,
    display: str,
    problems: Problems,
) -> None:
    """Every image must exist in the content folder and say what it shows."""
    declared: list[tuple[tuple[str, ...], str]] = (
        [(("cover", "src"), front.cover.src)] if front.cover else []
    )
    declared += [
        (("news", key, "image", "src"), facts.image.src)
        for key, facts in front.news.items()
        if facts.image
    ]
    for path, src in declared:
        check_image_file(src, document.line_of(path), content_dir, display, problems, path)
    for fragment in fragments(sections, preamble):
        for link in fragment.links:
            if not link.is_image:
                continue
            if not link.text:
                problems.add(
                    display,
                    link.line,
                    f"the image {link.target} has no description; write it between the "
                    f"brackets: ![Three people talking around a table]({link.target})",
                )
            check_image_file(link.target, link.line, content_dir, display, problems)


def check_image_file(
    src: str,
    line: int,
    content_dir: Path,
    display: str,
    problems: Problems,
    path: tuple[str, ...] = (),
) -> None:
    """A picture must be a file inside the content folder: pages load nothing from elsewhere."""
    if "://" in src or src.startswith(("data:", "/")):
        problems.add(
            display,
            line,
            f"{src} is not in the content folder; put the image in content/images/ and "
            "write images/<name> (pages must not load anything from other sites)",
            ".".join(path),
        )
        return
    relative = src.removeprefix("./").removeprefix("../").removeprefix("content/")
    target = (content_dir / relative).resolve()
    if not target.is_relative_to(content_dir.resolve()) or not target.is_file():
        problems.add(
            display,
            line,
            f"the image {src} does not exist (looked for content/{relative})",
            ".".join(path),
        )
