"""Build: content, theme and settings in; a site on disk (or in memory) out.

`build_in_memory` is the whole pipeline without writing, so `check`, `serve`
and the tests share one code path with `build`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.config import load_config
from bulletin.content.issue import IssueContext, load_issue
from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.models import Issue
from bulletin.content.source import discover_issue_files
from bulletin.errors import Problem, Problems
from bulletin.outputs.files import OutputFile
from bulletin.outputs.static import static_files
from bulletin.render.pages import render_pages
from bulletin.render.theme import find_theme, make_environment
from bulletin.site import Site, assemble_site
from bulletin.write import check_output_folder, write_site


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked to do."""

    site_root: Path
    output: Path | None = None
    drafts: bool = False
    base_url: str | None = None

    @property
    def output_dir(self) -> Path:
        """The output folder: _site in the site folder unless told otherwise."""
        return self.output if self.output is not None else self.site_root / "_site"


@dataclass
class BuildResult:
    """A finished build: the site, its files and anything worth a warning."""

    site: Site
    files: list[OutputFile]
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pages(self) -> int:
        """How many HTML pages the site has."""
        return sum(1 for f in self.files if f.path.endswith(".html"))

    def summary(self, output: Path) -> str:
        """The one line printed after a build."""
        issues = len(self.site.issues)
        noun = "issue" if issues == 1 else "issues"
        return (
            f"Built {issues} {noun}, {self.pages} pages in {self.seconds:.2f} s -> "
            f"{_shown(output)}/"
        )


def build_in_memory(options: BuildOptions) -> BuildResult:
    """Run the whole pipeline and return the files; raise BuildError on any error."""
    started = time.perf_counter()
    root = options.site_root
    problems = Problems()
    config = load_config(root, problems, options.base_url)
    problems.raise_if_errors()
    assert config is not None
    renderer = MarkdownRenderer()
    content_dir = root / "content"
    context = IssueContext(config, root, content_dir, renderer)
    issues = [load_issue(path, context, problems) for path in discover_issue_files(content_dir)]
    loaded = [issue for issue in issues if isinstance(issue, Issue)]
    site = assemble_site(config, loaded, options.drafts, problems)
    problems.raise_if_errors()
    theme = find_theme(root)
    static, assets = static_files(theme.static_dirs, content_dir, config, root, problems)
    env = make_environment(theme)
    pages = render_pages(site, env, assets, renderer, root)
    files = sorted(pages + static, key=lambda f: f.path)
    elapsed = time.perf_counter() - started
    return BuildResult(site, files, problems.warnings, elapsed)


def build(options: BuildOptions) -> BuildResult:
    """Build and write the site; the previous output survives any failure."""
    started = time.perf_counter()
    output = options.output_dir
    check_output_folder(output, [options.site_root, options.site_root / "content"])
    result = build_in_memory(options)
    write_site(result.files, output)
    result.seconds = time.perf_counter() - started
    return result


def _shown(path: Path) -> str:
    """A path as short as it can be written from the current folder."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
