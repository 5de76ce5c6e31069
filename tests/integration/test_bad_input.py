"""Every kind of editor mistake: the exact message, exit 1, no traceback, nothing lost.

Each case writes one issue file (or site.yaml) into a copy of a good site
that has already been built, builds again into the same output folder, and
checks the message and that the previous output is byte-for-byte unchanged.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run, tree_digest

ISSUE = "content/issues/2022-summer.md"
HEAD = "---\ntitle: Summer 2022\ndate: 2022-07-20\nsummary: A test issue.\n"
BODY = "---\n\n## News\n\nText.\n"
SITE = (FIXTURES / "sites" / "valid" / "minimal" / "content" / "site.yaml").read_text()

CASES: dict[str, tuple[str, bytes | str, str]] = {
    "front matter never ends": (
        ISSUE,
        "---\ntitle: x\n\n## News\n",
        f"{ISSUE}:1: the front matter that starts on line 1 never ends: add a line of just --- after its last field",
    ),
    "front matter empty": (
        ISSUE,
        "---\n---\n\n## News\n",
        f"{ISSUE}:2: the front matter is empty; it needs at least title, date and summary",
    ),
    "front matter not a mapping": (
        ISSUE,
        "---\n- title\n- date\n---\n",
        f"{ISSUE}:2: the front matter must be a list of 'name: value' lines",
    ),
    "no front matter": (
        ISSUE,
        "# Summer\n\nText.\n",
        f"{ISSUE}:1: must start with front matter: a first line of just ---, then lines such as 'title: Summer 2022', then another line of ---",
    ),
    "unclosed quote": (
        ISSUE,
        '---\ntitle: "Summer 2022\ndate: 2022-07-20\n---\n',
        f"{ISSUE}:2: a quote opened on this line is never closed; add the closing quote",
    ),
    "unclosed quote, closed by a later line's quote": (
        ISSUE,
        '---\ntitle: "Summer 2022\ndate: 2022-07-20\nsummary: "A test issue."\n' + BODY,
        f"{ISSUE}:2: a quote opened on this line is never closed; add the closing quote",
    ),
    "field without its colon": (
        ISSUE,
        HEAD + "number: 3\nnext_issue 2022-10-31\nseason: summer\n" + BODY,
        f"{ISSUE}:6: 'next_issue 2022-10-31' has no colon after the field's name; write 'next_issue: 2022-10-31'",
    ),
    "signature without its colon": (
        ISSUE,
        HEAD + 'foreword:\n  author "Sam Patel"\n  role: Chair\n' + BODY,
        f"{ISSUE}:6: 'author \"Sam Patel\"' has no colon after the field's name; write 'author: \"Sam Patel\"'",
    ),
    "no space after a colon": (
        ISSUE,
        HEAD
        + "events:\n  - title: Seminar\n    place:Training Suite\n    start: 2022-09-26\n"
        + BODY,
        f"{ISSUE}:7: 'place:Training Suite' needs a space after the colon; write 'place: Training Suite'",
    ),
    "unclosed bracket": (
        ISSUE,
        HEAD + "topics: [training, exploitation\n" + BODY,
        f"{ISSUE}:5: a [ opened on this line is never closed with ]",
    ),
    "tab indentation": (
        ISSUE,
        HEAD + "foreword:\n\tauthor: Sam Sample\n" + BODY,
        f"{ISSUE}:6: a tab is used for indenting; YAML needs spaces (replace the tab with spaces)",
    ),
    "duplicate key": (
        ISSUE,
        HEAD + "title: Autumn 2022\n" + BODY,
        f"{ISSUE}:5: 'title' is given twice (first on line 2); keep one of them",
    ),
    "empty file": (
        ISSUE,
        "",
        f"{ISSUE}: is empty; start from 'bulletin new' or copy an earlier issue",
    ),
    "not utf-8": (
        ISSUE,
        b"---\ntitle: Caf\xe9\n---\n",
        f"{ISSUE}:2: is not UTF-8 text; save it again as UTF-8 (in most editors: File, Save As, Encoding: UTF-8)",
    ),
    "wrong type": (
        ISSUE,
        HEAD + "number: seven\n" + BODY,
        f'{ISSUE}:5: number: "seven" is not a whole number',
    ),
    "list where text belongs": (
        ISSUE,
        "---\ntitle: [a, b]\ndate: 2022-07-20\nsummary: s\n" + BODY,
        f"{ISSUE}:2: title: should be text, not a list or a group of fields",
    ),
    "missing required field": (
        ISSUE,
        "---\ntitle: Summer 2022\ndate: 2022-07-20\n" + BODY,
        f"{ISSUE}:2: summary: is missing; add a line such as 'summary: One sentence about what is in this issue.'",
    ),
    "unknown field": (
        ISSUE,
        HEAD + "sumary: x\n" + BODY,
        f'{ISSUE}:5: unknown field "sumary" (did you mean "summary"?); the fields here are: title, date, summary, number, season, topics, cover, draft, slug, next_issue, foreword, partnership_report, focus, events, courses, news, contacts, contributions',
    ),
    "impossible date": (
        ISSUE,
        "---\ntitle: Summer 2022\ndate: 2022-02-30\nsummary: s\n" + BODY,
        f'{ISSUE}:3: date: "2022-02-30" is not a date (February 2022 has 28 days)',
    ),
    "impossible time": (
        ISSUE,
        HEAD
        + "events:\n  - title: Seminar\n    start: 2022-09-26T25:00\n    online: true\n"
        + BODY,
        f'{ISSUE}:7: events[0].start: "2022-09-26T25:00" is not a date and time (there is no hour 25: the hour must be 0 to 23)',
    ),
    "date without a year": (
        ISSUE,
        "---\ntitle: Winter 2022\ndate: 2022-12-07\nsummary: s\n"
        "events:\n  - title: Seminar\n    start: 14th Jan\n    online: true\n" + BODY,
        f'{ISSUE}:7: events[0].start: "14th Jan" is not a date and time (write 2023-01-14 followed by the time it starts, such as 2023-01-14T10:00, or 2023-01-14 alone if it lasts all day)',
    ),
    "end before start": (
        ISSUE,
        HEAD
        + "events:\n  - title: Seminar\n    start: 2022-09-26T14:00\n    end: 2022-09-26T12:00\n    online: true\n"
        + BODY,
        f'{ISSUE}:6: events[0]: the event "Seminar" ends (2022-09-26T12:00) before it starts (2022-09-26T14:00); correct its start or its end',
    ),
    "unknown contact key": (
        ISSUE,
        HEAD + "contacts: [lado]\n" + BODY,
        f'{ISSUE}:5: contacts[0]: "lado" is not in the contacts directory in content/site.yaml; the keys there are: none yet',
    ),
    "unknown contact key behind a bad date": (
        ISSUE,
        HEAD
        + "events:\n  - title: Seminar\n    start: 19th Sept\n    online: true\n"
        + "contacts: [lado]\n"
        + BODY,
        f'{ISSUE}:9: contacts[0]: "lado" is not in the contacts directory in content/site.yaml; the keys there are: none yet',
    ),
    "duplicate slug": (
        "content/issues/summer-again.md",
        "---\ntitle: Again\ndate: 2022-08-01\nsummary: s\nslug: 2022-summer\n" + BODY,
        "content/issues/summer-again.md:5: slug \"2022-summer\" would write issues/2022-summer/index.html, which is the page of content/issues/2022-summer.md; rename one file or give it its own 'slug:'",
    ),
    "phone number a digit short": (
        ISSUE,
        HEAD
        + "news:\n  a:\n    actions:\n      - phone: 020 7946 066\n"
        + "---\n\n## News\n\n### A\n\nText.\n",
        f'{ISSUE}:8: news.a.actions[0].phone: "020 7946 066" is not a phone number that can be dialled in GB; check its digits, or write a number in another country with + and its country code (+33 1 23 45 67 89)',
    ),
    "missing image": (
        ISSUE,
        HEAD + "cover:\n  src: images/summer.jpg\n  alt: A park in summer\n" + BODY,
        f"{ISSUE}:6: cover.src: the image images/summer.jpg does not exist (looked for content/images/summer.jpg)",
    ),
    "very large file": (
        ISSUE,
        HEAD + BODY + ("Lots of text. " * 160_000),
        f"{ISSUE}: is 2187 KB, over the 2048 KB limit for one file",
    ),
    "yaml object tag": (
        ISSUE,
        "---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n" + BODY,
        f"{ISSUE}:2: title: uses the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system', which bulletin does not allow; remove it",
    ),
    "logo that does not exist": (
        "content/site.yaml",
        SITE + "logo:\n  src: images/logo.svg\n  alt: The partnership's logo\n",
        "content/site.yaml:9: logo.src: the image images/logo.svg does not exist (looked for content/images/logo.svg)",
    ),
    "sharing picture from another site": (
        "content/site.yaml",
        SITE + "social_image:\n  src: https://cdn.example/card.png\n  alt: The bulletin\n",
        "content/site.yaml:9: social_image.src: https://cdn.example/card.png is not in the content folder; put the image in content/images/ and write images/<name> (pages must not load anything from other sites)",
    ),
    "email logo that is an SVG": (
        "content/site.yaml",
        SITE + "email_logo:\n  src: images/logo.svg\n  alt: The partnership's logo\n",
        "content/site.yaml:8: email_logo: is shown by email programs, which do not show SVG: give a PNG (email_logo: {src: images/logo.png, alt: ...})",
    ),
    "exit this page that is neither yes nor an address": (
        "content/site.yaml",
        SITE + "exit_this_page: 3\n",
        "content/site.yaml:8: exit_this_page: is true (a button to leave for a neutral site) or the address of a neutral site to leave for (exit_this_page: https://www.bbc.co.uk/weather)",
    ),
    "typeface the theme does not have": (
        "content/site.yaml",
        SITE + "typeface: Comic Sans\n",
        'content/site.yaml:8: typeface: "Comic Sans" is not one of: Atkinson Hyperlegible Next, system',
    ),
    "link to an event the issue does not have": (
        ISSUE,
        HEAD
        + "events:\n  - title: Meet the Chair\n    start: 2022-09-07\n    online: true\n"
        + "---\n\n## Foreword\n\nSee you [on 7 September](#event:meet-chair).\n",
        f'{ISSUE}:13: the link to #event:meet-chair names no event of this issue (did you mean "#event:meet-the-chair"?); its events are: #event:meet-the-chair',
    ),
    "link to an event whose title two events share": (
        ISSUE,
        HEAD
        + "events:\n  - title: Meet the Chair\n    start: 2022-09-07\n    online: true\n"
        + "  - title: Meet the Chair\n    start: 2022-10-05\n    online: true\n"
        + "---\n\n## Foreword\n\nSee you [in September](#event:meet-the-chair).\n",
        f"{ISSUE}:16: the link to #event:meet-the-chair could be to any of 2 events of that name; name one by its day as well: #event:2022-09-07-meet-the-chair or #event:2022-10-05-meet-the-chair",
    ),
    "figure for an item the report does not have": (
        ISSUE,
        HEAD
        + "partnership_report:\n  meeting: 2022-07-04\n  figures:\n"
        + '    - value: "465"\n      label: referrals\n      item: lado\n'
        + "---\n\n## Partnership report\n\n### The LADO's annual report\n\nText.\n",
        f'{ISSUE}:10: partnership_report.figures[0].item: there is no item "lado" in the partnership report; item: must be the id of a ### heading there: the-lado-s-annual-report',
    ),
    "course with a booking and an interest link": (
        ISSUE,
        HEAD
        + "courses:\n  - title: Trauma-informed practice\n"
        + "    booking: https://example.org/book\n    interest: https://example.org/list\n"
        + BODY,
        f'{ISSUE}:6: courses[0]: the course "Trauma-informed practice" has both booking: and interest:; give booking: once places can be booked, and interest: until then',
    ),
    "event status misspelt": (
        ISSUE,
        HEAD
        + "events:\n  - title: Drop-in\n    start: 2022-09-07\n    online: true\n"
        + "    status: canceled\n"
        + BODY,
        f'{ISSUE}:9: events[0].status: "canceled" is not one of: cancelled, postponed (did you mean "cancelled"?)',
    ),
    "event start with a time-zone offset, end without": (
        ISSUE,
        HEAD
        + "events:\n  - title: Drop-in\n    start: 2022-09-07T10:00+01:00\n"
        + "    end: 2022-09-07T11:00\n    online: true\n"
        + BODY,
        f"{ISSUE}:6: events[0]: start and end must both give a time-zone offset (such as +01:00), or neither (then both are in the site's time zone)",
    ),
    "event title over two lines": (
        ISSUE,
        HEAD
        + 'events:\n  - title: "Drop-in\\nsession"\n    start: 2022-09-07\n    online: true\n'
        + BODY,
        f"{ISSUE}:6: events[0].title: is on more than one line; write it on one line",
    ),
    "issue title over two lines": (
        ISSUE,
        "---\ntitle: |\n  Summer\n  2022\ndate: 2022-07-20\nsummary: A test issue.\n" + BODY,
        f"{ISSUE}:2: title: is on more than one line; write it on one line",
    ),
    "event in the year 1": (
        ISSUE,
        HEAD
        + "events:\n  - title: Drop-in\n    start: 0001-01-01T10:00\n    online: true\n"
        + BODY,
        f"{ISSUE}:7: events[0].start: the year 1 is not a year bulletin takes (1900 to 2999); check the year",
    ),
    "event in the year 9999": (
        ISSUE,
        HEAD + "events:\n  - title: Drop-in\n    start: 9999-12-31\n    online: true\n" + BODY,
        f"{ISSUE}:7: events[0].start: the year 9999 is not a year bulletin takes (1900 to 2999); check the year",
    ),
    "issue dated in the year 9999": (
        ISSUE,
        HEAD.replace("2022-07-20", "9999-07-20") + BODY,
        f"{ISSUE}:3: date: the year 9999 is not a year bulletin takes (1900 to 2999); check the year",
    ),
    "broken site.yaml": (
        "content/site.yaml",
        "title: Bulletin\norganisation: Partnership\nbase_url: https://example.org/\ncolours:\n  brand: blue\n",
        'content/site.yaml:5: colours.brand: "blue" is not a colour; write it as a hex code such as "#1d4f91"',
    ),
}


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """A good site, already built."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "sites" / "valid" / "minimal", site)
    output = tmp_path / "published"
    assert run("build", "--site", site, "--output", output).exit_code == 0
    return site, output


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_mistake_is_explained_and_nothing_is_lost(case: str, published: tuple[Path, Path]) -> None:
    site, output = published
    relative, content, expected = CASES[case]
    path = site / relative
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    before = tree_digest(output)
    result = run("build", "--site", site, "--output", output)
    assert result.exit_code == 1
    assert expected in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.output
    assert tree_digest(output) == before


