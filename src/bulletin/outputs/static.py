"""Outputs: the theme's static files, the site's colours and the content's images.

CSS and JavaScript file names carry a hash of their content, so a browser
never shows a stale style after an update and the files can be cached for ever.
Symbolic links that lead outside their folder are not followed: a pull request
must not be able to publish files from the machine that builds the site.

Each file is a product whose inputs are its source's name and content hash,
so a file is copied again only when its bytes change; other outputs find a
static file's published path among these products (`asset_paths`).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bulletin import urls
from bulletin.content.pictures import PICTURE_TYPES, picture_problem
from bulletin.content.schema import Colours
from bulletin.content.schema_look import Typeface
from bulletin.content.source import display_path, leads_outside
from bulletin.digest import FileDigests, file_hash
from bulletin.errors import Problems
from bulletin.outputs.context import OutputContext
from bulletin.outputs.files import copied, made
from bulletin.outputs.protocol import Declared, Made, Origin, Product, Results

HASHED_SUFFIXES = (".css", ".js")
COLOURS_CSS = "css/colours.css"
#: Every static product's id starts so, followed by the file's source name.
STATIC = "static:"
IMAGE = "image:"


@dataclass(frozen=True, eq=False)
class Source:
    """A file to publish: its name, where it is, and its size and content hash."""

    name: str
    path: Path
    size: int
    digest: str


class StaticOutput:
    """The theme's static files (site's first), the site's colours, and content/images."""

    name = "static"
    needs: tuple[str, ...] = ()

    def __init__(self, context: OutputContext) -> None:
        self.context = context

    def products(self, declared: Sequence[Declared]) -> Iterable[Product]:
        """A product per file."""
        context = self.context
        root = context.theme.site_root
        chosen: dict[str, Path] = {}
        for folder in reversed(context.theme.static_dirs):  # earlier folders override
            chosen.update(files_under(folder, root, context.problems))
        for name in sorted(chosen):
            source = _source(name, chosen[name], context.digests)
            yield _static_product(source, display_path(chosen[name], root))
        config = context.site.config
        yield _colours_product(config.colours, config.typeface)
        images = files_under(
            context.content_dir / "images", root, context.problems, MAX_IMAGE_BYTES
        )
        for name, path in sorted(images.items()):
            if not _safe_picture(path, display_path(path, root), context.problems):
                continue
            source = _source(name, path, context.digests)
            origin = Origin(display_path(path, root), what=f"the image {name}")
            yield Product(IMAGE + name, (urls.IMAGES + name,), origin, source, _copy)


def asset_paths(declared: Sequence[Declared]) -> dict[str, str]:
    """Where each static file is published, by its source name (css/bulletin.css)."""
    return {
        product.id.removeprefix(STATIC): product.paths[0]
        for product in declared
        if product.id.startswith(STATIC)
    }


def site_files(declared: Sequence[Declared]) -> tuple[str, ...]:
    """The ids of every static file and image: what a print edition may load."""
    return tuple(p.id for p in declared if p.id.startswith((STATIC, IMAGE)))


#: The largest picture published: readers on phones pay for every byte (a photo for the web
#: needs well under 1 MB), and a 2 GB file put there by mistake must not be copied.
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def files_under(
    folder: Path, site_root: Path, problems: Problems, limit: int | None = None
) -> dict[str, Path]:
    """Files below a folder by their POSIX names, skipping hidden files and outside links,
    and files over the `limit` in bytes, with a message."""
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if leads_outside(path, folder, site_root, problems):
            continue
        if limit is not None and path.stat().st_size > limit:
            size, most = path.stat().st_size // 1024**2, limit // 1024**2
            problems.add(
                display_path(path, site_root),
                None,
                f"is {size} MB, over the {most} MB limit for a picture; save it smaller "
                "(a photo for the web needs well under 1 MB)",
            )
            continue
        found[relative.as_posix()] = path
    return found


def _safe_picture(path: Path, shown: str, problems: Problems) -> bool:
    """Whether an image is published: only a picture that can do nothing but draw is."""
    try:
        problem = picture_problem(path)
    except OSError as err:
        problems.add(
            shown,
            None,
            f"could not be read ({err.strerror}), so it is not published; give this user "
            f"permission to read it (for example: chmod a+r {shlex.quote(shown)}), or remove it",
        )
        return False
    if problem is None:
        return True
    problems.add(
        shown,
        None,
        f"{problem}, so it is not published: content/images/ may hold only pictures "
        f"({PICTURE_TYPES}) that do nothing but draw; remove it or save it again as a picture",
    )
    return False


def _source(name: str, path: Path, digests: FileDigests) -> Source:
    size, _, digest = digests.stamp(path)
    return Source(name, path, size, digest)


def _static_product(source: Source, shown: str) -> Product:
    origin = Origin(shown, what=f"the theme's file {source.name}")
    if source.name.endswith(HASHED_SUFFIXES):
        path = urls.STATIC + hashed_name(source.name, source.digest)
        return Product(STATIC + source.name, (path,), origin, (path, source), _read_into)
    path = urls.STATIC + source.name
    return Product(STATIC + source.name, (path,), origin, (path, source), _copy_to)


def _colours_product(colours: Colours, typeface: Typeface) -> Product:
    css = colours_css(colours, typeface)
    path = urls.STATIC + hashed_name(COLOURS_CSS, file_hash(css))
    origin = Origin("content/site.yaml", what="the site's colours and typeface")
    return Product(STATIC + COLOURS_CSS, (path,), origin, (path, css), _written)


def hashed_name(name: str, digest: str) -> str:
    """css/bulletin.css with its content hash: css/bulletin.0123456789.css."""
    pure = PurePosixPath(name)
    return pure.with_name(f"{pure.stem}.{digest[:10]}{pure.suffix}").as_posix()


def _copy(source: Source, results: Results) -> Made:
    return Made((copied(urls.IMAGES + source.name, source.path, source.digest, source.size),))


def _copy_to(inputs: tuple[str, Source], results: Results) -> Made:
    path, source = inputs
    return Made((copied(path, source.path, source.digest, source.size),))


def _read_into(inputs: tuple[str, Source], results: Results) -> Made:
    path, source = inputs
    return Made((made(path, source.path.read_bytes()),))


def _written(inputs: tuple[str, bytes], results: Results) -> Made:
    path, data = inputs
    return Made((made(path, data),))


#: The reader's own device fonts: what `typeface: system` asks for, and the fallback.
SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'


def colours_css(colours: Colours, typeface: Typeface = "system") -> bytes:
    """The site's colours and typeface as CSS custom properties, which the theme uses.

    A font the stylesheet declares is downloaded only where a rule uses it, so
    a site on system fonts never fetches the theme's own.
    """
    font = SYSTEM_FONTS if typeface == "system" else f'"{typeface}", {SYSTEM_FONTS}'
    return f":root{{--brand:{colours.brand};--accent:{colours.accent};--font:{font}}}\n".encode()
