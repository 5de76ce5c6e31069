"""Issue 17, security and output: settings and content that must not reach readers as they are.

Each test builds a real site over a good published one, and shows the
editor's message (file, line, what to write) and that the old site is whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bulletin.outputs.email import absolute_urls
from tests.conftest import MINIMAL_ISSUE, MINIMAL_SITE_YAML, run, tree_digest

Site = Callable[..., Path]

BAD_SITE_ADDRESSES = [
    "https://bulletin.example/../../../../../../../../tmp/escape/",
    "https://bulletin.example/news/%2e%2e/%2e%2e/",
    "https://bulletin.example/?page=1",
    "https://bulletin.example/#top",
    'https://bulletin.example/"><script>alert(1)</script>/',
    "https://bulletin.example/a b/",
    "javascript:alert(1)",
    "https:///no-host/",
    "https://user:secret@bulletin.example/",
]


def published(site: Path) -> Path:
    """The site built once, cleanly: what a failed build must leave as it was."""
    output = site / "_site"
    result = run("build", "--site", site, "--output", output, "--no-cache")
    assert result.exit_code == 0, result.output
    return output


def refused(site: Path, *args: str) -> str:
    """Build again (expecting it to fail), and give what it printed."""
    result = run("build", "--site", site, "--output", site / "_site", *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.output


@pytest.mark.parametrize("address", BAD_SITE_ADDRESSES)
def test_base_url_in_site_yaml_is_a_plain_web_address(
    make_site: Site, tmp_path: Path, address: str
) -> None:
    site = make_site()
    output = published(site)
    before = tree_digest(output)
    yaml = MINIMAL_SITE_YAML.replace("base_url: https://example.org/", f"base_url: '{address}'")
    (site / "content/site.yaml").write_text(yaml)
    printed = refused(site)
    assert "content/site.yaml:3: base_url:" in printed
    assert "(write https://www.example.org/newsletter/)" in printed
    assert tree_digest(output) == before
    assert not (tmp_path / "tmp").exists() and not Path("/tmp/escape").exists()


@pytest.mark.parametrize("address", BAD_SITE_ADDRESSES)
def test_base_url_on_the_command_line_is_checked_the_same_way(
    make_site: Site, address: str
) -> None:
    site = make_site()
    output = published(site)
    before = tree_digest(output)
    printed = refused(site, "--base-url", address)
    assert "--base-url: " in printed and "(write https://www.example.org/newsletter/)" in printed
    assert tree_digest(output) == before


def test_a_site_under_a_plain_path_still_builds(make_site: Site) -> None:
    yaml = MINIMAL_SITE_YAML.replace("https://example.org/", "https://example.org/news_2026/v1.0")
    site = make_site({"content/site.yaml": yaml})
    output = published(site)
    assert (output / "issues/2022-summer/index.html").is_file()


CONTACT = """\
contacts:
  office:
    name: The office
    email: office@example.org
    {field}
"""


@pytest.mark.parametrize(
    ("field", "line"),
    [
        ('social: {mastodon: "javascript:alert(1)"}', 'social.mastodon: "javascript:alert(1)"'),
        ("social: {x: '@a\"><b'}", "social.x:"),
        ("web: javascript:alert(1)", 'web: "javascript:alert(1)" is a javascript: address'),
        ("form: 'https://ok.example/\"onmouseover=x'", "form:"),
        ("web: data:text/html,hi", "web: "),
    ],
)
def test_every_contact_link_goes_through_the_link_policy(
    make_site: Site, field: str, line: str
) -> None:
    yaml = MINIMAL_SITE_YAML.split("contacts:")[0] + CONTACT.format(field=field)
    site = make_site({"content/site.yaml": yaml})
    result = run("build", "--site", site, "--output", site / "_site")
    assert result.exit_code == 1, result.output
    assert f"content/site.yaml:12: contacts.office.{line}" in result.output
    assert not (site / "_site").exists()


ISSUE_WITH = """\
---
title: Summer 2022
date: 2022-07-20
summary: A test issue.
contacts: [office]
news:
  story:
    actions:
      - url: {action}
events:
  - title: Meet us
    start: 2022-09-19T12:00
    online: true
    booking: {booking}
---

## News

### Story

