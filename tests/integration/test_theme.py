"""A site's own templates and static files override the packaged theme, file by file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run
from tests.integration.helpers import page


def test_a_site_template_overrides_one_theme_template(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "templates/404.html": (
                '{% extends "base.html" %}{% block main %}<h1>Lost?</h1>{% endblock %}'
            )
        }
    )
    assert run("build", "--site", site).exit_code == 0
    assert page(site / "_site", "404.html").xpath("string(//h1)") == "Lost?"
    # Every other page still comes from the packaged theme.
    assert page(site / "_site", "index.html").xpath("//main//h1/text()") == ["Test Bulletin"]


def test_a_site_stylesheet_overrides_the_theme_and_gets_a_new_hash(
    make_site: Callable[..., Path],
) -> None:
    plain = make_site()
    assert run("build", "--site", plain).exit_code == 0
    before = page(plain / "_site", "index.html").xpath("//link[@rel='stylesheet']/@href")
    custom = make_site({"static/css/bulletin.css": "body { color: #000; }\n"})
    assert run("build", "--site", custom).exit_code == 0
    after = page(custom / "_site", "index.html").xpath("//link[@rel='stylesheet']/@href")
    assert before[1] != after[1]
    assert (custom / "_site" / after[1]).read_text() == "body { color: #000; }\n"


def test_site_colours_reach_the_stylesheet(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "content/site.yaml": (
                "title: T\norganisation: O\nbase_url: https://e.org/\n"
                "colours:\n  brand: '#00703c'\n"
            )
        }
    )
    assert run("build", "--site", site).exit_code == 0
    colours = page(site / "_site", "index.html").xpath("//link[@rel='stylesheet']/@href")[0]
    assert "--brand:#00703c" in (site / "_site" / colours).read_text()
