"""The call for contributions: site.yaml's, or an issue's own field by field, in every edition."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import html as lxml_html

from bulletin.commands.build import build
from bulletin.options import BuildOptions
from tests.conftest import MINIMAL_SITE_YAML, TODAY, run

Site = Callable[..., Path]
ISSUE = "content/issues/2022-summer.md"
HEAD = "---\ntitle: Summer 2022\ndate: 2022-07-20\nsummary: A test issue.\n"
BODY = "---\n\n## News\n\nHello.\n"
SITE_CALL = """\
contributions:
  heading: Write for us
  text: We welcome articles about your work.
  contact:
    name: Pat Placeholder
    email: editor@example.org
"""


def footer(site: Path, edition: str = "index.html") -> str:
    """The words of the issue's closing call for contributions, as one line."""
    built = site / "_site" / "issues" / "2022-summer" / edition
    tree = lxml_html.fromstring(built.read_bytes())
    found = tree.xpath("//*[@id='get-involved']/..")
    return " ".join(found[0].text_content().split()) if found else ""


def built(make_site: Site, site_yaml: str, issue: str) -> Path:
    site = make_site({"content/site.yaml": site_yaml, ISSUE: issue})
    build(BuildOptions(site, today=TODAY))
    return site


def test_a_site_call_given_as_text_alone_keeps_its_old_heading(make_site: Site) -> None:
    site_yaml = MINIMAL_SITE_YAML + "contributions: Tell us **what matters** to you.\n"
    site = built(make_site, site_yaml, HEAD + BODY)
    for edition in ("index.html", "email.html"):
        assert footer(site, edition) == "Get involved Tell us what matters to you."


def test_an_issue_gives_what_it_has_and_the_site_the_rest(make_site: Site) -> None:
    own = "contributions:\n  deadline: 2022-10-14\n  heading: Your views count\n"
    site = built(make_site, MINIMAL_SITE_YAML + SITE_CALL, HEAD + own + BODY)
    assert footer(site) == (
        "Your views count We welcome articles about your work. Send your contributions to "
        "Pat Placeholder by 14 October 2022. Email editor@example.org"
    )
    text = (site / "_site" / "issues" / "2022-summer" / "email.txt").read_text()
    assert "Your views count\n================\n" in text
    assert "Email: editor@example.org\n" in text


def test_an_issue_with_its_own_text_and_contact_replaces_the_sites(make_site: Site) -> None:
    own = (
        "next_issue: 2022-10-31\ncontributions:\n  text: Send us your news.\n"
        "  contact:\n    name: Sam Sample\n    phone: 020 7946 0282\n"
    )
    site = built(make_site, MINIMAL_SITE_YAML + SITE_CALL, HEAD + own + BODY)
    assert footer(site) == (
        "Write for us Send us your news. Send your contributions to Sam Sample. "
        "Telephone 020 7946 0282 The next issue is due by 31 October 2022."
    )


def test_no_call_and_no_next_issue_means_no_closing_section(make_site: Site) -> None:
    site = built(make_site, MINIMAL_SITE_YAML, HEAD + BODY)
    assert footer(site) == "" and footer(site, "email.html") == ""
    dated = built(make_site, MINIMAL_SITE_YAML, HEAD + "next_issue: 2022-10-31\n" + BODY)
    assert footer(dated, "email.html") == ("Get involved The next issue is due by 31 October 2022.")


def test_a_deadline_before_the_issue_is_a_warning(make_site: Site) -> None:
    own = "contributions:\n  text: Write to us.\n  deadline: 2022-07-01\n"
    site = make_site({ISSUE: HEAD + own + BODY})
    result = run("check", "--site", site)
    assert result.exit_code == 0
    assert (
        f"{ISSUE}:7: warning: contributions.deadline: the deadline for contributions "
        "(2022-07-01) is before this issue's date (2022-07-20); check the date"
    ) in result.output


def test_a_broken_link_in_an_issues_own_call_is_the_issues(make_site: Site) -> None:
    own = "contributions:\n  text: See [the guide](2021-guide.md).\n"
    site = make_site({ISSUE: HEAD + own + BODY})
    result = run("check", "--site", site)
    assert result.exit_code == 1
    assert f"{ISSUE}:6: the link to 2021-guide.md goes nowhere" in result.output