Text.
"""


def test_calls_to_action_and_bookings_go_through_the_link_policy(make_site: Site) -> None:
    issue = ISSUE_WITH.format(action="'javascript:alert(1)'", booking="'vbscript:x'")
    site = make_site({"content/issues/2022-summer.md": issue})
    printed = refused(site)
    assert 'issues/2022-summer.md:9: news.story.actions[0].url: "javascript:alert(1)"' in printed
    assert 'issues/2022-summer.md:14: events[0].booking: "vbscript:x" is a vbscript:' in printed


def test_good_social_handles_become_safe_links_in_every_edition(make_site: Site) -> None:
    field = "social: {mastodon: '@team@social.example', x: '@Team_1', bluesky: team.bsky.social}"
    yaml = MINIMAL_SITE_YAML.split("contacts:")[0] + CONTACT.format(field=field)
    issue = (
        "---\ntitle: S\ndate: 2022-07-20\nsummary: A.\ncontacts: [office]\n---\n\n## News\n\nHi.\n"
    )
    site = make_site({"content/site.yaml": yaml, "content/issues/2022-summer.md": issue})
    output = published(site)
    page = (output / "issues/2022-summer/index.html").read_text()
    email = (output / "issues/2022-summer/email.html").read_text()
    feed = json.loads((output / "feed.json").read_text())["items"][0]["content_html"]
    for html in (page, email, feed):
        assert 'href="https://social.example/@team"' in html
        assert "javascript:" not in html


def test_email_addresses_are_escaped_where_they_are_joined() -> None:
    html = '<a href="../b/?x=1&amp;y=2">b</a> <img src="pic.png">'
    made = absolute_urls(html, 'https://e.example/a"b/issues/x/')
    assert 'href="https://e.example/a&quot;b/issues/b/?x=1&amp;y=2"' in made
    assert 'src="https://e.example/a&quot;b/issues/x/pic.png"' in made


SVG = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>{}</svg>"
UNSAFE_PICTURES = {
    "script.svg": (SVG.format("<script>alert(1)</script>"), "has a <script> element"),
    "onload.svg": (
        "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        "has an event handler (onload=)",
    ),
    "html.svg": (SVG.format("<foreignObject><p>hi</p></foreignObject>"), "<foreignObject>"),
    "tracker.svg": (SVG.format("<image href='https://t.example/p.gif'/>"), "outside itself"),
    "link.svg": (SVG.format("<a xlink:href='javascript:alert(1)'><text>x</text></a>"), "refers"),
    "style.svg": (SVG.format("<style>@import url(https://t.example/a.css);</style>"), "<style>"),
    "set.svg": (SVG.format("<a><set attributeName='href' to='javascript:x'/></a>"), "changes"),
    "entity.svg": ("<!DOCTYPE svg [<!ENTITY a 'b'>]><svg/>", "declares entities"),
    "page.html": ("<script>alert(1)</script>", "is not a picture (PNG, JPEG"),
    "fake.png": ("<html><script>alert(1)</script></html>", "is not a PNG picture"),
    "notes.txt": ("just text", "is not a picture"),
}


@pytest.mark.parametrize("name", sorted(UNSAFE_PICTURES))
def test_only_pictures_that_only_draw_are_published(make_site: Site, name: str) -> None:
    site = make_site()
    output = published(site)
    before = tree_digest(output)
    text, reason = UNSAFE_PICTURES[name]
    (site / "content/images").mkdir()
    (site / "content/images" / name).write_text(text)
    printed = refused(site)
    assert f"content/images/{name}: " in printed and reason in printed
    assert "so it is not published" in printed
    assert tree_digest(output) == before


def test_safe_pictures_are_published_byte_for_byte(make_site: Site) -> None:
    drawing = SVG.format(
        "<defs><linearGradient id='g'/></defs><rect fill='url(#g)' width='4' height='4'/>"
        "<use href='#g'/><style>rect { fill: url(#g) }</style>"
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    site = make_site({"content/images/drawing.svg": drawing})
    (site / "content/images/photo.png").write_bytes(png)
    output = published(site)
    assert (output / "images/drawing.svg").read_text() == drawing
    assert (output / "images/photo.png").read_bytes() == png


RAW_PICTURES = """\
---
title: Summer 2022
date: 2022-07-20
summary: A test issue.
---

## Foreword

Welcome <img src="https://tracker.example/pixel.gif" alt="">.

<div><img src="images/missing.png" alt="A missing picture"></div>

