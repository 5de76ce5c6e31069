"""bulletin: a static site generator for newsletters."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bulletin")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
