"""Validate: what can still be read of a file with mistakes, so one mistake does not hide the next.

Once every validation error has been reported, each is cut out of the data:
the smallest list item or directory entry that holds it (one event, one
contact key, one call to action), or else the whole field. What is left is
validated again with every field optional, and the lines of what is left are
renumbered to match, so the checks that need none of the failed fields
(contact keys against site.yaml, news keys against the body, images,
headings, links, TODOs) still run on it and name the right lines.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Generic, Optional, TypeVar, get_origin

from pydantic import BaseModel, ValidationError, create_model

from bulletin.content.frontmatter import Document, Path_
from bulletin.content.validate import annotation_at, report_errors
from bulletin.errors import Problems

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Readable(Generic[M]):
    """What could be read of a document: the model and its lines, and the fields that failed.

    A field named in `failed` holds what could be read of it (some of its
    items), its default, or None even where the model requires it: checks that
    need a field to be whole look here first.
    """

    model: M
    document: Document
    failed: frozenset[str]


def validate_document(
    model: type[M],
    document: Document,
    display: str,
    problems: Problems,
    context: dict[str, Any] | None = None,
) -> Readable[M] | None:
    """Validate a document; on failure record every problem and keep what is readable."""
    try:
        valid = model.model_validate(document.data, context=context)
    except ValidationError as err:
        report_errors(model, err, document.line_of, display, problems)
        return readable_part(model, document, err.errors(include_url=False), context)
    return Readable(valid, document, frozenset())


def readable_part(
    model: type[M], document: Document, errors: list[Any], context: dict[str, Any] | None
) -> Readable[M] | None:
    """The valid part of a document whose validation gave these errors; None if there is none."""
    cuts = {_cut_point(model, document.data, tuple(e["loc"])) for e in errors}
    data, lines, written_as = _without(document.data, document.lines, cuts)
    try:
        valid = _all_optional(model).model_validate(data, context=context)
    except ValidationError:
        return None
    failed = frozenset(str(e["loc"][0]) for e in errors if e["loc"])
    pruned = Document(data, lines, document.body, document.body_first_line, written_as)
    return Readable(valid, pruned, failed)


def nothing_readable(model: type[M], document: Document) -> Readable[M]:
    """A document whose YAML could not be read at all: only its body can be checked."""
    empty = Document({}, {(): document.line_of(())}, document.body, document.body_first_line)
    return Readable(_all_optional(model).model_validate({}), empty, frozenset(model.model_fields))


@functools.cache
def _all_optional(model: type[M]) -> type[M]:
    """The model with its required fields made optional (None when absent)."""
    loosened: dict[str, Any] = {
        name: (Optional[field.rebuild_annotation()], None)  # noqa: UP045 (a runtime type)
        for name, field in model.model_fields.items()
        if field.is_required()
    }
    return create_model(f"Readable{model.__name__}", __base__=model, **loosened)


def _cut_point(model: type[BaseModel], data: Any, loc: Path_) -> Path_:
    """The smallest list item or directory entry that holds a mistake, or else its field."""
    cut: Path_ = loc[:1]
    value, annotation = data, annotation_at(model, ())
    for depth, part in enumerate(loc):
        is_entry = isinstance(value, dict) and get_origin(annotation) is dict
        if isinstance(value, list) and isinstance(part, int) and part < len(value):
            cut, value = loc[: depth + 1], value[part]
        elif isinstance(value, dict) and part in value:
            cut = loc[: depth + 1] if is_entry else cut
            value = value[part]
        else:
            break
        annotation = annotation_at(model, loc[: depth + 1])
    return cut


def _without(
    data: dict[str, Any], lines: dict[Path_, int], cuts: set[Path_]
) -> tuple[dict[str, Any], dict[Path_, int], dict[Path_, Path_]]:
    """Data with the cut paths taken out, its lines renumbered to match, and where each was."""
    moved: dict[Path_, Path_] = {}
    kept = _rebuild(data, (), cuts, moved)
    renumbered, written_as = {}, {}
    for path, line in lines.items():
        new_path = _moved_path(path, moved, cuts)
        if new_path is not None:
            renumbered[new_path] = line
            written_as[new_path] = path
    return (kept if isinstance(kept, dict) else {}), renumbered, written_as


_GONE = object()


def _rebuild(value: Any, path: Path_, cuts: set[Path_], moved: dict[Path_, Path_]) -> Any:
    """A copy of a value without the cut paths; `moved` records where list items went."""
    if path in cuts:
        return _GONE
    if isinstance(value, dict):
        entries = {k: _rebuild(v, (*path, k), cuts, moved) for k, v in value.items()}
        return {k: v for k, v in entries.items() if v is not _GONE}
    if isinstance(value, list):
        items: list[Any] = []
        for index, item in enumerate(value):
            rebuilt = _rebuild(item, (*path, index), cuts, moved)
            if rebuilt is not _GONE:
                moved[(*path, index)] = (*path, len(items))
                items.append(rebuilt)
        return items
    return value


def _moved_path(path: Path_, moved: dict[Path_, Path_], cuts: set[Path_]) -> Path_ | None:
    """Where a path is after the cuts (list items move up), or None if it was cut."""
    new_path: Path_ = ()
    for depth in range(len(path)):
        prefix = path[: depth + 1]
        if prefix in cuts:
            return None
        part = moved[prefix][-1] if prefix in moved else path[depth]
        new_path = (*new_path, part)
    return new_path