def test_a_billion_laughs_is_refused_quickly(published: tuple[Path, Path]) -> None:
    site, output = published
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]" for n in range(1, 10)]
    (site / ISSUE).write_text("---\n" + "\n".join(lines) + "\n---\n")
    before = tree_digest(output)
    started = time.perf_counter()
    result = run("build", "--site", site, "--output", output)
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert (
        f"{ISSUE}:2: uses a YAML anchor and alias (&name, *name); write each value out in full"
        in result.stderr
    )
    assert tree_digest(output) == before


def test_a_huge_issue_file_is_refused_without_being_read(published: tuple[Path, Path]) -> None:
    """A 2 GB file (sparse: it takes no disk) costs neither 2 GB of memory nor the time to
    hash it: only the limit and a byte more are ever read."""
    site, output = published
    with (site / "content/issues/huge.md").open("wb") as stream:
        stream.truncate(2 * 1024**3)
    before = tree_digest(output)
    command = [sys.executable, "-m", "bulletin", "build", "--site", str(site), "-o", str(output)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - started < 20
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert result.returncode == 1
    assert (
        "content/issues/huge.md: is 2097152 KB, over the 2048 KB limit for one file"
        in result.stderr
    )
    assert peak_kb < 400 * 1024
    assert tree_digest(output) == before


@pytest.mark.parametrize("brackets", ["[" * 20_000, "[" * 10_000 + "]" * 10_000])
def test_a_run_of_brackets_is_refused_quickly(published: tuple[Path, Path], brackets: str) -> None:
    """Markdown's inline pass is quadratic in brackets left open (20,000 took 40 s)."""
    site, output = published
    (site / ISSUE).write_text(HEAD + BODY + "\nFirst paragraph.\n\nSee " + brackets + " here.\n")
    before = tree_digest(output)
    started = time.perf_counter()
    result = run("build", "--site", site, "--output", output)
    assert time.perf_counter() - started < 10
    assert result.exit_code == 1
    count = brackets.count("[")
    message = f"{ISSUE}:13: has {count} [ brackets never closed with ] (or inside one another)"
    assert message in result.stderr, result.stderr
    assert tree_digest(output) == before


def test_links_in_plenty_are_within_the_bounds(tmp_path: Path) -> None:
    """The link-heavy benchmark issue, about 8 links per KB, is far within the budget."""
    from benchmarks.corpus import issue_text
    from bulletin.content.bounds import BRACKET_BUDGET, _bracket_cost, _paragraphs

    text = issue_text(1, True, 1) * 20  # about 400 KB
    assert sum(_bracket_cost(p)[0] for _, p in _paragraphs(text)) < BRACKET_BUDGET / 10


def test_a_huge_image_is_refused_not_published(published: tuple[Path, Path]) -> None:
    site, output = published
    (site / "content/images").mkdir(exist_ok=True)
    with (site / "content/images/scan.png").open("wb") as stream:
        stream.truncate(2 * 1024**3)  # sparse: it takes no disk
    before = tree_digest(output)
    started = time.perf_counter()
    result = run("build", "--site", site, "--output", output)
    assert time.perf_counter() - started < 20
    assert result.exit_code == 1
    assert (
        "content/images/scan.png: is 2048 MB, over the 20 MB limit for a picture; save it "
        "smaller (a photo for the web needs well under 1 MB)"
    ) in result.stderr.splitlines()
    assert tree_digest(output) == before


@pytest.mark.parametrize("marker", ["1. ", "- ", "> "])
def test_nesting_hundreds_deep_is_refused_on_its_line(
    published: tuple[Path, Path], marker: str
) -> None:
    """Python-Markdown recursed past Python's limit (exit 70) on lists 250 levels deep."""
    site, output = published
    if marker == "> ":
        nested = "> " * 300 + "deep\n"
    else:
        nested = "".join("    " * level + marker + "item\n" for level in range(300))
    (site / ISSUE).write_text(HEAD + BODY + "\n" + nested)
    before = tree_digest(output)
    result = run("build", "--site", site, "--output", output)
    assert result.exit_code == 1
    assert f"{ISSUE}:" in result.stderr and "levels deep" in result.stderr, result.stderr
    line = next(x for x in result.stderr.splitlines() if "levels deep" in x)
    assert line.endswith("; bulletin takes up to 50: indent it less")
    assert "internal error" not in result.output
    assert tree_digest(output) == before
