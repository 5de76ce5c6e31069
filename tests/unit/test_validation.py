"""Every validation message an editor can meet, word for word, with its file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bulletin.commands.build import build_in_memory
from bulletin.errors import BuildError
from bulletin.options import BuildOptions
from tests.conftest import MINIMAL_SITE_YAML

ISSUE = "content/issues/2022-summer.md"


def messages(site: Path) -> list[str]:
    """What a build of the site reports, or [] if it succeeds without warnings."""
    try:
        result = build_in_memory(BuildOptions(site))
    except BuildError as err:
        return [str(p) for p in err.problems]
    return [str(w) for w in result.warnings]


def issue(front: str, body: str = "## News\n\nHello.\n") -> dict[str, str]:
    base = "title: Summer 2022\ndate: 2022-07-20\nsummary: A test issue.\n"
    return {ISSUE: f"---\n{base}{front}---\n\n{body}"}


Site = Callable[..., Path]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "titel: Typo\n",
            f'{ISSUE}:5: unknown field "titel" (did you mean "title"?); the fields here are: '
            "title, date, summary, number, season, topics, cover, draft, slug, next_issue, "
            "foreword, partnership_report, focus, events, courses, news, contacts, contributions",
        ),
        ("number: seven\n", f'{ISSUE}:5: number: "seven" is not a whole number'),
        ("number: 0\n", f'{ISSUE}:5: number: "0" is too small'),
        ("draft: maybe\n", f'{ISSUE}:5: draft: should be true or false, not "maybe"'),
        (
            "season: sumer\n",
            f'{ISSUE}:5: season: "sumer" is not one of: spring, summer, autumn, winter '
            '(did you mean "summer"?)',
        ),
        (
            "topics: exploitation\n",
            f"{ISSUE}:5: topics: should be a list, with one '- item' on each line",
        ),
        (
            "next_issue: end of October\n",
            f'{ISSUE}:5: next_issue: "end of October" is not a date (write it as year-month-day, such as 2022-09-19)',
        ),
        (
            "slug: Summer 2022\n",
            f'{ISSUE}:5: slug: "Summer 2022" can only use lower-case letters, digits and single hyphens (write summer-2022)',
        ),
        (
            "events:\n  - title: Seminar\n    start: 19th Sept\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "19th Sept" is not a date and time (write 2022-09-19 '
            "followed by the time it starts, such as 2022-09-19T10:00, or 2022-09-19 alone if it "
            "lasts all day)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 19th Sept 2pm\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "19th Sept 2pm" is not a date and time '
            "(write 2022-09-19T14:00)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-19T10:00\n    end: 4pm\n"
            "    online: true\n",
            f'{ISSUE}:8: events[0].end: "4pm" is not a date and time (write it as '
            "year-month-dayThours:minutes, such as 2022-09-19T14:30)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-26T25:00\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "2022-09-26T25:00" is not a date and time '
            "(there is no hour 25: the hour must be 0 to 23)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-26T24:00\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "2022-09-26T24:00" is not a date and time '
            "(the hour must be 0 to 23; midnight at the end of that day is 2022-09-27T00:00)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-26T10:75\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "2022-09-26T10:75" is not a date and time '
            "(there is no minute 75: the minutes must be 0 to 59)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-26T2pm\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "2022-09-26T2pm" is not a date and time '
            "(write the time as hours:minutes in the 24-hour clock, such as 2022-09-26T14:30)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-13-01T10:00\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "2022-13-01T10:00" is not a date and time '
            "(there is no month 13: the month must be 1 to 12)",
        ),
        (
            "next_issue: 2022-10-31T10:00\n",
            f'{ISSUE}:5: next_issue: "2022-10-31T10:00" is not a date '
            "(write the date alone: 2022-10-31)",
        ),
        (
            "next_issue: 2022-9-1\n",
            f'{ISSUE}:5: next_issue: "2022-9-1" is not a date '
            "(write 2022-09-01, with two digits for the month and the day)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-31T10:00\n    online: true\n",
            f'{ISSUE}:7: events[0].start: "2022-09-31T10:00" is not a date and time (September 2022 has 30 days)',
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-26T14:00\n    end: 2022-09-26T13:00\n    online: true\n",
            f'{ISSUE}:6: events[0]: the event "Seminar" ends (2022-09-26T13:00) before it starts '
            "(2022-09-26T14:00); correct its start or its end",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-26\n",
            f"{ISSUE}:6: events[0]: say where it happens: add place: ... or online: true (or to_be_confirmed: [place] if the place is not known yet)",
        ),
        (
            "events:\n  - title: Seminar\n    start: 2022-09-26\n    end: 2022-09-26T10:00\n    online: true\n",
            f"{ISSUE}:6: events[0]: start and end must both have a time, or both be dates alone",
        ),
        (
            "events:\n  - start: 2022-09-26\n    online: true\n",
            f"{ISSUE}:6: events[0].title: is missing; add a line such as "
            "'title: Transitional safeguarding and homelessness'",
        ),
        (
            "events:\n  - title: S\n    start: 2022-09-26\n    online: true\n    booking: www.example.org/book\n",
            f'{ISSUE}:9: events[0].booking: "www.example.org/book" needs https:// in front '
            "(write https://www.example.org/book)",
        ),
        (
            "foreword:\n  author: A\n  rol: Chair\n",
            f'{ISSUE}:7: foreword: unknown field "rol" (did you mean "role"?); the fields here are: author, role',
        ),
        (
            "cover:\n  src: images/none.jpg\n  alt: ''\n",
            f"{ISSUE}:7: cover.alt: needs words that describe the image for people who cannot see it "
            "(alt: Three people talking around a table)",
        ),
        (
            "contacts: [ofice]\n",
            f'{ISSUE}:5: contacts[0]: "ofice" is not in the contacts directory in content/site.yaml '
            '(did you mean "office"?); the keys there are: office',
        ),
    ],
)
def test_front_matter_mistakes(make_site: Site, front: str, expected: str) -> None:
    assert messages(make_site(issue(front))) == [expected]


def test_a_date_without_a_year_is_the_next_such_day_after_the_issue(make_site: Site) -> None:
    front = (
        "---\ntitle: Winter 2026\ndate: 2026-12-02\nsummary: s\nnext_issue: 2nd March\n"
        "events:\n  - title: Seminar\n    start: 14th Jan\n    online: true\n---\n\n"
    )
    assert messages(make_site({ISSUE: front + "## News\n\nHello.\n"})) == [
        f'{ISSUE}:5: next_issue: "2nd March" is not a date (write 2027-03-02)',
        f'{ISSUE}:8: events[0].start: "14th Jan" is not a date and time (write 2027-01-14 '
        "followed by the time it starts, such as 2027-01-14T10:00, or 2027-01-14 alone if it "
        "lasts all day)",
    ]


def test_an_issue_date_without_a_year_is_the_nearest_such_day_to_today(make_site: Site) -> None:
    # TODAY is 26 November 2026: 22 July 2026 is nearer than 22 July 2027, and 2 January 2027
    # nearer than 2 January 2026.
    for written, meant in (("22nd July", "2026-07-22"), ("2nd January", "2027-01-02")):
        text = f"---\ntitle: T\ndate: {written}\nsummary: s\n---\n\n## News\n\nHi.\n"
        assert messages(make_site({ISSUE: text})) == [
            f'{ISSUE}:3: date: "{written}" is not a date (write {meant})'
        ]


def test_missing_required_fields_say_what_to_add(make_site: Site) -> None:
    site = make_site({ISSUE: "---\nnumber: 3\n---\n\n## Foreword\n\nHi.\n"})
    assert messages(site) == [
        f"{ISSUE}:2: title: is missing; add a line such as 'title: Summer 2022'",
        f"{ISSUE}:2: date: is missing; add a line such as 'date: 2022-07-20'",
        f"{ISSUE}:2: summary: is missing; add a line such as "
        "'summary: One sentence about what is in this issue.'",
        f"{ISSUE}:5: warning: the foreword has no signature; add to the front matter "
        "'foreword:' with 'author:' (and 'role:') under it",
    ]


def test_every_problem_in_a_file_is_reported_at_once(make_site: Site) -> None:
    site = make_site(issue("number: x\nseason: y\ndraft: z\n"))
    assert len(messages(site)) == 3


def test_a_bad_date_does_not_hide_an_unknown_contact(make_site: Site) -> None:
    front = (
        "events:\n  - title: Seminar\n    start: 19th Sept\n    online: true\ncontacts: [ofice]\n"
    )
    found = messages(make_site(issue(front)))
    assert [m.split(":")[1] for m in found] == ["7", "9"]
    assert found[1] == (
        f'{ISSUE}:9: contacts[0]: "ofice" is not in the contacts directory in content/site.yaml '
        '(did you mean "office"?); the keys there are: office'
    )


def test_every_independent_problem_in_a_file_is_reported_in_one_run(make_site: Site) -> None:
    front = (
        "number: seven\n"
        "events:\n"
        "  - title: Seminar\n    start: 2022-09-26T25:00\n    online: true\n"
        "  - title: Briefing\n    start: 2021-09-26\n    online: true\n"
        "contacts: [office, Bad Key, lado]\n"
        "cover:\n  src: images/none.jpg\n  alt: A cover\n"
        "news:\n  fosterng:\n    topics: [fostering]\n"
    )
    body = "## News\n\n### Fostering\n\nTODO: the story. [Apply](#).\n\n#### Details\n\n![](images/a.png)\n"
    assert messages(make_site(issue(front, body))) == [
        f'{ISSUE}:5: number: "seven" is not a whole number',
        f'{ISSUE}:8: events[0].start: "2022-09-26T25:00" is not a date and time '
        "(there is no hour 25: the hour must be 0 to 23)",
        f'{ISSUE}:13: contacts[1]: "Bad Key" can only use lower-case letters, digits and single '
        "hyphens (write bad-key)",
        f'{ISSUE}:13: contacts[2]: "lado" is not in the contacts directory in content/site.yaml; '
        "the keys there are: office",
        f"{ISSUE}:15: cover.src: the image images/none.jpg does not exist "
        "(looked for content/images/none.jpg)",
        f'{ISSUE}:18: news.fosterng: there is no item "fosterng" in the News section (did you '
        'mean "fostering"?); each key under news: must be the id of a ### heading there: '
        "fostering",
        f"{ISSUE}:26: the link 'Apply' has a placeholder address (#); write the real address",
        f"{ISSUE}:30: the image images/a.png has no description; write it between the brackets: "
        "![Three people talking around a table](images/a.png)",
        f"{ISSUE}:30: the image images/a.png does not exist (looked for content/images/a.png)",
        f"{ISSUE}:11: warning: events[1].start: starts on 2021-09-26, before this issue's date "
        "(2022-07-20); check the date, or remove the event",
        f"{ISSUE}:26: warning: still to fill in: TODO: the story. [Apply](#).",
    ]


def test_a_field_with_a_mistake_is_not_also_reported_missing(make_site: Site) -> None:
    site = make_site(issue("foreword:\n  author: [A, B]\n", "## Foreword\n\nHi.\n"))
    assert messages(site) == [
        f"{ISSUE}:6: foreword.author: should be text, not a list or a group of fields"
    ]


def test_body_mistakes_are_found_when_the_front_matter_cannot_be_read(make_site: Site) -> None:
    text = '---\ntitle: "Summer 2022\ndate: 2022-07-20\n---\n\n# Summer\n\n[here](/issues/)\n'
    assert messages(make_site({ISSUE: text})) == [
        f"{ISSUE}:2: a quote opened on this line is never closed; add the closing quote",
        f"{ISSUE}:6: '# Summer' is a level-1 heading; sections start with '## ' "
        "(the issue's title comes from title: in the front matter)",
        f"{ISSUE}:8: the link to /issues/ starts with /, which breaks when the site lives under "
        "a sub-path; link to the issue's file instead, such as 2022-spring.md",
        f"{ISSUE}:8: warning: the link text 'here' does not say where it goes; use words that "
        "do, such as 'the training programme'",
    ]


def test_problems_in_several_files_are_all_reported(make_site: Site) -> None:
    other = "content/issues/2022-autumn.md"
    site = make_site(issue("number: x\n") | {other: "no front matter\n"})
    found = messages(site)
    assert any(m.startswith(f"{ISSUE}:5:") for m in found)
    assert any(m.startswith(f"{other}:1: must start with front matter") for m in found)


@pytest.mark.parametrize(
    ("front", "body", "expected"),
    [
        (
            "",
            "# Summer\n\n## Foreword\n\nHi.\n",
            f"{ISSUE}:7: '# Summer' is a level-1 heading; sections start with '## ' "
            "(the issue's title comes from title: in the front matter)",
        ),
        (
            "",
            "## Priorities\n\n### Adolescents\n\nText.\n",
            f"{ISSUE}:9: the priority '### Adolescents' needs a number and a title "
            "(write '### 1. Safeguarding adolescents')",
        ),
        (
            "",
            "## Priorities\n\n### 1. A\n\n### 1. B\n",
            f"{ISSUE}:11: priority 1 is given twice (also on line 9); number each priority once",
        ),
        (
            "",
            "## News\n\nA.\n\n## News\n\nB.\n",
            f"{ISSUE}:11: '## News' has the same id 'news' as '## News' on line 7; merge them "
            "or give this one its own id, such as {#more-news}",
        ),
        (
            "news:\n  fosterng:\n    actions:\n      - url: https://example.org\n",
            "## News\n\n### Fostering\n\nText.\n",
            f'{ISSUE}:6: news.fosterng: there is no item "fosterng" in the News section '
            '(did you mean "fostering"?); each key under news: must be the id of a ### heading '
            "there: fostering",
        ),
        (
            "partnership_report:\n  meeting: 2022-07-04\n",
            "## Foreword\n\nHi.\n",
            f"{ISSUE}:5: partnership_report: there is no 'partnership report' section in the body "
            "for this; add a heading such as '## Partnership report' or "
            "'## Any title {#partnership-report}'",
        ),
        (
            "",
            "## News\n\n![](images/missing.png)\n",
            f"{ISSUE}:9: the image images/missing.png has no description; write it between the "
            "brackets: ![Three people talking around a table](images/missing.png)",
        ),
        (
            "news:\n  a:\n    actions:\n      - phone: 020 7946 0000\n        email: a@example.org\n",
            "## News\n\n### A\n\nText.\n",
            f"{ISSUE}:8: news.a.actions[0]: give exactly one of phone, email or url for each action",
        ),
    ],
)
def test_body_mistakes(make_site: Site, front: str, body: str, expected: str) -> None:
    assert expected in messages(make_site(issue(front, body)))


def test_missing_image_names_where_it_looked(make_site: Site) -> None:
    site = make_site(issue("cover:\n  src: images/none.jpg\n  alt: A cover\n"))
    assert messages(site) == [
        f"{ISSUE}:6: cover.src: the image images/none.jpg does not exist "
        "(looked for content/images/none.jpg)"
    ]


def test_images_from_other_sites_are_refused(make_site: Site) -> None:
    site = make_site(issue("", "## News\n\n![A chart](https://tracker.example/pixel.png)\n"))
    assert messages(site) == [
        f"{ISSUE}:9: https://tracker.example/pixel.png is not in the content folder; put the "
        "image in content/images/ and write images/<name> (pages must not load anything "
        "from other sites)"
    ]


def test_an_unsigned_foreword_is_a_warning_not_an_error(make_site: Site) -> None:
    assert messages(make_site()) == [
        f"{ISSUE}:7: warning: the foreword has no signature; add to the front matter "
        "'foreword:' with 'author:' (and 'role:') under it"
    ]


@pytest.mark.parametrize(
    ("site_yaml", "expected"),
    [
        (
            "title: T\norganisation: O\n",
            "content/site.yaml:1: base_url: is missing; add a line such as 'base_url: https://www.example.org/newsletter/'",
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\ntimezone: London\n",
            'content/site.yaml:4: timezone: "London" is not a time zone; write one such as Europe/London',
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\ncolours:\n  brand: '#ffdd00'\n",
            "content/site.yaml:5: colours.brand: #ffdd00 on white has a contrast of 1.3:1, below the "
            "4.5:1 that WCAG requires; choose a darker colour",
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\ncontacts:\n  lado:\n    name: L\n    email: lado-at-example\n",
            'content/site.yaml:7: contacts.lado.email[0]: "lado-at-example" is not an email address (write name@example.org)',
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\ncontacts:\n  lado:\n    name: L\n    phone: ring the office\n",
            'content/site.yaml:7: contacts.lado.phone[0].number: "ring the office" is not a phone number; '
            "write only the number, such as 020 7946 0123 (put labels and hours in their own fields)",
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\ncontacts:\n  lado:\n    name: L\n    phone: 020 7946 066\n",
            'content/site.yaml:7: contacts.lado.phone[0].number: "020 7946 066" is not a phone number '
            "that can be dialled in GB; check its digits, or write a number in another country with + "
            "and its country code (+33 1 23 45 67 89)",
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\ncontacts:\n  lado:\n    name: L\n    phone:\n      - number: 020 7946 05150000\n",
            'content/site.yaml:8: contacts.lado.phone[0].number: "020 7946 05150000" has too many digits '
            "for a phone number in GB; check its digits, or write a number in another country with + "
            "and its country code (+33 1 23 45 67 89)",
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\nphone_region: UK\n",
            'content/site.yaml:4: phone_region: "UK" is not a region whose phone numbers bulletin knows '
            "(the United Kingdom's is GB); write a two-letter country code, such as GB, IE or FR",
        ),
        (
            "title: T\norganisation: O\nbase_url: https://e.org/\nphone_region: IE\ncontacts:\n  lado:\n    name: L\n    phone: 020 7946 0668\n",
            'content/site.yaml:8: contacts.lado.phone[0].number: "020 7946 0668" is not a phone number '
            "that can be dialled in IE; check its digits, or write a number in another country with + "
            "and its country code (+33 1 23 45 67 89)",
        ),
    ],
)
def test_site_settings_mistakes(make_site: Site, site_yaml: str, expected: str) -> None:
    assert messages(make_site({"content/site.yaml": site_yaml})) == [expected]


def test_numbers_in_issues_are_read_in_the_sites_phone_region(make_site: Site) -> None:
    front = "news:\n  a:\n    actions:\n      - phone: 01 23 45 67 89\n"
    body = "## News\n\n### A\n\nText.\n"
    french = MINIMAL_SITE_YAML.replace("020 7946 0000", "+44 20 7946 0000") + "phone_region: FR\n"
    assert messages(make_site(issue(front, body) | {"content/site.yaml": french})) == []
    assert messages(make_site(issue(front, body))) == [
        f'{ISSUE}:8: news.a.actions[0].phone: "01 23 45 67 89" is not a phone number that can be '
        "dialled in GB; check its digits, or write a number in another country with + and its "
        "country code (+33 1 23 45 67 89)"
    ]


def test_a_missing_site_yaml_is_explained(make_site: Site) -> None:
    site = make_site({"content/issues/a.md": "x"}, with_defaults=False)
    assert messages(site) == [
        "content/site.yaml: is missing; every site needs one with at least title, "
        "organisation and base_url (see content/README.md)"
    ]
