"""Pipeline: one build from content, theme and settings to files, redoing only what changed.

`SiteBuilder.build` is the whole pipeline without writing, so `build`,
`check`, `serve` and `publish` share one code path: settings, then issues
(through the issue memo), then the site, then every output's products
(through the memo of products), then the link checks. Made files go to the
sink the builder was given (a scratch folder on disk, or memory), and what to
do with them is the command's business. A builder remembers its last build;
`serve` keeps one alive, and `bulletin build` keeps its memory on disk
(`bulletin.cache`).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from bulletin.checks.links import PageIds, check_links
from bulletin.config import load_config
from bulletin.content.context import IssueContext
from bulletin.content.markdown import MarkdownRenderer
from bulletin.content.schema import SiteConfig
from bulletin.digest import FileDigests
from bulletin.errors import Problem, Problems
from bulletin.options import BuildOptions, build_date
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import OutputFile, in_memory
from bulletin.outputs.pagefind import PagefindRuns
from bulletin.outputs.protocol import Product
from bulletin.outputs.registry import outputs_for
from bulletin.pipeline.issues import IssueMemo
from bulletin.pipeline.maker import Maker, Outcome, Sink
from bulletin.pipeline.memo import Memo
from bulletin.pipeline.plan import declared_ids, plan_clashes, plan_outputs
from bulletin.pipeline.pool import Pool
from bulletin.pipeline.progress import Progress, no_progress
from bulletin.pipeline.result import BuildResult
from bulletin.render.theme import ThemeEnv, make_environment
from bulletin.render.theme_files import find_theme
from bulletin.render.views import site_view
from bulletin.site import Site, assemble_site


@dataclass
class Memory:
    """Everything a builder remembers between builds, in one object the cache can keep."""

    issues: IssueMemo = field(default_factory=IssueMemo)
    products: Memo = field(default_factory=Memo)


def _noted(problem: Problem, unpublished: dict[str, str]) -> Problem:
    """A problem marked as being in an issue not published yet, if it is."""
    reason = unpublished.get(problem.path, "")
    return replace(problem, unpublished=reason) if reason else problem


class SiteBuilder:
    """Builds one site, again and again, redoing only what its inputs require."""

    def __init__(
        self,
        options: BuildOptions,
        progress: Progress | None = None,
        digests: FileDigests | None = None,
        sink: Sink | None = None,
        compiled: Path | None = None,
    ) -> None:
        self.options = options
        self.progress: Progress = progress or no_progress
        self.digests = digests or FileDigests()
        self.sink: Sink = sink or in_memory
        self.memory = Memory()
        self.runs = PagefindRuns()
        self.ids = PageIds()
        self._compiled = compiled
        self._renderer = MarkdownRenderer()
        self._theme: ThemeEnv | None = None
        self._last: tuple[OutputContext, Outcome] | None = None

    def build(self) -> BuildResult:
        """Run the whole pipeline and return the files; raise BuildError on any error."""
        started = time.perf_counter()
        self.digests.next_pass()
        problems = Problems()
        config = self._config(problems)
        pool = Pool(self.options.workers, config, self.options.site_root)
        try:
            site, reloaded, unpublished = self._site(config, pool, problems)
            context = self._context(site, problems)
            outcome = self._make(context, pool, problems)
        finally:
            pool.stop()
        files = outcome.files()
        self._check_links(context, files, unpublished, problems)
        self._last = (context, outcome)
        elapsed = time.perf_counter() - started
        result = BuildResult(
            site,
            files,
            problems.warnings,
            elapsed,
            reloaded,
            outcome.rendered_pages,
            unpublished,
            self.memory.issues.full,
        )
        result.errors, result.issue_files = problems.errors, len(self.memory.issues.read)
        result.made, result.reused = outcome.made, len(outcome.entries) - outcome.made
        return result

    def _config(self, problems: Problems) -> SiteConfig:
        options = self.options
        config = load_config(
            options.site_root, problems, build_date(options.today), options.base_url
        )
        self._stop_on_errors(problems)
        assert config is not None
        if self._renderer.allow_raw_html != config.allow_raw_html:
            self._renderer = MarkdownRenderer(config.allow_raw_html)
            self.memory.issues.read.clear()
        return config

    def _site(
        self, config: SiteConfig, pool: Pool, problems: Problems
    ) -> tuple[Site, int, dict[str, str]]:
        """Every issue (reading again only those that changed) as a site, and those not
        published yet with why: all of them under `everything`, else those published."""
        root = self.options.site_root
        context = IssueContext(config, root, root / "content", self._renderer)
        issues, reloaded, found = self.memory.issues.load(
            context, self.digests, pool, self.progress
        )
        problems.extend(found)
        options = self.options
        today = build_date(options.today, config.zone)
        drafts, future = options.drafts, options.future
        site = assemble_site(
            config,
            issues,
            problems,
            drafts=drafts or options.everything,
            future=future or options.everything,
            today=today,
        )
        self._stop_on_errors(problems, going_on=options.everything)
        unpublished = self.memory.issues.unreadable() if options.everything else {}
        unpublished |= {
            issue.slug: "a draft" if issue.draft else f"an issue dated {issue.date.isoformat()}"
            for issue in issues
            if (issue.draft and not drafts) or (issue.date > today and not future)
        }
        return site, reloaded, unpublished

    def _context(self, site: Site, problems: Problems) -> OutputContext:
        options = self.options
        return OutputContext(
            site=site,
            today=build_date(options.today, site.config.zone),
            view=site_view(site, self._renderer, options.script_hashes),
            theme=self._current_theme(site.config),
            full=self.memory.issues.full,
            digests=self.digests,
            problems=problems,
            pdf=options.pdf,
        )

    def _make(self, context: OutputContext, pool: Pool, problems: Problems) -> Outcome:
        """Declare every output's products, refuse clashing paths, then make what changed."""
        options = self.options
        memo = self.memory.products
        outputs = outputs_for(context, self.runs, options.index_search, options.local_cms)
        plan = plan_outputs(outputs, memo)
        problems.extend(plan_clashes(plan))
        self._stop_on_errors(problems, going_on=options.everything)
        outcome = Maker(memo, pool, self.sink, self.progress).make(plan)
        declared, groups = declared_ids(plan)
        kept = ("links:",) if self.options.index_search else ("links:", "search:")
        memo.prune(declared + self._kept(kept), groups=groups)
        return outcome

    def _kept(self, prefixes: tuple[str, ...]) -> list[str]:
        """Products no output of this build declared, but another step still owns."""
        return [pid for pid in self.memory.products.entries() if pid.startswith(prefixes)]

    def _check_links(
        self,
        context: OutputContext,
        files: list[OutputFile],
        unpublished: dict[str, str],
        problems: Problems,
    ) -> None:
        by_path = {file.path: file for file in files}
        memo = self.memory.products
        found = check_links(context.site, context.full, by_path, unpublished, memo, self.ids)
        problems.extend(found)
        if self.options.everything:  # every problem of every file is the result, errors too
            in_file = {i.display_path: unpublished.get(i.slug, "") for i in context.site.issues}
            problems.items = [_noted(p, in_file) for p in problems.items]
        self._stop_on_errors(problems, going_on=self.options.everything)

    def search_files(self, result: BuildResult) -> list[OutputFile]:
        """The search index of a build made without one (serve makes it in the background)."""
        from bulletin.outputs.search import SearchOutput

        assert self._last is not None, "no build to index"
        context, outcome = self._last
        output = SearchOutput(context, self.runs)
        products = [p for p in output.products([]) if isinstance(p, Product)]
        maker = Maker(
            self.memory.products,
            Pool(1, context.site.config, self.options.site_root),
            self.sink,
            no_progress,
        )
        maker.outcome.entries.update(outcome.entries)
        made = maker.make([(output, products)])
        return [f for p in products if p.id in made.entries for f in made.entries[p.id].files]

    def stop_indexing(self) -> None:
        """Stop every run of Pagefind under way, for good (serve, when it stops)."""
        self.runs.stop()

    def _stop_on_errors(self, problems: Problems, going_on: bool = False) -> None:
        """Stop if there are errors (unless `going_on`, to find every problem there is, as
        check does, stopping only at the end); under --strict, warnings count as errors."""
        if self.options.strict:
            problems.make_strict()
        if not going_on:
            problems.raise_if_errors()

    def _current_theme(self, config: SiteConfig) -> ThemeEnv:
        """The Jinja environment, made again only when a template file or the settings change.

        Static folders are looked up afresh on every build (a site may gain a
        static/ folder while serve runs); only the compiled templates are kept.
        """
        root = self.options.site_root
        theme = find_theme(root)
        text = self._files_stamp(theme.template_dirs) + config.model_dump_json()
        stamp = hashlib.sha256(text.encode()).hexdigest()
        if self._theme is None or self._theme.stamp != stamp:
            env = make_environment(theme, self._compiled)
            self._theme = ThemeEnv(env, stamp, root, theme.static_dirs)
        elif self._theme.static_dirs != theme.static_dirs:
            self._theme = ThemeEnv(self._theme.env, stamp, root, theme.static_dirs)
        return self._theme

    def _files_stamp(self, folders: tuple[Path, ...]) -> str:
        """Names and content hashes of every file in some folders."""
        entries = [
            f"{path}:{self.digests.digest(path)}"
            for folder in folders
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]
        return hashlib.sha256("\n".join(entries).encode()).hexdigest()
