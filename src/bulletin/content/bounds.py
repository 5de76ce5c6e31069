"""Validate: the bounds that keep Markdown's time in proportion to a body's size.

Lists and quotes nested hundreds of levels deep make Python-Markdown recurse
past Python's limit; no newsletter nests more than a few, so more than
`MAX_DEPTH` is refused on the line that goes too deep.

Python-Markdown's inline pass, at each `[`, reads ahead for the `]` that
closes it; a `[` that is never closed (or a deep nest of them) makes it read
the rest of the paragraph again, so a run of 20,000 took 40 s. What that
reading costs is counted here in one pass, before any Markdown is rendered:
for each `[`, the characters up to its `]`, or to the end of its paragraph.
Real links cost the length of their words, far below the budget even in an
issue at the 2 MB limit; a body over it is refused on the line where it
starts to cost too much.
"""

from __future__ import annotations

import re

from bulletin.errors import Problems

#: Characters read ahead for brackets, in a whole body: about a second of Markdown.
BRACKET_BUDGET = 1_000_000

#: Lists and quotes inside one another: more than any text needs, far less than Markdown's limit.
MAX_DEPTH = 50

#: A line with more than MAX_DEPTH characters before its text: the only kind that can be
#: nested too deep.
_DEEP_CANDIDATE = re.compile(rf"^[ \t>]{{{MAX_DEPTH + 1},}}", re.MULTILINE)

#: A paragraph: a run of lines that are not blank, each with its line break.
_PARAGRAPH = re.compile(r"(?:^.*\S.*$\n?)+", re.MULTILINE)

#: What the bracket count visits: each bracket, and a backslash with what it escapes (skipped).
_BRACKET_MARKS = re.compile(r"\\.|[\[\]]", re.DOTALL)

TOO_DEEP = (
    "is nested {depth} levels deep (lists or quotes inside one another, or indented "
    "{width} spaces); bulletin takes up to {most}: indent it less"
)

TOO_MANY_BRACKETS = (
    "has {count} [ brackets never closed with ] (or inside one another), and Markdown reads "
    "the rest of the paragraph again for each; remove the extra ones, or write \\[ for a "
    "bracket that does not start a link"
)


def check_brackets(body: str, first_line: int, display: str, problems: Problems) -> bool:
    """Whether the body's brackets are within the budget; if not, say where they are."""
    if "[" not in body:
        return True
    spent = 0
    for line, paragraph in _paragraphs(body):
        cost, open_count = _bracket_cost(paragraph)
        spent += cost
        if spent > BRACKET_BUDGET:
            message = TOO_MANY_BRACKETS.format(count=max(open_count, 1))
            problems.add(display, first_line + line, message)
            return False
    return True


def check_depth(body: str, first_line: int, display: str, problems: Problems) -> bool:
    """Whether no line of the body is nested deeper than `MAX_DEPTH`; if one is, say which.

    Each character before a line's text adds at most one level (a space a
    quarter), so only a line with more than `MAX_DEPTH` of them can be too
    deep: the body is searched for one first, in C, and read line by line only
    if there is one.
    """
    if _DEEP_CANDIDATE.search(body) is None:
        return True
    for index, line in enumerate(body.split("\n")):
        stripped = line.lstrip(" \t>")
        prefix = line[: len(line) - len(stripped)]
        width = len(prefix.replace("\t", "    ").replace(">", ""))
        depth = width // 4 + prefix.count(">")
        if depth > MAX_DEPTH:
            message = TOO_DEEP.format(depth=depth, width=width, most=MAX_DEPTH)
            problems.add(display, first_line + index, message)
            return False
    return True


def _paragraphs(body: str) -> list[tuple[int, str]]:
    """Each run of lines between blank lines, with the index of its first line (found in C:
    a loop over every line in Python cost a cold build at 1,000 issues a tenth of a second)."""
    found: list[tuple[int, str]] = []
    line = position = 0
    for match in _PARAGRAPH.finditer(body):
        line += body.count("\n", position, match.start())
        position = match.start()
        found.append((line, match.group().removesuffix("\n")))
    return found


def _bracket_cost(paragraph: str) -> tuple[int, int]:
    """The characters read ahead for the paragraph's brackets, and the most open at once.

    Only brackets and escapes are visited (found in C): a walk over every
    character in Python cost a cold build at 1,000 issues 2-3 CPU-s.
    """
    if "[" not in paragraph:
        return 0, 0
    opened: list[int] = []
    cost = deepest = 0
    for mark in _BRACKET_MARKS.finditer(paragraph):
        if mark.group() == "[":
            opened.append(mark.start())
            deepest = max(deepest, len(opened))
        elif mark.group() == "]" and opened:
            cost += mark.start() - opened.pop()
    end = len(paragraph)
    return cost + sum(end - position for position in opened), max(deepest, len(opened))


#: Every bound, in the order they are checked.
BOUNDS = (check_depth, check_brackets)
