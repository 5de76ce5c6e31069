"""bulletin new: a draft scaffold that builds, carrying forward what recurs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from bulletin.commands.build import build_in_memory
from bulletin.options import BuildOptions
from tests.conftest import TODAY, run


def test_scaffolds_a_draft_that_builds(example_site: Path) -> None:
    result = run("new", "Spring 2027", "--site", example_site, "--date", "2026-11-26")
    assert result.exit_code == 0, result.output
    path = example_site / "content" / "issues" / "spring-2027.md"
    assert f"Created {path}" in result.output
    built = build_in_memory(BuildOptions(example_site, drafts=True, today=TODAY))
    issue = built.issue("spring-2027")
    assert (issue.title, issue.date, issue.number, issue.season, issue.draft) == (
        "Spring 2027",
        dt.date(2026, 11, 26),
        11,
        "spring",
        True,
    )
    kinds = [s.kind for s in issue.sections]
    assert kinds == [
        "foreword",
        "partnership-report",
        "priorities",
        "focus",
        "events",
        "news",
        "contacts",
    ]


def test_carries_forward_contacts_signature_and_upcoming_events(example_site: Path) -> None:
    run("new", "Spring 2027", "--site", example_site, "--date", "2026-11-26")
    built = build_in_memory(BuildOptions(example_site, drafts=True))
    issue = built.issue("spring-2027")
    foreword = issue.section("foreword")
    assert foreword and foreword.signature and foreword.signature.author == "Alex Example"
    contacts = issue.section("contacts")
    assert contacts and [c.key for c in contacts.contacts] == ["referrals", "lado", "partnership"]
    # The autumn issue's events on or after 26 November 2026, and none before.
    assert [e.title for e in issue.events] == [
        "Working together and safer settings",
        "Partnership open afternoon",
        "Harm between children",
    ]


def test_an_event_carried_forward_is_one_event_on_the_events_page_and_in_calendars(
    example_site: Path, tmp_path: Path
) -> None:
    run("new", "Spring 2027", "--site", example_site, "--date", "2026-11-26")
    output = tmp_path / "site"
    assert run("build", "--site", example_site, "--drafts", "-o", output).exit_code == 0
    events_page = (output / "events" / "index.html").read_text()
    assert events_page.count(">Partnership open afternoon<") == 1
    assert "issues/spring-2027/#event-2027-01-20-partnership-open-afternoon" in events_page
    calendar = icalendar.Calendar.from_ical((output / "events.ics").read_bytes())
    uids = [str(event["uid"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    autumn = icalendar.Calendar.from_ical(
        (output / "issues" / "2026-autumn" / "events.ics").read_bytes()
    )
    spring = icalendar.Calendar.from_ical(
        (output / "issues" / "spring-2027" / "events.ics").read_bytes()
    )
    carried = {str(e["uid"]) for e in spring.walk("VEVENT")}
    assert carried <= {str(e["uid"]) for e in autumn.walk("VEVENT")}  # the same events
    training = (output / "topics" / "training" / "index.html").read_text()
    assert training.count(">Harm between children<") == 1


def test_carries_forward_the_latest_priorities(example_site: Path) -> None:
    (example_site / "content" / "issues" / "2026-autumn.md").unlink()
    run("new", "Autumn 2026", "--site", example_site, "--date", "2026-10-01")
    text = (example_site / "content" / "issues" / "autumn-2026.md").read_text()
    assert "### 1. Safeguarding adolescents {#priority-adolescents}" in text
    assert "### 3. Sexual abuse within the family" in text


def test_check_lists_what_is_still_to_fill_in(example_site: Path) -> None:
    run("new", "Spring 2027", "--site", example_site, "--date", "2026-11-26")
    result = run("check", "--site", example_site)
    assert result.exit_code == 0, result.output
    todo = [line for line in result.output.splitlines() if "still to fill in" in line]
    assert todo[0] == (
        "content/issues/spring-2027.md:6: warning: still to fill in: "
        'summary: "TODO: one or two sentences about what is in this issue" '
        "(in a draft, not yet published)"
    )
    assert len(todo) >= 10


def test_the_scaffold_passes_check_once_its_todos_are_filled_in(example_site: Path) -> None:
    run("new", "Spring 2027", "--site", example_site, "--date", "2026-11-26")
    assert run("check", "--site", example_site, "--strict").exit_code == 1
    path = example_site / "content" / "issues" / "spring-2027.md"
    filled = path.read_text().replace("TODO: ", "").replace("TODO", "the Youth Team")
    path.write_text(filled.replace("draft: true", "draft: false"))
    result = run("check", "--site", example_site, "--strict")
    assert (result.exit_code, result.output) == (
        0,
        "No problems found in 5 issue files (4 published, 1 draft).\n",
    )


def test_never_overwrites_an_existing_issue(example_site: Path) -> None:
    path = example_site / "content" / "issues" / "2026-summer.md"
    before = path.read_bytes()
    result = run("new", "2026 Summer", "--site", example_site, "--slug", "2026-summer")
    assert result.exit_code == 1
    assert (
        "content/issues/2026-summer.md already exists, so it was left alone; "
        "choose another title, or give a different --slug"
    ) in result.output
    assert path.read_bytes() == before


def test_an_address_an_existing_issue_has_is_refused(example_site: Path) -> None:
    issues = example_site / "content" / "issues"
    before = sorted(p.name for p in issues.iterdir())
    result = run("new", "Winter 2026", "--site", example_site)
    assert result.exit_code == 1
    assert (
        "content/issues/2026-winter.md already has the address issues/winter-2026/ (its slug: "
        "field), so a new issue cannot have it too; choose another title, or give a different "
        "--slug"
    ) in result.output
    assert sorted(p.name for p in issues.iterdir()) == before


@pytest.mark.parametrize(
    ("title", "name"), [("Été 2027", "ete-2027.md"), ("Gŵyl Haf 2027", "gwyl-haf-2027.md")]
)
def test_file_names_keep_accented_letters(example_site: Path, title: str, name: str) -> None:
    result = run("new", title, "--site", example_site, "--date", "2026-11-26")
    assert result.exit_code == 0, result.output
    text = (example_site / "content" / "issues" / name).read_text()
    assert text.startswith(f'---\ntitle: "{title}"\n')  # as the editor wrote it, not \u00c9


def test_a_site_can_override_the_archetype(example_site: Path) -> None:
    archetype = example_site / "templates" / "archetypes" / "issue.md"
    archetype.parent.mkdir(parents=True)
    archetype.write_text("---\ntitle: {{ title | yaml }}\ndate: {{ date }}\nsummary: Ours.\n---\n")
    run("new", "Our own", "--site", example_site, "--date", "2027-01-05")
    assert (example_site / "content" / "issues" / "our-own.md").read_text() == (
        '---\ntitle: "Our own"\ndate: 2027-01-05\nsummary: Ours.\n---\n'
    )


@pytest.mark.parametrize(
    ("archetype", "message"),
    [
        (
            "---\ntitle: {{ title\n---\n",
            "templates/archetypes/issue.md:3: template error: unexpected 'end of template'",
        ),
        (
            "---\ntitle: {{ nothing.here }}\n---\n",
            "templates/archetypes/issue.md:2: template error while rendering: UndefinedError: 'nothing' is undefined",
        ),
    ],
    ids=["syntax", "undefined"],
)
def test_a_broken_archetype_is_explained(example_site: Path, archetype: str, message: str) -> None:
    path = example_site / "templates" / "archetypes" / "issue.md"
    path.parent.mkdir(parents=True)
    path.write_text(archetype)
    before = sorted((example_site / "content" / "issues").iterdir())
    result = run("new", "Our own", "--site", example_site, "--date", "2027-01-05")
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "internal error" not in result.output
    assert sorted((example_site / "content" / "issues").iterdir()) == before
