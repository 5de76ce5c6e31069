"""Outputs: the theme's static files, the site's colours and the content's images.

CSS and JavaScript file names carry a hash of their content, so a browser
never shows a stale style after an update and the files can be cached for ever.
Symbolic links that lead outside their folder are not followed: a pull request
must not be able to publish files from the machine that builds the site.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from bulletin.content.schema import SiteConfig
from bulletin.content.source import leads_outside
from bulletin.errors import Problems
from bulletin.outputs.files import OutputFile, short_hash

HASHED_SUFFIXES = (".css", ".js")
COLOURS_CSS = "css/colours.css"


def static_files(
    static_dirs: tuple[Path, ...],
    content_dir: Path,
    config: SiteConfig,
    site_root: Path,
    problems: Problems,
) -> tuple[list[OutputFile], dict[str, str]]:
    """Every static output file, and a map from each source name to its published path."""
    chosen: dict[str, Path] = {}
    for folder in reversed(static_dirs):  # later folders are overridden by earlier ones
        chosen.update(_files_under(folder, site_root, problems))
    outputs: list[OutputFile] = []
    assets: dict[str, str] = {}
    for name in sorted(chosen):
        output = _publish(name, chosen[name])
        outputs.append(output)
        assets[name] = output.path
    colours = _publish_bytes(COLOURS_CSS, colours_css(config))
    outputs.append(colours)
    assets[COLOURS_CSS] = colours.path
    images = content_dir / "images"
    for name, path in sorted(_files_under(images, site_root, problems).items()):
        outputs.append(OutputFile(f"images/{name}", source=path))
    return outputs, assets


def _files_under(folder: Path, site_root: Path, problems: Problems) -> dict[str, Path]:
    """Files below a folder by their POSIX names, skipping hidden files and outside links."""
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if not leads_outside(path, folder, site_root, problems):
            found[relative.as_posix()] = path
    return found


def _publish(name: str, path: Path) -> OutputFile:
    if name.endswith(HASHED_SUFFIXES):
        return _publish_bytes(name, path.read_bytes())
    return OutputFile(f"static/{name}", source=path)


def _publish_bytes(name: str, data: bytes) -> OutputFile:
    pure = PurePosixPath(name)
    hashed = pure.with_name(f"{pure.stem}.{short_hash(data)}{pure.suffix}")
    return OutputFile(f"static/{hashed.as_posix()}", data=data)


def colours_css(config: SiteConfig) -> bytes:
    """The site's colours as CSS custom properties, which the theme's stylesheet uses."""
    colours = config.colours
    return f":root{{--brand:{colours.brand};--accent:{colours.accent}}}\n".encode()
