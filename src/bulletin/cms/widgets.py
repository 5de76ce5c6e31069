"""CMS: one form field for each field of a model, found by walking its type.

Nothing here names a field of the newsletter: the widget follows from the
type (text, date, date and time, true or false, a choice, a list, a group),
the pattern and its message from the type's `Shape` in `content/fields.py`,
the label and hint from `content/form.py`. A type this module does not know
is an error, so a new field can never be silently left out of the form.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from bulletin.content.fields import OneOrMany, Shape
from bulletin.content.form import BARE_GROUPS, BARE_ITEMS, KEYS, Say, describe

Field = dict[str, Any]

#: Stored as the build reads them: dates alone, and times without a zone (the site's).
DAY_FORMAT = "YYYY-MM-DD"
WHEN_FORMAT = "YYYY-MM-DDTHH:mm"


class UnknownField(Exception):
    """A model field whose type has no form widget yet: give it one in this module."""


@dataclass(frozen=True)
class Walk:
    """What the walk carries down: the labels and hints, and what the site knows."""

    table: dict[str, Say]
    zone: str
    contacts: dict[str, str]  # the directory's keys, with the names shown for them
    # How files differ from what the form holds, by path (for the editor's file format):
    keyed: dict[str, str] = field(default_factory=dict)  # a map the form shows as a list
    listed: list[str] = field(default_factory=list)  # one value may be written without a list
    bare: dict[str, str] = field(default_factory=dict)  # a list item may be this field alone
    alone: dict[str, str] = field(default_factory=dict)  # a group may be this field alone
    # Optional groups, whose required fields the form asks for only once the group is begun:
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)  # each group's fields, in order

    def say(self, path: str) -> Say:
        """A field's label and hint; a field without them is an error."""
        found = describe(self.table, path)
        if found is None:
            raise UnknownField(f"{path} has no label in bulletin/content/form.py")
        return found


def model_fields(model: type[BaseModel], walk: Walk, prefix: str = "") -> list[Field]:
    """The form fields of every field of a model, in the model's order."""
    walk.order.setdefault(prefix.removesuffix("."), []).extend(model.model_fields)
    return [
        model_field(name, info, walk, f"{prefix}{name}")
        for name, info in model.model_fields.items()
    ]


def model_field(name: str, info: FieldInfo, walk: Walk, path: str) -> Field:
    """One model field as a form field: widget, label, hint, required, default."""
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    say = walk.say(path)
    if OneOrMany in info.metadata:
        walk.listed.append(path)
    if path in BARE_ITEMS:
        walk.bare[path] = BARE_ITEMS[path]
    if path in BARE_GROUPS:
        walk.alone[path] = BARE_GROUPS[path]
    made: Field = {"name": name, "label": say.label}
    made |= widget_for(annotation, say, walk, path)
    if say.hint:
        made["hint"] = say.hint.replace("{zone}", walk.zone)
    made["required"] = info.is_required()
    if made["widget"] == "object" and not made["required"]:
        _optional_group(made, walk, path)
    if made["widget"] == "list" and ("fields" in made or "field" in made):
        # Without a default, Decap starts a new issue with one item made of the items' own
        # defaults (a course holding only `new: false`), which then lacks its required title.
        made["default"] = []
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    if default not in (None, [], {}) and not isinstance(default, BaseModel):
        made.setdefault("default", default)
    return made


def _optional_group(group: Field, walk: Walk, path: str) -> None:
    """A group that may be left out: the form cannot say "required once begun", the page can."""
    needed = {}
    for child in group["fields"]:
        if child.get("required"):
            needed[child["name"]] = child["label"]
            child["required"] = False
    if needed:
        walk.groups[path] = {"label": group["label"], "fields": needed}
    group["collapsed"] = True


def widget_for(annotation: Any, say: Say, walk: Walk, path: str) -> Field:
    """The widget and its settings for a type; raise UnknownField for a type it cannot show."""
    if say.widget is not None:
        return _chosen(say.widget, walk)
    base, extras = _unwrap(annotation)
    shape = next((m for m in extras if isinstance(m, Shape)), None)
    if shape is not None:
        return _shaped(shape)
    if base in _SIMPLE:
        return _SIMPLE[base](extras)
    if get_origin(base) is Literal:
        return {"widget": "select", "options": list(get_args(base))}
    if isinstance(base, type) and issubclass(base, BaseModel):
        fields = model_fields(base, walk, path + ".")
        return {"widget": "object", "collapsed": False, "fields": fields}
    if get_origin(base) is list:
        return _list_of(get_args(base)[0], walk, path)
    if get_origin(base) is dict:
        key, value = get_args(base)
        return _map_of(key, value, walk, path)
    raise UnknownField(f"{path}: no form widget for {annotation!r} in bulletin/cms/widgets.py")


