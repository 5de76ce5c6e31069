"""bulletin: a static site generator for newsletters."""

#: The release, read by the packaging (pyproject.toml) from here. A literal, not
#: importlib.metadata: asking the metadata costs 50 ms on every command, and a
#: build that finds nothing to do must start and finish in a fraction of that.
__version__ = "0.1.0"
