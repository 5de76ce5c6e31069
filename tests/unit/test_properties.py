"""Property-based tests: whatever an editor writes, bulletin answers with its own errors.

Random front matter (as YAML, and as raw text) and random Markdown bodies go
through parsing, validation, assembly and rendering. A crash of any other
kind would reach the editor as a traceback; none may escape.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.commands.build import build_in_memory
from bulletin.content.issue import IssueContext, load_issue
from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.schema import Event, FrontMatter, SiteConfig
from bulletin.errors import BuildError, Problems
from bulletin.options import BuildOptions

KEYS = [*FrontMatter.model_fields, *Event.model_fields, "author", "meeting", "src", "alt", "x"]
SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat(timespec="minutes")),
    st.sampled_from(
        ["2022-02-30", "19th Sept", "#fff", "https://e.org", "a@b.org", "020 7946 0000"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FRONT = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), VALUES, max_size=10)
PIECES = [
    "## Foreword",
    "## Partnership report",
    "## Priorities",
    "### 1. First",
    "### 1. Again",
    "### No number",
    "## Focus on the team",
    "## Events",
    "## News",
    "## News {#news}",
    "## Contacts",
    "# Title",
    "#### Deep",
    "> A quote\n> -- a parent",
    "[a link](#)",
    "[spring](2022-spring.md#x)",
    "![](images/x.png)",
    "![pic](https://e.org/x.png)",
    "```\n## in code",
    "<script>alert(1)</script>",
    '<a href="javascript:x">x</a>',
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "[ref]: https://e.org",
    "TODO",
    "---",
]
BODY = st.lists(st.sampled_from(PIECES) | st.text(max_size=40), max_size=14).map("\n\n".join)

CONFIG = SiteConfig.model_validate(
    {
        "title": "T",
        "organisation": "O",
        "base_url": "https://e.org/",
        "contacts": {"office": {"name": "Office"}},
    }
)
RELAXED = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def context_for(site: Path) -> IssueContext:
    (site / "content" / "issues").mkdir(parents=True, exist_ok=True)
    return IssueContext(CONFIG, site, site / "content", MarkdownRenderer())


@RELAXED
@given(front=FRONT, body=BODY)
def test_any_front_matter_and_body_give_an_issue_or_problems(
    tmp_path: Path, front: dict[str, object], body: str
) -> None:
    context = context_for(tmp_path)
    path = tmp_path / "content" / "issues" / "random.md"
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body)
    problems = Problems()
    issue = load_issue(path, context, problems)
    assert (issue is None) == bool(problems.errors)


@RELAXED
@given(text=st.text(max_size=400))
def test_any_text_at_all_gives_an_issue_or_problems(tmp_path: Path, text: str) -> None:
    context = context_for(tmp_path)
    path = tmp_path / "content" / "issues" / "random.md"
    path.write_text(text)
    problems = Problems()
    issue = load_issue(path, context, problems)
    assert (issue is None) == bool(problems.errors)


@RELAXED
@given(data=st.binary(max_size=300))
def test_any_bytes_give_an_issue_or_problems(tmp_path: Path, data: bytes) -> None:
    context = context_for(tmp_path)
    path = tmp_path / "content" / "issues" / "random.md"
    path.write_bytes(b"---\n" + data)
    load_issue(path, context, Problems())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front=FRONT, body=BODY)
def test_a_whole_build_raises_nothing_but_build_errors(
    tmp_path: Path, front: dict[str, object], body: str
) -> None:
    context_for(tmp_path)
    (tmp_path / "content" / "site.yaml").write_text(
        "title: T\norganisation: O\nbase_url: https://e.org/\n"
    )
    good = {"title": "Summer 2022", "date": "2022-07-20", "summary": "S."}
    text = "---\n" + yaml.safe_dump(good | front, allow_unicode=True) + "---\n" + body
    (tmp_path / "content" / "issues" / "random.md").write_text(text)
    with contextlib.suppress(BuildError):
        build_in_memory(BuildOptions(tmp_path))
