"""Outputs: the registry, every kind of output a build makes, in the order it prefers.

The builder orders them by what each needs (`protocol.ordered`); among those
free to go, this order stands: outputs whose work goes to the pool of
processes (calendars, email editions) come first, so that the pool can stop
before the pages are rendered and the search index is made beside them
(each of the two takes about 100 MB).
"""

from __future__ import annotations

from bulletin.outputs.admin import AdminOutput
from bulletin.outputs.calendar import CalendarOutput
from bulletin.outputs.context import OutputContext
from bulletin.outputs.crawlers import CrawlersOutput
from bulletin.outputs.email import EmailOutput
from bulletin.outputs.feeds import FeedsOutput
from bulletin.outputs.pagefind import PagefindRuns
from bulletin.outputs.pages import PagesOutput
from bulletin.outputs.pdf import PdfOutput
from bulletin.outputs.protocol import Output
from bulletin.outputs.search import SearchOutput
from bulletin.outputs.static import StaticOutput


def outputs_for(
    context: OutputContext, runs: PagefindRuns, search: bool = True, local_cms: str | None = None
) -> list[Output]:
    """Every output of a build (the search index only if asked for: serve makes it later)."""
    outputs: list[Output] = [
        StaticOutput(context),
        CalendarOutput(context),
        EmailOutput(context),
        PdfOutput(context),
        PagesOutput(context),
        FeedsOutput(context),
        CrawlersOutput(context),
        AdminOutput(context, local_cms),
    ]
    if search:
        outputs.append(SearchOutput(context, runs))
    return outputs
