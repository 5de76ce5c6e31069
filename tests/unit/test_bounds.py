"""The bounds on a body's nesting and brackets give what a walk over every character gives:
they only look in C for where such a walk would find something."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from bulletin.content.bounds import MAX_DEPTH, _bracket_cost, _paragraphs, check_depth
from bulletin.errors import Problems


def walked_cost(paragraph: str) -> tuple[int, int]:
    """The bracket cost, walked one character at a time (what the bound must equal)."""
    opened: list[int] = []
    cost = deepest = 0
    escaped = False
    for position, character in enumerate(paragraph):
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "[":
            opened.append(position)
            deepest = max(deepest, len(opened))
        elif character == "]" and opened:
            cost += position - opened.pop()
    return cost + sum(len(paragraph) - p for p in opened), max(deepest, len(opened))


def walked_depth(line: str) -> int:
    stripped = line.lstrip(" \t>")
    prefix = line[: len(line) - len(stripped)]
    return len(prefix.replace("\t", "    ").replace(">", "")) // 4 + prefix.count(">")


@given(st.text(alphabet="[]\\a \n", max_size=200))
def test_the_bracket_cost_is_the_walks(paragraph: str) -> None:
    assert _bracket_cost(paragraph) == walked_cost(paragraph)


@given(st.lists(st.text(alphabet=" \t>-a", max_size=260), max_size=6))
@example([">" * 51 + "a"])
@example(["a", " " * 204 + "- a"])
@example(["a", " " * 203 + "- a"])
@example(["\t" * 50 + "> a"])
def test_a_body_is_too_deep_exactly_when_a_line_is(lines: list[str]) -> None:
    body = "\n".join(lines)
    deepest = max((walked_depth(line) for line in lines), default=0)
    assert check_depth(body, 1, "issue.md", Problems()) == (deepest <= MAX_DEPTH)


def walked_paragraphs(body: str) -> list[tuple[int, str]]:
    """Each run of lines that are not blank, with its first line's index, line by line."""
    found: list[tuple[int, str]] = []
    start, lines = 0, body.split("\n")
    for index, text in enumerate([*lines, ""]):
        if not text.strip():
            if index > start:
                found.append((start, "\n".join(lines[start:index])))
            start = index + 1
    return found


@given(st.text(alphabet="a [\n\t\r\x0b\x1c\u00a0", max_size=120))
def test_paragraphs_are_the_runs_of_lines_that_are_not_blank(body: str) -> None:
    assert _paragraphs(body) == walked_paragraphs(body)
