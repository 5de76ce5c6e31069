"""Parse: turn libyaml's complaints into the line of the mistake and its real cause.

libyaml reports where its scanner gave up, which is often the line after the
mistake: a field written without its colon runs on into the next line before
anything looks wrong, and an unclosed quote is closed by the first quote of a
later line. So each complaint is traced back to where the scanner started the
token it could not finish (from the error's marks, or by reading the lines
before it), and the message names what to write there.
"""

from __future__ import annotations

import re

import yaml

#: A field name as editors write them: `next_issue`, `booking`, `web`.
_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_NO_SPACE = re.compile(rf"({_NAME}):(\S.*)")
_NO_COLON = re.compile(rf"({_NAME})(?:\s+(.*))?")
_LIST_MARK = re.compile(r"^(?:-\s+)+")
_QUOTES = "\"'"


def explain_yaml_error(
    err: yaml.MarkedYAMLError, yaml_text: str, first_line: int
) -> tuple[int, str]:
    """Turn libyaml's wording into (file line, advice an editor can act on)."""
    lines = yaml_text.split("\n")
    problem, context = err.problem or "", err.context or ""
    row = err.problem_mark.line if err.problem_mark else 0
    column = err.problem_mark.column if err.problem_mark else 0
    offending = lines[row] if 0 <= row < len(lines) else ""
    if "\t" in offending[: len(offending) - len(offending.lstrip())] or "\\t" in problem:
        return first_line + row, (
            "a tab is used for indenting; YAML needs spaces (replace the tab with spaces)"
        )
    found = _unclosed_quote(lines, row, column) or _explain(err, lines, row, column)
    if found is not None:
        return first_line + found[0], found[1]
    return (
        first_line + row,
        f"is not valid YAML: {problem or context}; check the indentation and quotes",
    )


def _explain(
    err: yaml.MarkedYAMLError, lines: list[str], row: int, column: int
) -> tuple[int, str] | None:
    """The cause of the common complaints, by what libyaml was reading when it gave up."""
    problem, context = err.problem or "", err.context or ""
    opened = err.context_mark.line if err.context_mark else row
    if "quoted scalar" in context:
        return opened, "a quote opened on this line is never closed; add the closing quote"
    if "flow sequence" in context:
        return opened, "a [ opened on this line is never closed with ]"
    if "flow mapping" in context:
        return opened, "a { opened on this line is never closed with }"
    if "simple key" in context and err.context_mark is not None:
        started = lines[opened][err.context_mark.column :] if opened < len(lines) else ""
        return opened, _field_advice(started) or _LINE_UP
    if "mapping values are not allowed" in problem:
        return _colon_in_value(lines, row, column)
    if "block mapping" in context or "block collection" in context:
        return row, _LINE_UP
    return None


_LINE_UP = (
    "the indentation does not line up: fields at the same level must start in the "
    "same column, and list items with '- ' under their field"
)
_COLON_IN_VALUE = (
    "a value contains ': ', or the line is indented more than the one above: "
    'put such a value in quotes (title: "Focus on: our team") or fix the indentation'
)


def _field_advice(written: str) -> str | None:
    """What a line that should be `name: value` lacks: the colon, or the space after it."""
    text = _LIST_MARK.sub("", written.split(" #")[0].strip())
    spaced = _NO_SPACE.fullmatch(text)
    if spaced:
        name, value = spaced.groups()
        return f"'{text}' needs a space after the colon; write '{name}: {value}'"
    bare = _NO_COLON.fullmatch(text)
    if bare:
        name, value = bare.groups()
        fixed = f"{name}: {value}" if value else f"{name}:"
        return f"'{text}' has no colon after the field's name; write '{fixed}'"
    return None


def _colon_in_value(lines: list[str], row: int, column: int) -> tuple[int, str]:
    """A ': ' where libyaml was reading a plain value: in it, or in a field after one.

    When the colon belongs to a field that starts its line, the value it ended
    began on an earlier line, one with no proper `name: value` of its own.
    """
    before = lines[row][:column]
    if _is_field_line(before) or not before.strip():
        return row, _COLON_IN_VALUE
    start = row
    for index in range(row - 1, -1, -1):
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#") or _is_field_line(text):
            break
        start = index
    if start < row:
        return start, _field_advice(lines[start]) or _COLON_IN_VALUE
    above = next((line for line in reversed(lines[:row]) if line.strip()), "")
    if _is_field_line(above) and _indent(lines[row]) > _indent(above):
        name = _LIST_MARK.sub("", above.strip()).split(":")[0]
        return row, (
            f"this line is indented more than '{name}:' above it; fields at the same level "
            "must start in the same column"
        )
    return row, _COLON_IN_VALUE


def _indent(line: str) -> int:
    """The column a line's field starts in, after any '- ' list marks."""
    stripped = line.lstrip(" ")
    return len(line) - len(stripped) + len(stripped) - len(_LIST_MARK.sub("", stripped))


def _is_field_line(text: str) -> bool:
    """True for a line that holds a `name: value` (or `name:`) of its own."""
    body = _LIST_MARK.sub("", text.split(" #")[0].strip())
    return bool(re.match(r"[^\"'].*?:(\s|$)|[\"'][^\"']*[\"']:(\s|$)", body))


def _unclosed_quote(lines: list[str], row: int, column: int) -> tuple[int, str] | None:
    """A quote left open is closed by the first quote of a later line; find where it opened."""
    if not 0 <= row < len(lines):
        return None
    offset = sum(len(line) + 1 for line in lines[:row]) + column
    text = "\n".join(lines)
    end = offset - 1
    while end >= 0 and text[end] in " \t":
        end -= 1
    if end < 0 or text[end] not in _QUOTES:
        return None
    start = _opening_quote(text, end)
    if start is None:
        return None
    opened = text.count("\n", 0, start)
    if opened == row:
        return row, (
            "there is more text after the closing quote; put the whole value inside the quotes"
        )
    return opened, "a quote opened on this line is never closed; add the closing quote"


def _opening_quote(text: str, closing: int) -> int | None:
    """Where the quoted value that ends at `closing` began."""
    mark = text[closing]
    index = closing - 1
    while index >= 0:
        if text[index] == mark:
            if mark == "'" and index > 0 and text[index - 1] == "'":
                index -= 2  # '' is a quote inside single quotes
                continue
            if mark == '"' and _escaped(text, index):
                index -= 1
                continue
            return index
        index -= 1
    return None


def _escaped(text: str, index: int) -> bool:
    """True if the character at index follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1
