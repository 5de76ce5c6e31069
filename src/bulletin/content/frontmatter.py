"""Parse: split a file into front matter and body, and read the YAML with line numbers.

YAML is composed into nodes before it is turned into Python values, so that
every key and list item keeps the line it was written on (later errors name
it), duplicate keys are caught (PyYAML would silently keep the last), and
aliases are refused before anything is expanded (a "billion laughs" document
costs nothing). The loader is libyaml's C loader with YAML 1.1's surprises
removed: `14:00` stays a time of day rather than becoming 840, a phone
number such as `07700900123` keeps its leading zero, and dates stay text for
bulletin's own fields to read (YAML's reader fails on `2022-02-30` with no
line number; ours says February has 28 days).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from bulletin.content.yaml_errors import explain_yaml_error
from bulletin.errors import Problems

Path_ = tuple[str | int, ...]

_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_REPLACED = (_INT_TAG, _FLOAT_TAG, _TIMESTAMP_TAG)

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """libyaml's safe loader, with integers and floats as a person reads them."""


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _REPLACED]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
ContentLoader.add_implicit_resolver(
    _INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
ContentLoader.add_implicit_resolver(
    _FLOAT_TAG,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


class _Refused(Exception):
    """Stops a walk at once: what follows an alias may be exponentially large."""


class ContentDumper(yaml.SafeDumper):
    """Writes YAML that ContentLoader reads back as written: dates and times unquoted."""


ContentDumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """A content file split in two, with where each part starts."""

    data: dict[str, Any]
    lines: dict[Path_, int]
    body: str
    body_first_line: int
    #: Where each path was as written, for data with mistakes cut out (list items move up).
    written_as: dict[Path_, Path_] = field(default_factory=dict)

    def field_name(self, path: Path_) -> str:
        """A field's name as the editor wrote it: events[1].start."""
        return dotted_path(self.written_as.get(path, path))

    def line_of(self, path: Path_) -> int:
        """The line of a field, or of the nearest enclosing field that has one."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return self.lines.get((), 1)


def split_front_matter(text: str, display: str, problems: Problems) -> tuple[str, str, int] | None:
    """Return (yaml text, body, first body line), or None after recording why not."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.add(
            display,
            1,
            "must start with front matter: a first line of just ---, "
            "then lines such as 'title: Summer 2022', then another line of ---",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    problems.add(
        display,
        1,
        "the front matter that starts on line 1 never ends: "
        "add a line of just --- after its last field",
    )
    return None


def load_yaml_mapping(
    yaml_text: str,
    display: str,
    first_line: int,
    problems: Problems,
    what: str,
    needs: str = "",
) -> tuple[dict[str, Any], dict[Path_, int]] | None:
    """Read YAML that must be a mapping; first_line is the file line of the YAML's line 1."""
    read, node = _compose(yaml_text, display, first_line, problems)
    if node is None:
        if read:
            problems.add(
                display, first_line, f"the {what} is empty" + (f"; {needs}" if needs else "")
            )
        return None
    recorder = _LineRecorder(first_line, display, problems)
    try:
        if not recorder.walk(node):
            return None
    except _Refused:
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.add(
            display,
            first_line + node.start_mark.line,
            f"the {what} must be a list of 'name: value' lines",
        )
        return None
    try:
        data = ContentLoader(yaml_text).construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError) as err:  # a value YAML itself cannot make
        problems.add(display, first_line, f"is not valid YAML ({err})")
        return None
    return data, recorder.lines


def _compose(
    yaml_text: str, display: str, first_line: int, problems: Problems
) -> tuple[bool, yaml.Node | None]:
    """Whether the YAML could be read (a problem is recorded if not), and its node tree
    (None for an empty document)."""
    try:
        loader = ContentLoader(yaml_text)
        try:
            node: yaml.Node | None = loader.get_single_node()
            return True, node
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        line, message = explain_yaml_error(err, yaml_text, first_line)
        problems.add(display, line, message)
    except yaml.YAMLError as err:
        problems.add(display, first_line, f"is not valid YAML ({err})")
    return False, None


class _LineRecorder:
    """Walks composed YAML nodes, recording each field's file line and refusing what is unsafe."""

    def __init__(self, first_line: int, display: str, problems: Problems) -> None:
        self.first_line, self.display, self.problems = first_line, display, problems
        self.lines: dict[Path_, int] = {(): first_line}
        self._seen: set[int] = set()

    def walk(self, node: yaml.Node, path: Path_ = ()) -> bool:
        """Record lines below a node; False (with problems recorded) if anything is refused."""
        line = self.first_line + node.start_mark.line
        if id(node) in self._seen:
            self.problems.add(
                self.display,
                line,
                "uses a YAML anchor and alias (&name, *name); write each value out in full",
            )
            raise _Refused
        self._seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            self.problems.add(
                self.display,
                line,
                f"uses the YAML tag {node.tag!r}, which bulletin does not allow; remove it",
                dotted_path(path),
            )
            return False
        if isinstance(node, yaml.MappingNode):
            return self._walk_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            ok = True
            for index, item in enumerate(node.value):
                self.lines[(*path, index)] = self.first_line + item.start_mark.line
                ok = self.walk(item, (*path, index)) and ok
            return ok
        return True

    def _walk_mapping(self, node: yaml.MappingNode, path: Path_) -> bool:
        ok = True
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = self.first_line + key_node.start_mark.line
            if (*path, key) in self.lines:
                earlier = self.lines[(*path, key)]
                self.problems.add(
                    self.display,
                    key_line,
                    f"'{key}' is given twice (first on line {earlier}); keep one of them",
                    dotted_path(path),
                )
                ok = False
                continue
            self.lines[(*path, key)] = key_line
            ok = self.walk(value_node, (*path, key)) and ok
        return ok


def dotted_path(path: Path_) -> str:
    """A field path as an editor reads it: events[1].start."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
