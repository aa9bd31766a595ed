"""CVAT media manifests (`manifest.jsonl`): write them for images or a video, read and validate them.

A manifest lets task creation trust frame sizes instead of probing every file. Checksums follow
CVAT's dataset-manifest tool, so manifests made by either tool agree: an image's checksum is the md5
of its decoded pixels (Pillow's `tobytes()`, before any EXIF rotation), a video key frame's the md5
of that frame's RGB pixels. A point cloud has no decoded form here, so its checksum is the file's md5.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import orjson

from contour.errors import ValidationError
from contour.media.images import pixels_md5, probe_image
from contour.media.pointclouds import is_point_cloud, probe_point_cloud

MANIFEST_NAME = "manifest.jsonl"
VERSION = "1.1"
SUPPORTED_VERSIONS = frozenset({"1.0", "1.1"})


@dataclass(frozen=True)
class ImageEntry:
    name: str  # relative path without its extension
    extension: str  # with its dot, e.g. ".jpg"
    width: int
    height: int
    checksum: str | None = None
    related_images: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return self.name + self.extension


@dataclass(frozen=True)
class ImagesManifest:
    version: str
    entries: tuple[ImageEntry, ...]

    def sizes(self) -> dict[str, tuple[int, int]]:
        """Relative path (name + extension) -> (width, height): what task creation need not probe."""
        return {entry.path: (entry.width, entry.height) for entry in self.entries}


@dataclass(frozen=True)
class KeyFrame:
    number: int
    pts: int
    checksum: str | None = None


@dataclass(frozen=True)
class VideoManifest:
    version: str
    name: str
    width: int
    height: int
    length: int
    keyframes: tuple[KeyFrame, ...]


def write_images_manifest(
    root: Path,
    relative_paths: Sequence[str],
    output: Path,
    *,
    checksums: bool,
    related: Mapping[str, Sequence[str]] | None = None,
) -> int:
    """Write an images manifest for `root / path` in the given order; returns the number of entries."""
    related = related or {}
    lines: list[dict[str, Any]] = [{"version": VERSION}, {"type": "images"}]
    for relative in relative_paths:
        path = root / relative
        name, extension = _split_extension(relative)
        line: dict[str, Any] = {"name": name, "extension": extension}
        if is_point_cloud(path):
            cloud = probe_point_cloud(path)
            line.update(width=cloud.width, height=cloud.height)
        else:
            info = probe_image(path)
            line.update(width=info.width, height=info.height)
        if related.get(relative):
            line["meta"] = {"related_images": list(related[relative])}
        if checksums:
            line["checksum"] = file_checksum(path) if is_point_cloud(path) else pixels_md5(path)
        lines.append(line)
    _write_lines(lines, output)
    return len(relative_paths)


def write_video_manifest(video: Path, output: Path, *, checksums: bool) -> VideoManifest:
    """Write a video manifest (properties and key frames) and return what was written."""
    from contour.media.video import probe_video  # lazy: PyAV is only needed for videos

    info = probe_video(video)
    if checksums:
        from contour.media.video import keyframe_manifest_lines

        keyframes = [_parse_keyframe(line, n, video) for n, line in enumerate(keyframe_manifest_lines(video, info), 4)]
    else:
        keyframes = [KeyFrame(number=number, pts=pts) for number, pts in info.keyframes]
    manifest = VideoManifest(
        version=VERSION,
        name=video.name,
        width=info.width,
        height=info.height,
        length=info.frame_count,
        keyframes=tuple(keyframes),
    )
    properties = {"name": manifest.name, "resolution": [manifest.width, manifest.height], "length": manifest.length}
    lines: list[dict[str, Any]] = [{"version": VERSION}, {"type": "video"}, {"properties": properties}]
    for key in keyframes:
        lines.append({"number": key.number, "pts": key.pts, **({"checksum": key.checksum} if key.checksum else {})})
    _write_lines(lines, output)
    return manifest


def read_manifest(path: Path) -> ImagesManifest | VideoManifest:
    """Parse and validate a manifest; any problem raises ValidationError naming the line."""
    lines = _read_lines(path)
    if not lines:
        raise ValidationError(f"{path.name}: the manifest is empty")
    version_line, first = lines[0]
    if not isinstance(first, dict) or first.get("version") not in SUPPORTED_VERSIONS:
        raise _bad(path, version_line, f"expected a version line with one of {sorted(SUPPORTED_VERSIONS)}")
    version = first["version"]
    if len(lines) < 2:
        raise ValidationError(f"{path.name}: the manifest has no type line")
    type_line, second = lines[1]
    kind = second.get("type") if isinstance(second, dict) else None
    if kind == "images":
        return ImagesManifest(version=version, entries=_image_entries(lines[2:], path))
    if kind == "video":
        return _video_manifest(version, lines[2:], path)
    raise _bad(path, type_line, 'expected {"type": "images"} or {"type": "video"}')


def check_manifest_matches(
    manifest: ImagesManifest, relative_paths: Sequence[str], *, verify_root: Path | None = None
) -> list[str]:
    """The uploaded files in the manifest's order; both must list exactly the same files.

    With `verify_root`, each file under it is also probed and must have the manifest's size (the
    manifest's sizes are trusted otherwise, which is what makes it worth having).
    """
    listed = Counter(entry.path for entry in manifest.entries)
    uploaded = Counter(relative_paths)
    if listed != uploaded:
        problems = []
        if missing := sorted((uploaded - listed).elements()):
            problems.append(f"missing from the manifest: {_some(missing)}")
        if absent := sorted((listed - uploaded).elements()):
            problems.append(f"in the manifest but not uploaded: {_some(absent)}")
        raise ValidationError(f"The manifest does not match the files ({'; '.join(problems)})")
    if verify_root is not None:
        for entry in manifest.entries:
            _verify_entry(entry, verify_root)
    return [entry.path for entry in manifest.entries]


def file_checksum(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _image_entries(lines: list[tuple[int, Any]], path: Path) -> tuple[ImageEntry, ...]:
    entries: list[ImageEntry] = []
    seen: set[str] = set()
    for number, line in lines:
        if not isinstance(line, dict):
            raise _bad(path, number, "expected an object")
        name, extension = line.get("name"), line.get("extension", "")
        if not isinstance(name, str) or not name or not isinstance(extension, str):
            raise _bad(path, number, "an image needs a non-empty string 'name' and a string 'extension'")
        width, height = _positive(line, "width", path, number), _positive(line, "height", path, number)
        meta = line.get("meta", {})
        related = meta.get("related_images", []) if isinstance(meta, dict) else None
        if not isinstance(related, list) or not all(isinstance(item, str) for item in related):
            raise _bad(path, number, "'meta.related_images' must be a list of paths")
        entry = ImageEntry(name, extension, width, height, _checksum(line, path, number), tuple(related))
        if entry.path in seen:
            raise _bad(path, number, f"{entry.path} is listed twice")
        seen.add(entry.path)
        entries.append(entry)
    return tuple(entries)


def _video_manifest(version: str, lines: list[tuple[int, Any]], path: Path) -> VideoManifest:
    if not lines:
        raise ValidationError(f"{path.name}: the video manifest has no properties line")
    number, line = lines[0]
    properties = line.get("properties") if isinstance(line, dict) else None
    if not isinstance(properties, dict) or not isinstance(properties.get("name"), str):
        raise _bad(path, number, "expected a properties line with the video's name")
    resolution = properties.get("resolution")
    if not (isinstance(resolution, list) and len(resolution) == 2 and all(_is_count(v, 1) for v in resolution)):
        raise _bad(path, number, "'resolution' must be [width, height]")
    length = properties.get("length")
    if not _is_count(length, 1):
        raise _bad(path, number, "'length' must be a positive number of frames")
    keyframes = tuple(_parse_keyframe(line, number, path) for number, line in lines[1:])
    numbers = [key.number for key in keyframes]
    if numbers != sorted(set(numbers)) or any(n >= length for n in numbers):
        raise ValidationError(f"{path.name}: key frames must be distinct, ascending and below 'length'")
    return VideoManifest(version, properties["name"], resolution[0], resolution[1], length, keyframes)


def _parse_keyframe(line: Any, number: int, path: Path) -> KeyFrame:
    if not isinstance(line, dict) or not _is_count(line.get("number"), 0) or not _is_int(line.get("pts")):
        raise _bad(path, number, "a key frame needs integer 'number' and 'pts'")
    return KeyFrame(line["number"], line["pts"], _checksum(line, path, number))


def _verify_entry(entry: ImageEntry, root: Path) -> None:
    path = root / entry.path
    if is_point_cloud(path):
        cloud = probe_point_cloud(path)
        size = (cloud.width, cloud.height)
    else:
        info = probe_image(path)
        size = (info.width, info.height)
    if size != (entry.width, entry.height):
        raise ValidationError(
            f"{entry.path}: the manifest says {entry.width}x{entry.height}, the file is {size[0]}x{size[1]}"
        )


def _read_lines(path: Path) -> list[tuple[int, Any]]:
    lines: list[tuple[int, Any]] = []
    with path.open("rb") as file:
        for number, raw in enumerate(file, 1):
            if not raw.strip():
                continue
            try:
                lines.append((number, orjson.loads(raw)))
            except orjson.JSONDecodeError as error:
                raise _bad(path, number, f"not JSON ({error})") from None
    return lines


def _write_lines(lines: list[dict[str, Any]], output: Path) -> None:
    partial = output.with_name(output.name + ".part")  # a failed write never leaves a half manifest
    partial.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    partial.replace(output)


def _split_extension(relative: str) -> tuple[str, str]:
    stem, dot, extension = relative.rpartition(".")
    if not dot or "/" in extension or not stem or stem.endswith("/"):
        return relative, ""
    return stem, "." + extension


def _checksum(line: dict[str, Any], path: Path, number: int) -> str | None:
    checksum = line.get("checksum")
    if checksum is not None and not (isinstance(checksum, str) and len(checksum) == 32):
        raise _bad(path, number, "'checksum' must be an md5 hex digest")
    return checksum


def _positive(line: dict[str, Any], key: str, path: Path, number: int) -> int:
    value = line.get(key)
    if not _is_count(value, 1):
        raise _bad(path, number, f"'{key}' must be a positive integer")
    return value


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_count(value: object, minimum: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _some(names: list[str], limit: int = 10) -> str:
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"


def _bad(path: Path, number: int, reason: str) -> ValidationError:
    return ValidationError(f"{path.name}: line {number}: {reason}")
