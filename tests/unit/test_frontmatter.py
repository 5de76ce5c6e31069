"""Splitting front matter from body, and reading YAML with line numbers."""

from __future__ import annotations

import time

import pytest

from bulletin.content.frontmatter import load_yaml_mapping, split_front_matter
from bulletin.errors import Problems


def load(yaml_text: str) -> tuple[object, list[str]]:
    problems = Problems()
    result = load_yaml_mapping(yaml_text, "issue.md", 2, problems, "front matter")
    return result, [str(p) for p in problems.items]


def test_records_the_file_line_of_every_key_and_list_item() -> None:
    result, messages = load("title: A\nevents:\n  - title: B\n    start: x\n")
    assert messages == []
    assert result is not None
    _, lines = result
    assert lines[("title",)] == 2
    assert lines[("events", 0)] == 4
    assert lines[("events", 0, "start")] == 5


def test_times_and_phone_numbers_stay_as_written() -> None:
    result, _ = load("at: 14:00\nphone: 07700900123\nnumber: 7\nratio: 1.5\n")
    assert result is not None
    data, _ = result
    assert data == {"at": "14:00", "phone": "07700900123", "number": 7, "ratio": 1.5}


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "title: 'Summer\nsummary: x\n",
            "issue.md:2: a quote opened on this line is never closed; add the closing quote",
        ),
        (
            "topics: [a, b\nsummary: x\n",
            "issue.md:2: a [ opened on this line is never closed with ]",
        ),
        (
            "foreword:\n\tauthor: A\n",
            "issue.md:3: a tab is used for indenting; YAML needs spaces "
            "(replace the tab with spaces)",
        ),
        (
            "title: A\ntitle: B\n",
            "issue.md:3: 'title' is given twice (first on line 2); keep one of them",
        ),
        (
            "title: Focus on: our team\n",
            "issue.md:2: a value contains ': ', or the line is indented more than the one above: "
            'put such a value in quotes (title: "Focus on: our team") or fix the indentation',
        ),
        (
            "title: A\ndate: 2026-12-01\nnext_issue 2027-03-02\nsummary: x\n",
            "issue.md:4: 'next_issue 2027-03-02' has no colon after the field's name; "
            "write 'next_issue: 2027-03-02'",
        ),
        (
            "title: A\nnext_issue 2027-03-02\n",
            "issue.md:3: 'next_issue 2027-03-02' has no colon after the field's name; "
            "write 'next_issue: 2027-03-02'",
        ),
        (
            "title: A\nforeword\n  author: Sam Patel\nsummary: x\n",
            "issue.md:3: 'foreword' has no colon after the field's name; write 'foreword:'",
        ),
        (
            'foreword:\n  author "Sam Patel"\n  role: Chair\nsummary: x\n',
            "issue.md:3: 'author \"Sam Patel\"' has no colon after the field's name; "
            "write 'author: \"Sam Patel\"'",
        ),
        (
            "events:\n  - title Seminar\n    start: 2027-01-14T10:00\n",
            "issue.md:3: 'title Seminar' has no colon after the field's name; "
            "write 'title: Seminar'",
        ),
        (
            "events:\n  - title: B\n    place:Training Suite\n    online: true\n",
            "issue.md:4: 'place:Training Suite' needs a space after the colon; "
            "write 'place: Training Suite'",
        ),
        (
            "title:Summer\ndate: 2022-07-20\n",
            "issue.md:2: 'title:Summer' needs a space after the colon; write 'title: Summer'",
        ),
        (
            'title: "Spring 2027\ndate: 2027-03-01\nsummary: "A summary"\n',
            "issue.md:2: a quote opened on this line is never closed; add the closing quote",
        ),
        (
            "title: 'Spring 2027\nsummary: It's the spring issue\n",
            "issue.md:2: a quote opened on this line is never closed; add the closing quote",
        ),
        (
            'title: "Spring" 2027\nsummary: x\n',
            "issue.md:2: there is more text after the closing quote; "
            "put the whole value inside the quotes",
        ),
        (
            "foreword:\n  author: Sam\n   role: Chair\n",
            "issue.md:4: this line is indented more than 'author:' above it; fields at the "
            "same level must start in the same column",
        ),
        ("- a\n- b\n", "issue.md:2: the front matter must be a list of 'name: value' lines"),
        ("", "issue.md:2: the front matter is empty"),
    ],
)
def test_yaml_mistakes_are_explained_with_their_line(yaml_text: str, expected: str) -> None:
    result, messages = load(yaml_text)
    assert result is None
    assert messages == [expected]


def test_alias_bomb_is_refused_quickly_without_expanding() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 12)]
    started = time.perf_counter()
    result, messages = load("\n".join(levels) + "\n")
    assert time.perf_counter() - started < 2
    assert result is None
    assert messages == [
        "issue.md:2: uses a YAML anchor and alias (&name, *name); write each value out in full"
    ]


def test_tags_that_would_construct_objects_are_refused() -> None:
    result, messages = load("title: !!python/object/apply:os.system ['echo hacked']\n")
    assert result is None
    assert messages == [
        "issue.md:2: title: uses the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system', "
        "which bulletin does not allow; remove it"
    ]


def test_split_needs_an_opening_line() -> None:
    problems = Problems()
    assert split_front_matter("title: x\n", "issue.md", problems) is None
    assert str(problems.items[0]).startswith("issue.md:1: must start with front matter")


def test_split_reports_front_matter_that_never_ends() -> None:
    problems = Problems()
    assert split_front_matter("---\ntitle: x\n\n## Foreword\n", "issue.md", problems) is None
    assert [str(p) for p in problems.items] == [
        "issue.md:1: the front matter that starts on line 1 never ends: "
        "add a line of just --- after its last field"
    ]


def test_split_gives_the_body_and_its_first_line() -> None:
    problems = Problems()
    result = split_front_matter("---\ntitle: x\n---\n## Foreword\n", "issue.md", problems)
    assert result == ("title: x", "## Foreword\n", 4)
