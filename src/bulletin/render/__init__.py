"""Render: from a `Site` to page strings, through the theme's Jinja templates."""