<p><IMG SRC='images/here.png'></p>
"""


@pytest.mark.parametrize("raw_html", [False, True])
def test_raw_html_pictures_follow_the_rules_of_markdown_pictures(
    make_site: Site, raw_html: bool
) -> None:
    yaml = MINIMAL_SITE_YAML + ("allow_raw_html: true\n" if raw_html else "")
    site = make_site({"content/site.yaml": yaml, "content/issues/2022-summer.md": RAW_PICTURES})
    (site / "content/images").mkdir()
    (site / "content/images/here.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    printed = refused(site)
    issue = "content/issues/2022-summer.md"
    assert f"{issue}:9: https://tracker.example/pixel.gif is not in the content folder" in printed
    assert f"{issue}:11: the image images/missing.png does not exist" in printed
    assert f"{issue}:13: the image images/here.png has no description" in printed


def test_raw_html_pictures_are_published_at_the_site_root(make_site: Site) -> None:
    issue = RAW_PICTURES.split("Welcome")[0] + '<p><img src="images/here.png" alt="Here"></p>\n'
    site = make_site({"content/issues/2022-summer.md": issue})
    (site / "content/images").mkdir()
    (site / "content/images/here.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    output = published(site)
    page = (output / "issues/2022-summer/index.html").read_text()
    assert '<img src="../../images/here.png" alt="Here">' in page
    email = (output / "issues/2022-summer/email.html").read_text()
    assert 'src="https://example.org/images/here.png"' in email


RAW_LINKS = (
    RAW_PICTURES.split("Welcome")[0]
    + """Read [the plan](javascript:alert(1)) or
<a href="data:text/html,hi">the notes</a>.

<div><a href="/no-such-page/">the report</a></div>

<p>See <a href='2022-spring.md'>here</a> and <a href="2022-spring.md">the spring issue</a>.</p>
"""
)


@pytest.mark.parametrize("raw_html", [False, True])
def test_raw_html_links_follow_the_rules_of_markdown_links(make_site: Site, raw_html: bool) -> None:
    yaml = MINIMAL_SITE_YAML + ("allow_raw_html: true\n" if raw_html else "")
    site = make_site({"content/site.yaml": yaml, "content/issues/2022-summer.md": RAW_LINKS})
    printed = refused(site)
    issue = "content/issues/2022-summer.md"
    never = "address, which is never published; link to a web page (https://...)"
    assert f"{issue}:9: the link 'the plan' goes to a javascript: {never}" in printed
    assert f"{issue}:10: the link 'the notes' goes to a data: {never}" in printed
    assert f"{issue}:12: the link to /no-such-page/ starts with /" in printed
    assert f"{issue}:14: warning: the link text 'here' does not say where it goes" in printed


def test_raw_html_links_to_an_issue_file_lead_to_its_page(make_site: Site) -> None:
    issue = RAW_PICTURES.split("Welcome")[0] + '<p><a href="2022-summer.md">this issue</a></p>\n'
    site = make_site({"content/issues/2022-summer.md": issue})
    page = (published(site) / "issues/2022-summer/index.html").read_text()
    assert '<a href="../../issues/2022-summer/">this issue</a>' in page


def test_control_characters_pasted_from_a_word_processor_never_break_the_feeds(
    make_site: Site,
) -> None:
    import feedparser

    issue = issue_with("title: Summer\x0b2022", "Hello\x0bthere,\x0cfriends.\x01")
    site = make_site({"content/issues/2022-summer.md": issue})
    result = run("build", "--site", site, "--output", site / "_site")
    assert result.exit_code == 0, result.output
    for line in (2, 9):
        assert f"content/issues/2022-summer.md:{line}: warning: has an invisible control" in (
            result.output
        )
    atom = feedparser.parse((site / "_site/feed.xml").read_bytes())
    assert not atom.bozo, atom.get("bozo_exception")
    assert atom.entries[0].title == "Summer 2022"
    assert "Hello there, friends." in atom.entries[0].content[0].value
    strict = run("build", "--site", site, "--output", site / "_site", "--strict")
    assert strict.exit_code == 1


def issue_with(title: str, body: str) -> str:
    return f"---\n{title}\ndate: 2022-07-20\nsummary: A test issue.\n---\n\n## Foreword\n\n{body}\n"


COLLIDING = """\
---
title: Summer 2022
date: 2022-07-20
summary: A test issue.
contacts: [office]
events:
  - title: Skip
    id: main-content
    start: 2022-09-19T12:00
    online: true
