"""Validate: turn pydantic's errors into messages an editor can act on.

pydantic locates each error by a path of keys and list indexes; the YAML
reader recorded the line of every such path, so each message names the line.
Messages for unknown keys suggest the closest known one.
"""

from __future__ import annotations

import difflib
import types
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from bulletin.content.examples import EXAMPLES
from bulletin.content.fields import ERROR_TYPE
from bulletin.content.frontmatter import Path_, dotted_path
from bulletin.errors import Problems

M = TypeVar("M", bound=BaseModel)


def validate_model(
    model: type[M],
    data: dict[str, Any],
    line_of: Any,
    display: str,
    problems: Problems,
    context: dict[str, Any] | None = None,
) -> M | None:
    """Validate data against a model; on failure record every problem and return None."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as err:
        report_errors(model, err, line_of, display, problems)
        return None


def report_errors(
    model: type[BaseModel], err: ValidationError, line_of: Any, display: str, problems: Problems
) -> None:
    """Record every error of a failed validation, each on its own line."""
    for error in err.errors(include_url=False):
        loc: Path_ = tuple(error["loc"])
        message = explain(model, error)
        problems.add(display, line_of(loc), message, dotted_path(_field_path(loc, error)))


def _field_path(loc: Path_, error: Any) -> Path_:
    """Where the message belongs: an unknown key's message belongs to its parent."""
    return loc[:-1] if error["type"] == "extra_forbidden" else loc


def explain(model: type[BaseModel], error: Any) -> str:
    """One pydantic error, in plain words."""
    kind: str = error["type"]
    loc: Path_ = tuple(error["loc"])
    value = error.get("input")
    if kind == ERROR_TYPE:
        return str(error["msg"])
    if kind == "missing":
        return _missing(loc)
    if kind == "extra_forbidden":
        return _unknown(model, loc)
    if kind == "literal_error":
        return _not_one_of(value, error["ctx"]["expected"])
    if kind == "value_error":
        return str(error["ctx"]["error"])
    simple = _SIMPLE.get(kind)
    if simple:
        return simple.format(value=_short(value))
    return str(error["msg"])


_SIMPLE = {
    "string_type": "should be text",
    "int_type": "{value} should be a whole number",
    "int_parsing": "{value} is not a whole number",
    "int_from_float": "{value} should be a whole number",
    "bool_type": "should be true or false, not {value}",
    "bool_parsing": "should be true or false, not {value}",
    "list_type": "should be a list, with one '- item' on each line",
    "dict_type": "should be a group of 'name: value' lines, indented under it",
    "model_type": "should be a group of 'name: value' lines, indented under it",
    "model_attributes_type": "should be a group of 'name: value' lines, indented under it",
    "greater_than_equal": "{value} is too small",
    "less_than_equal": "{value} is too large",
}


def _short(value: Any) -> str:
    text = str(value)
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


def _missing(loc: Path_) -> str:
    path = ".".join(str(part) for part in loc if isinstance(part, str))
    example = EXAMPLES.get(path) or EXAMPLES.get(str(loc[-1]))
    return f"is missing; add a line such as {example!r}" if example else "is missing"


def _unknown(model: type[BaseModel], loc: Path_) -> str:
    key = str(loc[-1])
    known = _known_fields(model, loc[:-1])
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    listing = ", ".join(known)
    return f'unknown field "{key}"{hint}; the fields here are: {listing}'


def _not_one_of(value: Any, expected: str) -> str:
    options = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
    options = [o for o in options if o]
    close = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return f"{_short(value)} is not one of: {', '.join(options)}{hint}"


def _known_fields(model: type[BaseModel], path: Path_) -> list[str]:
    """The field names of the model found at a path, by following annotations."""
    annotation = annotation_at(model, path)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def annotation_at(model: type[BaseModel], path: Path_) -> Any:
    """The type a path of keys and indexes leads to, without Optional or Annotated around it."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
    return _unwrap(annotation)


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    args = get_args(annotation)
    return args[-1] if args else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, Annotated and list/dict wrappers down to the model inside."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0] if options else None
        elif origin is not None and hasattr(annotation, "__metadata__"):
            annotation = get_args(annotation)[0]
        else:
            return annotation