def _chosen(widget: str, walk: Walk) -> Field:
    """A widget that form.py names, where the type alone would not choose it."""
    if widget == "contact-keys":
        return _contact_keys(walk)
    if widget == "image":  # into content/images, from this computer, never from elsewhere
        return {"widget": "image", "choose_url": False}
    if widget == "markdown":  # raw: the rich-text mode rewrites Markdown it does not know
        return {"widget": "markdown", "modes": ["raw"]}
    return {"widget": widget}


def _number(extras: list[Any]) -> Field:
    field: Field = {"widget": "number", "value_type": "int"}
    for item in extras:
        if isinstance(item, annotated_types.Ge):
            field["min"] = item.ge
        if isinstance(item, annotated_types.Le):
            field["max"] = item.le
    return field


_SIMPLE: dict[Any, Callable[[list[Any]], Field]] = {
    str: lambda extras: {"widget": "string"},
    bool: lambda extras: {"widget": "boolean"},
    int: _number,
}


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside Optional and Annotated, with the metadata found on the way."""
    extras: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType) and type(None) in get_args(annotation):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else Union[tuple(options)]  # noqa: UP007
        elif origin is Annotated:
            annotation, *more = get_args(annotation)
            for item in more:
                extras += item.metadata if isinstance(item, FieldInfo) else [item]
        else:
            return annotation, extras


def _shaped(shape: Shape) -> Field:
    """Text, dates and addresses: the widget for the kind, the build's pattern and words."""
    if shape.kind == "day":
        return {
            "widget": "datetime",
            "format": DAY_FORMAT,
            "date_format": DAY_FORMAT,
            "time_format": False,
        }
    if shape.kind == "when":
        return {
            "widget": "datetime",
            "format": WHEN_FORMAT,
            "date_format": DAY_FORMAT,
            "time_format": "HH:mm",
        }
    field: Field = {"widget": "color" if shape.kind == "colour" else "string"}
    if shape.pattern and shape.advice:
        field["pattern"] = [f"^(?:{shape.pattern})$", f"This {shape.advice}."]
    return field


def _list_of(item: Any, walk: Walk, path: str) -> Field:
    """A list: of groups of fields, of checked values, or of plain words."""
    base, extras = _unwrap(item)
    if isinstance(base, type) and issubclass(base, BaseModel):
        fields = model_fields(base, walk, path + ".")
        return {"widget": "list", "collapsed": False, "fields": fields}
    shape = next((m for m in extras if isinstance(m, Shape)), None)
    if base is str and shape is not None and shape.pattern:
        single = {"name": path.rsplit(".", 1)[-1], "label": walk.say(path).label}
        return {"widget": "list", "field": single | _shaped(shape)}
    if base is str:
        return {"widget": "list"}
    if get_origin(base) is Literal:
        return {"widget": "select", "multiple": True, "options": list(get_args(base))}
    raise UnknownField(f"{path}: no form widget for a list of {item!r} in bulletin/cms/widgets.py")


def _map_of(key: Any, value: Any, walk: Walk, path: str) -> Field:
    """A map keyed by names the editor chooses becomes a list, each item with its key."""
    key_base, _ = _unwrap(key)
    value_base, _ = _unwrap(value)
    if get_origin(key_base) is Literal and value_base is str:
        names = get_args(key_base)
        fields = [
            {"name": n, "label": n.title(), "widget": "string", "required": False} for n in names
        ]
        return {"widget": "object", "collapsed": True, "fields": fields}
    key_name = KEYS.get(path)
    if key_name and isinstance(value_base, type) and issubclass(value_base, BaseModel):
        walk.keyed[path] = key_name
        walk.order[path] = [key_name]
        key_say = walk.say(f"{path}.{key_name}")
        key_field: Field = {"name": key_name, "label": key_say.label, "hint": key_say.hint}
        key_field |= widget_for(key, Say(key_say.label), walk, f"{path}.{key_name}")
        key_field["required"] = True
        fields = [key_field, *model_fields(value_base, walk, path + ".")]
        return {"widget": "list", "collapsed": True, "fields": fields}
    raise UnknownField(f"{path}: no form widget for a map of {value!r} in bulletin/cms/widgets.py")


def _contact_keys(walk: Walk) -> Field:
    """The contacts an issue shows: chosen from the directory, so none can be misspelt."""
    options = [{"label": f"{name} ({key})", "value": key} for key, name in walk.contacts.items()]
    if not options:
        return {"widget": "list"}
    return {"widget": "select", "multiple": True, "options": options}