---

## Main content

Text.

## News

### Main content

A story.

### Contact office

Another.

### News title

A third.
"""


def test_content_ids_never_take_the_themes_ids(make_site: Site) -> None:
    from lxml import html as lxml_html

    site = make_site({"content/issues/2022-summer.md": COLLIDING})
    output = published(site)
    page = lxml_html.fromstring((output / "issues/2022-summer/index.html").read_bytes())
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert page.xpath("//main/@id") == ["main-content"]
    assert page.xpath("//a[@class='skip-link']/@href") == ["#main-content"]


@pytest.mark.parametrize(
    "language", ["English (UK)", "en_GB", "en-GB-x-" + "a" * 300, "English", "e"]
)
def test_the_language_is_a_language_tag(make_site: Site, language: str) -> None:
    site = make_site({"content/site.yaml": MINIMAL_SITE_YAML + f"language: '{language}'\n"})
    printed = refused(site)
    assert "content/site.yaml:13: language: " in printed
    assert "is not a language tag; write one such as en-GB" in printed


@pytest.mark.parametrize("language", ["en", "en-GB", "cy", "pt-BR", "zh-Hant-TW", "es-419"])
def test_real_language_tags_are_accepted(make_site: Site, language: str) -> None:
    site = make_site({"content/site.yaml": MINIMAL_SITE_YAML + f"language: {language}\n"})
    result = run("check", "--site", site)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Autumn.MD", "content/issues/Autumn.MD: is not read as an issue: issue files end in .md"),
        ("autumn.md.txt", "content/issues/autumn.md.txt: is not read as an issue"),
        ("2026/autumn.md", "content/issues/2026/: is a folder inside content/issues/"),
        ("Issue #3.md", "content/issues/Issue #3.md: the file name 'Issue #3.md' cannot be"),
        ("%2e%2e.md", "content/issues/%2e%2e.md: the file name '%2e%2e.md' cannot be"),
        ("autumn 2026.md", "rename the file autumn-2026.md (or give the issue slug: autumn-2026)"),
    ],
)
def test_issue_files_are_never_skipped_or_misnamed_in_silence(
    make_site: Site, name: str, message: str
) -> None:
    site = make_site()
    output = published(site)
    before = tree_digest(output)
    path = site / "content/issues" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINIMAL_ISSUE.replace("Summer 2022", "Autumn 2022"))
    printed = refused(site)
    assert message in printed
    assert tree_digest(output) == before


def test_a_misnamed_file_with_its_own_slug_is_published_there(make_site: Site) -> None:
    issue = MINIMAL_ISSUE.replace("summary:", "slug: autumn-2026\nsummary:")
    site = make_site({"content/issues/Autumn 2026.md": issue, "content/issues/notes.txt": "x"})
    result = run("build", "--site", site, "--output", site / "_site")
    assert result.exit_code == 0, result.output
    assert "content/issues/notes.txt: warning: is not an issue file" in result.output
    sitemap = (site / "_site/sitemap.xml").read_text()
    assert "<loc>https://example.org/issues/autumn-2026/</loc>" in sitemap


@pytest.mark.parametrize("slug", ["../../../tmp/x", "a/b", "Autumn 2026", "x.md"])
def test_new_refuses_a_slug_that_is_not_a_plain_name(make_site: Site, slug: str) -> None:
    site = make_site()
    before = tree_digest(site)
    result = run("new", "Autumn 2026", "--site", site, "--slug", slug)
    assert result.exit_code == 1, result.output
    assert f'--slug: "{slug}" cannot be a file name and web address' in result.output
    assert tree_digest(site) == before


def test_content_ids_never_take_the_events_pages_year_headings(make_site: Site) -> None:
    """/events/ gives each year of past events the id past-<year>: an event or story of
    that title steps aside too, so a theme that shows their anchors there cannot clash."""
    from lxml import html as lxml_html

    issue = COLLIDING.replace("### News title", "### Past 2021").replace(
        "id: main-content", "id: past-2022"
    )
    site = make_site({"content/issues/2022-summer.md": issue})
    page = lxml_html.fromstring((published(site) / "issues/2022-summer/index.html").read_bytes())
    ids = page.xpath("//@id")
    assert "past-2021-2" in ids and "past-2022-2" in ids
    assert not [i for i in ids if i in ("past-2021", "past-2022")]
