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


def test_the_typeface_is_the_themes_unless_the_site_says_system(
    make_site: Callable[..., Path],
) -> None:
    """The theme's fonts are preloaded and named first; `typeface: system` downloads none."""
    from tests.conftest import MINIMAL_SITE_YAML

    own = make_site()
    assert run("build", "--site", own).exit_code == 0
    home = page(own / "_site", "index.html")
    assert home.xpath("//link[@rel='preload'][@as='font']/@href") == [
        "./static/fonts/atkinson-hyperlegible-next-latin-400-normal.woff2"
    ]
    colours = next((own / "_site" / "static" / "css").glob("colours.*.css")).read_text()
    assert '--font:"Atkinson Hyperlegible Next", system-ui' in colours
    plain = make_site({"content/site.yaml": MINIMAL_SITE_YAML + "typeface: system\n"})
    assert run("build", "--site", plain).exit_code == 0
    assert page(plain / "_site", "index.html").xpath("//link[@rel='preload']") == []
    colours = next((plain / "_site" / "static" / "css").glob("colours.*.css")).read_text()
    assert "--font:system-ui" in colours and "Atkinson" not in colours


def test_the_home_page_offers_every_way_to_get_the_bulletin(
    make_site: Callable[..., Path],
) -> None:
    from tests.conftest import MINIMAL_SITE_YAML

    signup = "https://lists.example.org/bulletin"
    site = make_site({"content/site.yaml": MINIMAL_SITE_YAML + f"signup: {signup}\n"})
    assert run("build", "--site", site).exit_code == 0
    panel = page(site / "_site", "index.html").xpath("//section[@class='get-bulletin']")[0]
    assert panel.xpath(".//a/@href")[:2] == [signup, "./feed.xml"]
    assert panel.xpath(".//a/@href")[2].startswith("webcal://")


def test_the_sites_colours_reach_the_email_edition(make_site: Callable[..., Path]) -> None:
    from tests.conftest import MINIMAL_SITE_YAML

    colours = 'colours:\n  brand: "#5c2d91"\n  accent: "#8a3b12"\n'
    site = make_site({"content/site.yaml": MINIMAL_SITE_YAML + colours})
    assert run("build", "--site", site).exit_code == 0
    email = page(site / "_site", email_path(site))
    container = email.xpath("//table[@class='container']")[0]
    assert container.get("style").endswith("border-top-color: #5c2d91;")  # the later rule wins
    title = email.xpath("//p[@class='masthead__title']")[0]
    assert "color: #5c2d91" in title.get("style")


def email_path(site: Path) -> str:
    found = next((site / "_site" / "issues").glob("*/email.html"))
    return found.relative_to(site / "_site").as_posix()
