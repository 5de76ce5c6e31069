"""/admin/: its form comes from the models, field for field, and says what check says."""

from __future__ import annotations

import json
import re
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest
import yaml
from lxml import html
from pydantic import BaseModel, ValidationError

from bulletin.cms.config import cms_config, new_issue_start, walks
from bulletin.cms.widgets import UnknownField, Walk, model_fields
from bulletin.commands.new import new_issue
from bulletin.content import fields
from bulletin.content.form import ISSUE, KEYS, Say
from bulletin.content.frontmatter import load_yaml_mapping, split_front_matter
from bulletin.content.schema import FrontMatter, SiteConfig
from bulletin.errors import Problems
from tests.conftest import REPO, TODAY, run
from tests.integration.helpers import html_pages


def _models_inside(annotation: Any) -> list[tuple[type[BaseModel], bool]]:
    """The models a field's type holds, and whether each is keyed by a name (a map).

    A type with a Shape (a phone number) is one field in the form, whatever it holds.
    """
    origin = get_origin(annotation)
    if any(isinstance(m, fields.Shape) for m in getattr(annotation, "__metadata__", ())):
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, False)]
    if origin is dict:
        return [(model, True) for model, _ in _models_inside(get_args(annotation)[1])]
    if origin in (list, Union, types.UnionType) or hasattr(annotation, "__metadata__"):
        return [found for arg in get_args(annotation) for found in _models_inside(arg)]
    return []


