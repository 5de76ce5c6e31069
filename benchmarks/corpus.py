"""Generate a deterministic newsletter site of N issues for benchmarks.

Each issue is about 20 KB of Markdown and uses every section kind: a signed
foreword, a partnership report with figures, numbered priorities, a focus
feature with attributed quotes, events, news with calls to action, and
contacts. The same N and variant always give the same bytes. Issues are
weekly, the last on 31 December 2025, so that every tool publishes every one
of them (a corpus too big to be weekly since 1990, such as 10,000 issues, is
daily instead).

    python benchmarks/corpus.py 1000 /tmp/corpus-1000
    python benchmarks/corpus.py 1000 /tmp/corpus-links --links

The link-heavy variant has about 8 links and 6 list items per KB (measured:
8.4 and 6.1 over 20 issues), like a busy weekly newsletter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

_VOCABULARY = """
partnership safeguarding children families practitioners schools health police training
review learning support early help referral assessment neighbourhood community young people
carers agencies plan meeting board report priority risk service team outreach exploitation
neglect adolescents transition housing advice parents listening voice consent wellbeing
feedback evidence practice guidance strategy audit inspection quality response together local
borough summer autumn winter spring workshop briefing seminar conference volunteers foster
kinship recovery resilience attendance records sharing information consent trust
"""
WORDS = tuple(_VOCABULARY.split())

SITE_YAML = """\
title: Benchmark Bulletin
organisation: Benchmark Safeguarding Partnership
base_url: https://bench.example/
accessibility:
  email: access@example.org
  prepared: 2022-01-10
  reviewed: 2022-06-01
contacts:
  partnership:
    name: The partnership team
    email: team@bench.example
    phone:
      - number: 020 7946 0100
        label: Office hours
        hours: Monday to Friday, 9am to 5pm
    web: https://www.bench.example/partnership
  referrals:
    name: Child Protection Referrals
    email: referrals@bench.example
    phone:
      - number: 020 7946 0200
        label: Office hours
      - number: 020 7946 0299
        label: Out of hours
        hours: Evenings and weekends
"""

TARGET_BYTES = 20_000


class Writer:
    """Deterministic prose from a fixed word list."""

    def __init__(self, seed: int, links: bool) -> None:
        self.random = random.Random(seed)
        self.links = links
        self.link_count = 0

    def sentence(self) -> str:
        words = self.random.choices(WORDS, k=self.random.randint(8, 18))
        if self.links and self.random.random() < 0.45:
            for position in self.random.sample(range(len(words)), k=1):
                self.link_count += 1
                target = f"https://www.bench.example/{words[position]}/{self.link_count}"
                words[position] = f"[{words[position]}]({target})"
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        lines, line = [], ""
        for word in " ".join(self.sentence() for _ in range(self.random.randint(3, 6))).split():
            if len(line) + len(word) > 76:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "\n".join([*lines, line])

    def bullets(self, count: int) -> str:
        return "\n".join(
            f"- [{self.random.choice(WORDS)}](https://www.bench.example/l/{n})"
            for n in range(count)
        )

    def prose(self, paragraphs: int) -> str:
        parts = []
        for _ in range(max(1, paragraphs - 1) if self.links else paragraphs):
            parts.append(self.paragraph())
            if self.links:  # short linked lists, as in a weekly round-up
                parts.append(self.bullets(self.random.randint(5, 7)))
        return "\n\n".join(parts)


#: The last issue's date: every issue is in the past, so every issue is published.
LAST_DAY = dt.date(2025, 12, 31)
#: Issues are weekly back from LAST_DAY, or daily if weekly would start before this.
EARLIEST_WEEKLY = dt.date(1990, 1, 1)


def issue_date(number: int, count: int) -> dt.date:
    """Issue `number` of `count`: weekly up to the end of 2025 (daily for a very big corpus)."""
    weekly = count * 7 <= (LAST_DAY - EARLIEST_WEEKLY).days
    return LAST_DAY - dt.timedelta(days=(7 if weekly else 1) * (count - number))


def issue_text(number: int, links: bool, count: int) -> str:
    """One issue of about 20 KB, the `number`th of `count`."""
    write = Writer(number, links)
    date = issue_date(number, count)
    front = _front_matter(number, date)
    body = [
        f"## Foreword\n\n{write.prose(3)}",
        f"## Partnership report\n\n{write.paragraph()}\n\n"
        + "\n\n".join(f"### Item {n}\n\n{write.prose(2)}" for n in (1, 2, 3)),
        "## Priorities\n\n"
        + "\n\n".join(
            f"### {n}. Priority {n} of issue {number}\n\n{write.prose(1)}" for n in (2, 1, 3)
        ),
        f"## Focus on ... team {number}\n\n{write.prose(2)}\n\n"
        "> We were heard, and things changed for us.\n> -- a parent\n\n"
        f"### How the team works\n\n{write.prose(2)}",
        f"## Events and training\n\n{write.paragraph()}",
        "## News\n\n"
        + "\n\n".join(f"### Story {n} {{#story-{n}}}\n\n{write.prose(2)}" for n in (1, 2, 3)),
        "## Contacts\n\nIf a child is in immediate danger, call 999.",
    ]
    if number > 1:
        body[0] += f"\n\nLast time: [the previous issue](issue-{number - 1:05d}.md#priorities)."
    text = front + "\n\n".join(body) + "\n"
    while len(text.encode()) < TARGET_BYTES:
        text += f"\n### More news {len(text)}\n\n{write.prose(2)}\n"
    return text


def _front_matter(number: int, date: dt.date) -> str:
    event_day = date + dt.timedelta(days=10)
    return f"""---
title: Issue {number}
date: {date.isoformat()}
number: {number}
summary: Week {number} of the benchmark newsletter, with every kind of section.
topics: [training, exploitation]
foreword:
  author: Sam Sample
  role: Independent Chair
partnership_report:
  meeting: {(date - dt.timedelta(days=3)).isoformat()}
  figures:
    - value: "{number % 500}"
      label: referrals this quarter
events:
  - title: Briefing {number}
    start: {event_day.isoformat()}T10:00
    end: {event_day.isoformat()}T11:30
    online: true
    booking: https://www.bench.example/book/{number}
  - title: Workshop {number}
    kind: training
    start: {(event_day + dt.timedelta(days=1)).isoformat()}
    place: Civic Centre
news:
  story-1:
    actions:
      - label: Call the team
        phone: 020 7946 0100
      - url: https://www.bench.example/story/{number}
contacts: [partnership, referrals]
---

"""


def generate(count: int, folder: Path, links: bool = False) -> Path:
    """Write a site of `count` issues into folder and return it."""
    issues = folder / "content" / "issues"
    issues.mkdir(parents=True, exist_ok=True)
    (folder / "content" / "site.yaml").write_text(SITE_YAML)
    for number in range(1, count + 1):
        (issues / f"issue-{number:05d}.md").write_text(issue_text(number, links, count))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--links", action="store_true", help="the link-heavy variant")
    arguments = parser.parse_args()
    generate(arguments.count, arguments.folder, arguments.links)
    print(f"Wrote {arguments.count} issues to {arguments.folder}")


if __name__ == "__main__":
    main()
