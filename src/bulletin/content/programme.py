"""Assemble: the facts some sections carry beside their prose: the training programme's
courses, and the report's figures, each placed beside the item it belongs to."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import replace

from bulletin.content.assembled_parts import Course
from bulletin.content.frontmatter import Document
from bulletin.content.markdown import MarkdownRenderer, Surroundings
from bulletin.content.models import Section
from bulletin.content.schema import Figure
from bulletin.content.schema_events import Course as CourseFacts
from bulletin.content.slugs import slugify
from bulletin.errors import Problems


def courses(
    written: Iterable[CourseFacts],
    renderer: MarkdownRenderer,
    typeset: Callable[[str], str],
    around: Surroundings,
) -> tuple[Course, ...]:
    """The courses as written, each with an anchor of its own (course-<title>)."""
    made: list[Course] = []
    used: set[str] = set()
    for course in written:
        base = f"course-{slugify(course.title) or 'untitled'}"
        anchor, count = base, 1
        while anchor in used:
            count += 1
            anchor = f"{base}-{count}"
        used.add(anchor)
        description = renderer.inline(course.description, around) if course.description else ""
        made.append(
            Course(
                title=typeset(course.title),
                anchor=anchor,
                series=typeset(course.series) if course.series else None,
                audience=typeset(course.audience) if course.audience else None,
                description=description,
                new=course.new,
                booking=course.booking,
                interest=course.interest,
            )
        )
    return tuple(made)


def place_figures(
    section: Section,
    figures: list[Figure],
    document: Document,
    display: str,
    problems: Problems,
) -> Section:
    """Figures that name an item go beside it; the rest stay at the top of the section."""
    anchors = [item.anchor for item in section.items]
    for index, figure in enumerate(figures):
        if figure.item is not None and figure.item not in anchors:
            close = difflib.get_close_matches(figure.item, anchors, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.add(
                display,
                document.line_of(("partnership_report", "figures", index, "item")),
                f'there is no item "{figure.item}" in the partnership report{hint}; item: '
                f"must be the id of a ### heading there: {', '.join(anchors) or 'none yet'}",
                f"partnership_report.figures[{index}].item",
            )
    items = tuple(
        replace(item, figures=tuple(f for f in figures if f.item == item.anchor))
        for item in section.items
    )
    top = tuple(f for f in figures if f.item is None or f.item not in anchors)
    return replace(section, items=items, figures=top)