def model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of a model and of the models inside it, as dotted paths."""
    paths = set()
    for name, info in model.model_fields.items():
        path = prefix + name
        paths.add(path)
        if any(isinstance(m, fields.Shape) for m in info.metadata):
            continue  # one field in the form, whatever it holds
        for inner, keyed in _models_inside(info.annotation):
            if keyed:
                paths.add(f"{path}.{KEYS[path]}")
            paths |= model_paths(inner, path + ".")
    return paths


def form_paths(form: list[dict[str, Any]], prefix: str = "") -> set[str]:
    """Every field of a form, as dotted paths."""
    paths = set()
    for field in form:
        path = prefix + field["name"]
        paths.add(path)
        paths |= form_paths(field.get("fields", []), path + ".")
    return paths


@pytest.fixture
def example_walks() -> tuple[Walk, Walk, dict[str, Any]]:
    config = SiteConfig.model_validate(yaml.safe_load((REPO / "content/site.yaml").read_text()))
    issue_walk, site_walk = walks(config)
    cms = cms_config(config, issue_walk, site_walk, ({}, ""))
    return issue_walk, site_walk, cms


def test_every_field_of_the_models_has_a_form_field(example_walks: Any) -> None:
    _, _, cms = example_walks
    issues, settings = cms["collections"]
    assert model_paths(FrontMatter) | {"body"} == form_paths(issues["fields"])
    assert model_paths(SiteConfig) <= form_paths(settings["files"][0]["fields"])


def test_a_new_field_of_a_type_the_form_cannot_show_fails_loudly() -> None:
    class Extended(FrontMatter):
        status: set[str] | None = None

    walk = Walk(ISSUE | {"status": Say("Status")}, "Europe/London", {})
    with pytest.raises(UnknownField, match=r"status: no form widget"):
        model_fields(Extended, walk)


def test_a_new_field_without_a_label_and_hint_fails_loudly() -> None:
    class Extended(FrontMatter):
        course_list: list[fields.Text] | None = None

    with pytest.raises(UnknownField, match=r"course_list has no label in bulletin/content/form.py"):
        model_fields(Extended, Walk(ISSUE, "Europe/London", {}))
    assert (
        model_fields(Extended, Walk(ISSUE | {"course_list": Say("Courses")}, "UTC", {}))[-1][
            "widget"
        ]
        == "list"
    )


def _issue_field(cms: dict[str, Any], *path: str) -> dict[str, Any]:
    form = cms["collections"][0]["fields"]
    for name in path:
        field = next(f for f in form if f["name"] == name)
        form = field.get("fields", [])
    return field


def test_widgets_required_fields_and_hints_follow_the_models(example_walks: Any) -> None:
    _, _, cms = example_walks
    assert _issue_field(cms, "title") | {"hint": ""} == {
        "name": "title",
        "label": "Title",
        "widget": "string",
        "required": True,
        "hint": "",
        # a title is one line, in the form as in the build
        "pattern": ["^(?:[^\\r\\n]*)$", "This is on more than one line; write it on one line."],
    }
    assert _issue_field(cms, "date")["format"] == "YYYY-MM-DD"
    start = _issue_field(cms, "events", "start")
    assert start["format"] == "YYYY-MM-DDTHH:mm" and start["required"] is True
    assert "Europe/London" in start["hint"]
    assert _issue_field(cms, "season")["options"] == ["spring", "summer", "autumn", "winter"]
    assert "conference" in _issue_field(cms, "events", "kind")["options"]
    assert _issue_field(cms, "draft")["widget"] == "boolean"
    contacts = _issue_field(cms, "contacts")
    assert contacts["widget"] == "select" and contacts["multiple"] is True
    assert {o["value"] for o in contacts["options"]} == {
        "partnership",
        "training",
        "lado",
        "referrals",
        "cdop",
    }
    assert _issue_field(cms, "cover", "src")["widget"] == "image"
    assert _issue_field(cms, "news", "id")["pattern"][1] == (
        "This can only use lower-case letters, digits and single hyphens."
    )
    assert _issue_field(cms, "news", "actions", "phone")["pattern"][1].startswith(
        "This is not a phone number"
    )


def _lists_of_items(form: list[dict[str, Any]], prefix: str = "") -> dict[str, Any]:
    """Every list of groups or of checked values in a form, by path, with its default."""
    found = {}
    for field in form:
        path = prefix + field["name"]
        if field["widget"] == "list" and ("fields" in field or "field" in field):
            found[path] = field.get("default")
        found |= _lists_of_items(field.get("fields", []), path + ".")
    return found


def test_a_new_issue_holds_no_list_item_the_editor_did_not_start(example_walks: Any) -> None:
    """Decap CMS starts a list that has no default with one item made of its items' defaults
    (a course holding only `new: false`), which then fails as a required field left empty."""
    _, _, cms = example_walks
    issues, settings = cms["collections"]
    lists = _lists_of_items(issues["fields"]) | _lists_of_items(settings["files"][0]["fields"])
    assert {"courses", "events", "news", "news.actions", "contributions.contact.phone"} <= set(
        lists
    )
    assert {path: default for path, default in lists.items() if default != []} == {}


SAMPLES = {
    fields.EMAIL: ["a@b.org", "mailto:team@northbrook.example", "a@b", "two@@x.org", "a b@c.org"],
    fields.PHONE: ["020 7946 0123", "+44 (0)20 7946 0123", "tel:999999", "12345", "020-x"],
    fields.WEB_URL: ["https://x.org/a?b", "http://x", "www.x.org", "ftp://x.org", "https:// x"],
    fields.SLUG: ["summer-2026", "a1", "Summer", "a--b", "-a", "a_b"],
    fields.COLOUR: ["#1d4f91", "#abc", "1d4f91", "#abcd", "#GGGGGG"],
}
CHECKS = {
    fields.EMAIL: fields.Email,
    fields.PHONE: fields.Phone,
    fields.WEB_URL: fields.WebUrl,
    fields.SLUG: fields.Slug,
    fields.COLOUR: fields.Colour,
}


@pytest.mark.parametrize("shape", list(SAMPLES), ids=lambda shape: shape.kind)
def test_the_forms_patterns_accept_exactly_what_the_build_accepts(shape: fields.Shape) -> None:
    from pydantic import TypeAdapter

    adapter: TypeAdapter[str] = TypeAdapter(CHECKS[shape])
    for value in SAMPLES[shape]:
        try:
            adapter.validate_python(value)
            accepted = True
        except ValidationError as err:
            accepted = False
            message = str(err.errors()[0]["msg"])
            assert shape in (fields.WEB_URL, fields.PHONE) or (shape.advice or "?") in message
        fits = bool(re.fullmatch(f"^(?:{shape.pattern})$", value))
        if shape is fields.PHONE:  # the build knows each region's numbers; the form only shapes
            assert fits or not accepted, value
        else:
            assert fits == accepted, value


def test_a_new_issue_in_the_form_starts_as_bulletin_new_starts_one(
    example_site: Path, tmp_path: Path
) -> None:
    latest = example_site / "content/issues/2026-autumn.md"
    defaults, body = new_issue_start(example_site, TODAY, latest)
    written = new_issue(example_site, "", TODAY, slug="from-new").read_text()
    front, text, _ = split_front_matter(written, "new", Problems()) or ("", "", 0)
    loaded = load_yaml_mapping(front, "new", 2, Problems(), "front matter")
    assert loaded is not None
    expected = {k: v for k, v in loaded[0].items() if k not in ("title", "date")}
    # The one difference: the form numbers from the latest published issue (9), while
    # `bulletin new` also counts the example's unpublished draft (number 10).
    assert (defaults.pop("number"), expected.pop("number")) == (10, 11)
    assert json.loads(json.dumps(defaults)) == json.loads(json.dumps(expected, default=str))
    assert defaults["draft"] is True
    assert [e["title"] for e in defaults["events"]] == [
        "Working together and safer settings",
        "Partnership open afternoon",
        "Harm between children",
    ]
    assert body == text.lstrip("\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("admin") / "_site"
    result = run("build", "--site", REPO, "--output", output, "--no-cache")
    assert result.exit_code == 0, result.output
    return output


def test_the_example_opts_in_and_its_editor_is_for_editors_only(built: Path) -> None:
    page = html.fromstring((built / "admin" / "index.html").read_bytes())
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "connect-src 'self' blob: https://api.github.com;" in csp
    assert "default-src 'none'" in csp and "127.0.0.1" not in csp
    scripts = page.xpath("//script/@src")
    assert scripts == ["js-yaml/js-yaml.min.js", "bulletin-admin.js", "decap-cms/decap-cms.js"]
    assert all((built / "admin" / src).is_file() for src in scripts)
    assert "admin" not in (built / "sitemap.xml").read_text()
    assert "admin" not in (built / "feed.xml").read_text()
    assert not any("admin" in p.parts for p in html_pages(built))
    config = yaml.safe_load((built / "admin" / "config.yml").read_text())
    assert config["backend"] == {
        "name": "github",
        "repo": "northbrook-scp/bulletin",
        "branch": "main",
        "squash_merges": True,
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
    spec = json.loads(page.xpath("//script[@id='bulletin-form']/text()")[0])
    assert spec["formats"]["bulletin-frontmatter"]["keyed"] == {"news": "id"}
    assert spec["styles"][1].startswith("../static/css/bulletin.")


def test_a_site_without_admin_settings_has_no_editor(make_site: Any) -> None:
    site = make_site()
    result = run("build", "--site", site)
    assert result.exit_code == 0, result.output
    assert not (site / "_site" / "admin").exists()


def test_a_repository_that_is_not_owner_and_name_is_explained(make_site: Any) -> None:
    site = make_site()
    settings = site / "content" / "site.yaml"
    settings.write_text(settings.read_text() + "admin:\n  repo: bulletin\n")
    result = run("check", "--site", site)
    assert result.exit_code == 1
    assert (
        "content/site.yaml:" in result.output
        and 'admin.repo: "bulletin" is not a repository; write its owner and name, such as '
        "northbrook-scp/bulletin"
        in result.output
    )
