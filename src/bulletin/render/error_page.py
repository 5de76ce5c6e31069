"""Render: the page the preview shows in place of every page while the site cannot be built.

Plain and self-contained (its own small style, no theme), since the theme's
own templates may be what is broken; it lists the same lines as the terminal.
"""

from __future__ import annotations

import html

from bulletin.errors import Problem


def error_page(problems: list[Problem]) -> bytes:
    """A plain page listing a failed build's problems, the same lines as the terminal."""
    items = "\n".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed - bulletin preview</title>
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem;color:#0b0c0c}}
h1{{color:#b10e1e}}li{{margin:.5rem 0}}code{{white-space:pre-wrap}}</style>
</head>
<body>
<main>
<h1>The preview could not be rebuilt</h1>
<p>Fix these problems and save; this page reloads by itself.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
""".encode()
