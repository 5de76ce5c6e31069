"""Hostile content: nothing from front matter or Markdown can run in a reader's browser."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import feedparser
import icalendar
from lxml import html as lxml_html

from bulletin.content.markdown import MarkdownRenderer
from tests.conftest import run
from tests.integration.helpers import html_pages

Site = Callable[..., Path]
EVIL = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
#: The same words as a title or summary shows them: with curly quotes, as text in the body has.
TYPESET = MarkdownRenderer().typeset(EVIL)
SITE_YAML = """\
title: "T <script>alert(0)</script>"
organisation: "O\\"><svg onload=alert(3)>"
base_url: https://example.org/
contacts:
  office:
    name: "Office <b onmouseover=alert(4)>"
    email: office@example.org
"""


def hostile_issue() -> str:
    quoted = EVIL.replace('"', '\\"')
    return f"""---
title: "{quoted}"
date: 2022-07-20
summary: "{quoted}"
topics: ["{quoted}"]
foreword:
  author: "{quoted}"
  role: "{quoted}"
cover:
  src: images/cover.svg
  alt: "{quoted}"
events:
  - title: "{quoted}"
    start: 2022-09-19T12:00
    online: true
    organiser: "{quoted}"
    description: "{quoted}"
contacts: [office]
---

## Foreword

<script>alert(5)</script>
<a href="https://example.org/" onclick="alert(6)">a link</a>
<img src="images/cover.svg" alt="x" onerror="alert(7)">
<iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input></form>
<p style="background:url(https://tracker.example/pixel)">styled</p>
"""


def built_hostile_site(make_site: Site) -> Path:
    site = make_site(
        {
            "content/site.yaml": SITE_YAML,
            "content/issues/2022-summer.md": hostile_issue(),
            "content/images/cover.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        }
    )
    result = run("build", "--site", site)
    assert result.exit_code == 0, result.output
    return site / "_site"


def test_nothing_hostile_survives_in_any_page(make_site: Site) -> None:
    output = built_hostile_site(make_site)
    for path in html_pages(output):
        tree = lxml_html.fromstring(path.read_bytes())
        scripts = tree.xpath("//script[not(@type='application/ld+json')]")
        assert all(s.get("src") and "://" not in s.get("src") for s in scripts), path
        for data in tree.xpath("//script[@type='application/ld+json']/text()"):
            assert "<" not in data and json.loads(data)["@graph"], path
        assert tree.xpath("//iframe | //form | //object | //embed | //svg") == [], path
        handlers = tree.xpath("//@*[starts-with(name(), 'on')]")
        assert handlers == [], (path, handlers)
        urls = tree.xpath("//@href | //@src | //@action")
        assert not [u for u in urls if u.strip().lower().startswith(("javascript:", "data:"))]
        assert not tree.xpath("//@style[contains(., 'url(')]"), path


def test_links_to_scripts_are_refused_with_a_message(make_site: Site) -> None:
    issue = hostile_issue() + (
        '<a href="javascript:alert(6)">a link</a>\n'
        '<a href="data:text/html,<script>alert(8)</script>">data</a>\n'
    )
    site = make_site({"content/site.yaml": SITE_YAML, "content/issues/2022-summer.md": issue})
    (site / "content/images").mkdir()
    (site / "content/images/cover.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    result = run("build", "--site", site)
    assert result.exit_code == 1, result.output
    assert "2022-summer.md:28: the link 'a link' goes to a javascript: address" in result.output
    assert "2022-summer.md:29: the link 'data' goes to a data: address" in result.output
    assert not (site / "_site").exists()


def test_hostile_values_are_shown_as_text(make_site: Site) -> None:
    output = built_hostile_site(make_site)
    page = lxml_html.fromstring((output / "issues" / "2022-summer" / "index.html").read_bytes())
    assert TYPESET != EVIL and TYPESET.replace("\u201d\u2019", "\"'") == EVIL
    assert page.xpath("string(//h1)") == TYPESET
    data = json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["@graph"][0]["name"] == TYPESET
    assert data["@graph"][1]["name"] == TYPESET
    assert page.xpath("//meta[@name='description']/@content") == [TYPESET]
    assert page.xpath("//img[@class='cover']/@alt") == [EVIL]
    assert page.xpath("string(//*[@class='signature__name'])") == EVIL


def test_pages_carry_a_content_security_policy(make_site: Site) -> None:
    output = built_hostile_site(make_site)
    for path in html_pages(output):
        tree = lxml_html.fromstring(path.read_bytes())
        policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert policy, path
        directives = dict(d.strip().split(" ", 1) for d in policy[0].split(";") if d.strip())
        assert directives["default-src"] == "'self'"
        search = path.parent.name == "search"  # Pagefind compiles WebAssembly
        assert directives["script-src"] == ("'self' 'wasm-unsafe-eval'" if search else "'self'")
        assert directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy[0]


def test_raw_html_is_kept_only_when_the_site_opts_in(make_site: Site) -> None:
    site_yaml = "title: T\norganisation: O\nbase_url: https://e.org/\nallow_raw_html: true\n"
    issue = '---\ntitle: S\ndate: 2022-07-20\nsummary: S.\n---\n\n## News\n\n<div class="callout"><p>Hi</p></div>\n'
    site = make_site({"content/site.yaml": site_yaml, "content/issues/2022-summer.md": issue})
    result = run("check", "--site", site)
    assert (
        "content/site.yaml:4: warning: allow_raw_html: raw HTML in issues reaches readers "
        "unchecked; only turn this on if every editor is trusted"
    ) in result.output
    assert run("build", "--site", site).exit_code == 0
    page = (site / "_site" / "issues" / "2022-summer" / "index.html").read_text()
    assert '<div class="callout">' in page


def test_symlinks_leading_out_of_the_site_are_not_followed(make_site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the build machine's private key")
    site = make_site()
    issues = site / "content" / "issues"
    os.symlink(secret, issues / "stolen.md")
    (site / "content" / "images").mkdir()
    os.symlink(secret, site / "content" / "images" / "key.txt")
    (site / "static").mkdir()
    os.symlink(secret, site / "static" / "key.txt")
    result = run("build", "--site", site)
    assert result.exit_code == 0, result.output
    for name in ("content/issues/stolen.md", "content/images/key.txt", "static/key.txt"):
        assert (
            f"{name}: warning: is a link to a file outside its folder, so it is not published"
            in result.stderr
        )
    published = [p.read_bytes() for p in (site / "_site").rglob("*") if p.is_file()]
    assert not [data for data in published if b"private key" in data]


def test_hostile_values_stay_text_in_feeds_and_calendars(make_site: Site) -> None:
    output = built_hostile_site(make_site)
    atom = feedparser.parse((output / "feed.xml").read_bytes())
    assert not atom.bozo, atom.get("bozo_exception")
    assert atom.entries[0].title == TYPESET
    assert atom.entries[0].summary == TYPESET
    content = lxml_html.fromstring(f"<div>{atom.entries[0].content[0].value}</div>")
    assert content.xpath("//script | //iframe | //@*[starts-with(name(), 'on')]") == []
    data = json.loads((output / "feed.json").read_text())
    assert data["items"][0]["title"] == TYPESET
    assert "<script" not in data["items"][0]["content_html"]
    # The issue's own calendar: the site's holds only the past year's events.
    issue_calendar = output / "issues" / "2022-summer" / "events.ics"
    calendar = icalendar.Calendar.from_ical(issue_calendar.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == TYPESET
    assert EVIL in str(event["description"])
