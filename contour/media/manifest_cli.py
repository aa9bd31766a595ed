"""`contour manifest create`: write a CVAT media manifest for local images, point clouds or one video.

Like CVAT's dataset-manifest tool: image paths are relative to the sources' common folder (a folder
source is its own root), context images are found and attached rather than listed as frames, and
checksums are always written.
"""

from __future__ import annotations

import glob
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from contour.errors import ValidationError
from contour.media.images import is_image, sort_names
from contour.media.manifest import MANIFEST_NAME, write_images_manifest, write_video_manifest
from contour.media.related import split_related

manifest_app = typer.Typer(help="Create CVAT media manifests (manifest.jsonl).", no_args_is_help=True)


@manifest_app.callback()
def _group() -> None:
    """Create CVAT media manifests (manifest.jsonl)."""
    # A callback keeps `create` a named sub-command: a one-command Typer app would otherwise collapse.


class Sorting(StrEnum):
    lexicographical = "lexicographical"
    natural = "natural"
    predefined = "predefined"


@manifest_app.command()
def create(
    sources: Annotated[
        list[str],
        typer.Argument(help="Image or .pcd files, folders (searched recursively), glob patterns, or one video file"),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing manifest")] = False,
    output_dir: Annotated[Path, typer.Option("--output-dir", help="Folder to write manifest.jsonl into")] = Path("."),
    sorting: Annotated[
        Sorting, typer.Option(help="Frame order; predefined keeps the order the sources name the files in")
    ] = Sorting.lexicographical,
) -> None:
    """Write OUTPUT_DIR/manifest.jsonl for the given media."""
    output = output_dir / MANIFEST_NAME
    if output.exists() and not force:
        _fail(f"{output} already exists; pass --force to overwrite it")
    try:
        files, anchors = _collect(sources)
        from contour.media.video import is_video  # lazy: importing PyAV is not free

        videos = [file for file in files if is_video(file)]
        if videos:
            if len(videos) > 1 or len(files) > 1:
                raise ValidationError("A manifest describes one video, or images only: do not mix them")
            output_dir.mkdir(parents=True, exist_ok=True)
            manifest = write_video_manifest(videos[0], output, checksums=True)
            typer.echo(
                f"{output}: video {manifest.name}, {manifest.length} frames, {len(manifest.keyframes)} key frames"
            )
            return
        root = Path(os.path.commonpath(anchors))
        relative = [file.relative_to(root).as_posix() for file in files]
        media, related = split_related(relative)
        media = sort_names(media, sorting.value)
        output_dir.mkdir(parents=True, exist_ok=True)
        count = write_images_manifest(root, media, output, checksums=True, related=related)
    except ValidationError as error:
        _fail("; ".join(message for messages in error.fields.values() for message in messages))
    typer.echo(f"{output}: {count} images")


def _collect(sources: list[str]) -> tuple[list[Path], list[Path]]:
    """(media files in the order named, folders their paths are relative to)."""
    files: dict[Path, None] = {}  # ordered and without repeats
    anchors: list[Path] = []
    for source in sources:
        if any(char in source for char in "*?["):
            matches = [Path(os.path.abspath(match)) for match in sorted(glob.glob(source, recursive=True))]
            if not matches:
                raise ValidationError(f"{source}: matches no files")
            for match in matches:
                found = _folder_media(match) if match.is_dir() else [match] if _is_media(match) else []
                files.update(dict.fromkeys(found))
                anchors.append(match if match.is_dir() else match.parent)
            continue
        path = Path(os.path.abspath(source))
        if path.is_dir():
            files.update(dict.fromkeys(_folder_media(path)))
            anchors.append(path)
        elif path.is_file():
            if not _is_media(path):
                raise ValidationError(f"{source}: not an image, a .pcd point cloud or a video")
            files[path] = None
            anchors.append(path.parent)
        else:
            raise ValidationError(f"{source}: no such file or folder")
    if not files:
        raise ValidationError("No images, point clouds or videos found in the sources")
    return list(files), anchors


def _folder_media(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and _is_media(path))


def _is_media(path: Path) -> bool:
    from contour.media.video import is_video

    return is_image(path) or path.suffix.lower() == ".pcd" or is_video(path)


def _fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)
