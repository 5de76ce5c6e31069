"""bulletin check: everything the build checks, and more, with nothing written."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_SITE_YAML, run

Site = Callable[..., Path]
ISSUE = "content/issues/2022-summer.md"


def issue(front: str = "", body: str = "## News\n\nHello.\n") -> dict[str, str]:
    base = "title: Summer 2022\ndate: 2022-07-20\nsummary: A test issue.\n"
    return {ISSUE: f"---\n{base}{front}---\n\n{body}"}


def test_the_example_site_has_no_problems_and_nothing_is_written(example_site: Path) -> None:
    result = run("check", "--site", example_site)
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found in 4 issue files (3 published, 1 draft).\n"
    assert not (example_site / "_site").exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "## News\n\nSee [the plan](#).\n",
            f"{ISSUE}:9: the link 'the plan' has a placeholder address (#); write the real address",
        ),
        (
            "## News\n\nSee [the plan]().\n",
            f"{ISSUE}:9: the link 'the plan' has a placeholder address (empty); write the real address",
        ),
        (
            "## News\n\nSee [the plan](TODO).\n",
            f"{ISSUE}:9: the link 'the plan' has a placeholder address (TODO); write the real address",
        ),
        (
            "## News\n\nSee [the report](#nowhere).\n",
            f"{ISSUE}:9: the link to #nowhere goes to #nowhere, which is not on that page",
        ),
        (
            "## News\n\nSee [spring](2022-spring.md).\n",
            f"{ISSUE}:9: the link to 2022-spring.md goes nowhere: there is no such page or file",
        ),
        (
            "## News\n\nSee [spring](/issues/x/).\n",
            f"{ISSUE}:9: the link to /issues/x/ starts with /, which breaks when the site lives under a sub-path; link to the issue's file instead, such as 2022-spring.md",
        ),
        (
            "## News\n\n#### Deep\n",
            f"{ISSUE}:9: '#### Deep' skips a heading level (it follows a level-2 heading); use ### instead",
        ),
    ],
)
def test_link_and_heading_errors(make_site: Site, body: str, expected: str) -> None:
    result = run("check", "--site", make_site(issue(body=body)))
    assert result.exit_code == 1
    assert expected in result.output.splitlines()


def test_links_to_other_issues_and_their_sections_are_followed(make_site: Site) -> None:
    other = "content/issues/2022-spring.md"
    spring = "---\ntitle: Spring\ndate: 2022-04-01\nsummary: S.\n---\n\n## News\n\nHi.\n"
    good = make_site(
        issue(body="## News\n\nSee [spring](2022-spring.md#news).\n") | {other: spring}
    )
    assert run("check", "--site", good).exit_code == 0
    bad = make_site(
        issue(body="## News\n\nSee [spring](2022-spring.md#focus).\n") | {other: spring}
    )
    result = run("check", "--site", bad)
    assert (
        f"{ISSUE}:9: the link to 2022-spring.md#focus goes to #focus, which is not on that page"
        in result.output
    )


def test_a_link_to_a_draft_is_an_error(make_site: Site) -> None:
    draft = "---\ntitle: Next\ndate: 2022-10-01\nsummary: S.\ndraft: true\n---\n\n## News\n\nHi.\n"
    site = make_site(
        issue(body="## News\n\nSee [next](2022-autumn.md).\n")
        | {"content/issues/2022-autumn.md": draft}
    )
    result = run("check", "--site", site)
    assert (
        f"{ISSUE}:9: the link to 2022-autumn.md goes to an issue that is not published (a draft)"
        in result.output
    )
    assert run("check", "--site", site, "--drafts").exit_code == 0


def test_vague_link_text_is_a_warning_and_strict_makes_it_an_error(make_site: Site) -> None:
    site = make_site(
        issue(body="## News\n\nFor the plan, [click here](https://example.org/plan).\n")
    )
    result = run("check", "--site", site)
    assert result.exit_code == 0
    expected = f"{ISSUE}:9: warning: the link text 'click here' does not say where it goes; use words that do, such as 'the training programme'"
    assert expected in result.output
    assert result.output.endswith("0 errors and 1 warning in 1 file; checked 1 issue.\n")
    strict = run("check", "--site", site, "--strict")
    assert strict.exit_code == 1
    assert expected.replace("warning: ", "") in strict.output


def test_an_event_before_its_issue_is_a_warning(make_site: Site) -> None:
    events = "events:\n  - title: Seminar\n    start: 2021-09-19T12:00\n    online: true\n"
    result = run("check", "--site", make_site(issue(events)))
    assert (
        f"{ISSUE}:7: warning: events[0].start: starts on 2021-09-19, before this issue's date (2022-07-20); check the date, or remove the event"
        in result.output
    )


def test_a_contact_past_its_review_date_is_a_warning(make_site: Site) -> None:
    site_yaml = (
        "title: T\norganisation: O\nbase_url: https://e.org/\ncontacts:\n  lado:\n"
        "    name: LADO\n    phone: 020 7946 0350\n    review_by: 2020-01-31\n"
    )
    site = make_site({"content/site.yaml": site_yaml})
    result = run("check", "--site", site)
    message = "content/site.yaml:8: warning: contacts.lado.review_by: the details of LADO were due to be checked by 2020-01-31; confirm them, then set a new review_by date"
    assert message in result.output
    assert result.exit_code == 0
    assert run("check", "--site", site, "--strict").exit_code == 1


def test_errors_come_before_warnings(make_site: Site) -> None:
    body = "## News\n\n[here](https://example.org) and [nothing](#)\n"
    lines = run("check", "--site", make_site(issue(body=body))).output.splitlines()
    assert "placeholder" in lines[0] and "warning" in lines[1]


def test_json_format_for_ci(make_site: Site) -> None:
    result = run("check", "--site", make_site(issue("number: x\n")), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["errors"] == 1
    assert report["problems"] == [
        {
            "file": ISSUE,
            "line": 5,
            "field": "number",
            "severity": "error",
            "message": '"x" is not a whole number',
            "unpublished": None,
        }
    ]
    assert (report["issue_files"], report["published"], report["drafts"]) == (1, 0, 0)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_web() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_external_links_are_checked_only_when_asked(make_site: Site, local_web: str) -> None:
    body = f"## News\n\nSee [the plan]({local_web}/ok) and [the old plan]({local_web}/gone).\n"
    site = make_site(issue(body=body))
    assert run("check", "--site", site).exit_code == 0
    result = run("check", "--site", site, "--external")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{ISSUE}:9: the link to {local_web}/gone does not work: the server answered 404 Not Found"
    )


def test_links_in_site_yaml_are_checked_with_external(make_site: Site, local_web: str) -> None:
    settings = MINIMAL_SITE_YAML.replace(
        "    phone: 020 7946 0000\n",
        f"    phone: 020 7946 0000\n    web: {local_web}/ok\n    form: {local_web}/form\n",
    )
    settings += f"contributions: Send us [your news]({local_web}/news).\n"
    site = make_site({"content/site.yaml": settings})
    assert run("check", "--site", site).exit_code == 0
    result = run("check", "--site", site, "--external")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"content/site.yaml:14: the link to {local_web}/form does not work: "
        "the server answered 404 Not Found",
        f"content/site.yaml:15: the link to {local_web}/news does not work: "
        "the server answered 404 Not Found",
    ]


@pytest.mark.parametrize(
    ("contributions", "expected"),
    [
        (
            "Read [the spring issue](2022-spring.md).",
            "content/site.yaml:13: contributions: the link to 2022-spring.md in the call for "
            "contributions goes nowhere: there is no such page or file",
        ),
        (
            "Read [our priorities](#priorities).",
            "content/site.yaml:13: contributions: the link to #priorities in the call for "
            "contributions goes to #priorities, which is not on that page "
            "(the page of Summer 2022)",
        ),
        (
            "Email [us](TODO).",
            "content/site.yaml:13: the link 'us' has a placeholder address (TODO); "
            "write the real address",
        ),
    ],
)
def test_links_in_the_call_for_contributions_are_checked(
    make_site: Site, contributions: str, expected: str
) -> None:
    site = make_site({"content/site.yaml": f"{MINIMAL_SITE_YAML}contributions: {contributions}\n"})
    result = run("check", "--site", site)
    assert result.exit_code == 1
    assert expected in result.output.splitlines(), result.output


def test_two_issues_at_one_address_are_an_error(make_site: Site) -> None:
    twin = "---\ntitle: Twin\ndate: 2022-08-01\nsummary: S.\nslug: 2022-summer\n---\n\n## News\n\nHi.\n"
    site = make_site(issue() | {"content/issues/twin.md": twin})
    result = run("check", "--site", site)
    assert result.exit_code == 1
    assert (
        'content/issues/twin.md:5: slug "2022-summer" would write issues/2022-summer/index.html, '
        "which is the page of content/issues/2022-summer.md; rename one file or give it its own "
        "'slug:'"
    ) in result.output.splitlines()


def test_a_site_without_an_accessibility_statement_is_warned(make_site: Site) -> None:
    site = make_site({"content/site.yaml": "title: T\norganisation: O\nbase_url: https://e.org/\n"})
    result = run("check", "--site", site)
    assert result.exit_code == 0
    assert (
        "content/site.yaml: warning: accessibility: has no accessibility: settings, so the "
        "accessibility statement cannot name a contact or review date; UK public-sector sites "
        "must publish both (see content/README.md)"
    ) in result.output.splitlines()


def test_drafts_and_issues_still_to_come_are_checked_and_marked(make_site: Site) -> None:
    draft = "---\ntitle: Next\ndate: 2022-08-01\nsummary: S.\ndraft: true\n---\n\n## News\n\nSee [the plan](nowhere.md).\n"
    later = "---\ntitle: Later\ndate: 2030-01-01\nsummary: S.\n---\n\n## News\n\nSee [the report](#report).\n"
    site = make_site(issue() | {"content/issues/next.md": draft, "content/issues/later.md": later})
    assert run("build", "--site", site).exit_code == 0  # neither is built, so a build passes
    result = run("check", "--site", site)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/issues/later.md:9: the link to #report goes to #report, which is not on that "
        "page (in an issue dated 2030-01-01, not yet published)",
        "content/issues/next.md:10: the link to nowhere.md goes nowhere: there is no such page "
        "or file (in a draft, not yet published)",
        "2 errors and 0 warnings in 2 files; checked 3 issue files (1 published, 1 draft, "
        "1 dated after today).",
    ]


def test_a_file_with_mistakes_does_not_hide_another_files_broken_link(make_site: Site) -> None:
    broken = "---\ntitle: Broken\ndate: 22 July\nsummary: S.\n---\n\n## News\n\nHi.\n"
    site = make_site(
        issue(body="## News\n\nSee [the plan](nowhere.md).\n")
        | {"content/issues/broken.md": broken}
    )
    result = run("check", "--site", site)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("content/issues/broken.md:3: date:") for line in lines)
    assert f"{ISSUE}:9: the link to nowhere.md goes nowhere: there is no such page or file" in lines
    assert lines[-1].endswith(
        "checked 2 issue files (1 published, 1 with mistakes that stop it being read)."
    )
