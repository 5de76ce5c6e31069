"""Checks: external links, fetched concurrently with a timeout (only when asked).

Off by default, because builds run offline and other sites come and go; in
`bulletin check --external` a link that does not answer is an error.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bulletin.checks.links import issue_links
from bulletin.checks.settings import SETTINGS, contact_links, contribution_links
from bulletin.content.models import FullIssue, Issue
from bulletin.errors import Problems
from bulletin.site import Site

USER_AGENT = "bulletin-link-check/1 (+https://pypi.org/project/bulletin/)"


@dataclass(frozen=True)
class _Use:
    path: str
    line: int | None


def check_external(
    site: Site,
    full: Callable[[Issue], FullIssue],
    problems: Problems,
    timeout: float = 10,
    workers: int = 8,
) -> int:
    """Fetch every external address once; record each use of one that fails. Returns the count."""
    uses = _external_uses(site, full)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        failures = dict(zip(uses, pool.map(lambda u: fetch_problem(u, timeout), uses), strict=True))
    for url, failure in sorted(failures.items()):
        if failure:
            for use in uses[url]:
                problems.add(use.path, use.line, f"the link to {url} does not work: {failure}")
    return len(uses)


def _external_uses(site: Site, full: Callable[[Issue], FullIssue]) -> dict[str, list[_Use]]:
    uses: dict[str, list[_Use]] = defaultdict(list)
    for issue in map(full, site.issues):
        for link in issue_links(issue):
            if link.target.startswith(("http://", "https://")):
                uses[link.target].append(_Use(issue.display_path, link.line))
        for event in issue.events:
            if event.booking:
                uses[event.booking].append(_Use(issue.display_path, event.line))
        for section in issue.sections:
            for item in section.items:
                for action in item.actions:
                    if action.url:
                        uses[action.url].append(_Use(issue.display_path, item.line))
    _settings_uses(site, uses)
    return uses


def _settings_uses(site: Site, uses: dict[str, list[_Use]]) -> None:
    """The addresses in site.yaml: the call for contributions, and contacts' pages and forms."""
    for setting in (*contribution_links(site.config), *contact_links(site.config)):
        if setting.target.startswith(("http://", "https://")):
            uses[setting.target].append(_Use(SETTINGS, setting.line))


def fetch_problem(url: str, timeout: float) -> str | None:
    """Why an address does not answer well, or None if it does."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):
                continue  # some servers refuse HEAD but answer GET
            return f"the server answered {err.code} {err.reason}"
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return f"no answer within {timeout:g} s"
            return f"cannot connect ({reason})"
    return None
