"""Ultralytics YOLO Detection, Detection Track, Oriented Bounding Boxes, Segmentation and Pose 1.0.

Export writes CVAT's layout: data.yaml (`path: .`, one `<subset>: <subset>.txt` per subset, `names`, and for pose
`kpt_shape: [points, 3]`), `<subset>.txt` listing `data/images/<subset>/<item><ext>`, label files
`labels/<subset>/<item>.txt` for items with objects, and with "save images" the images under `images/<subset>/`.
A frame without a subset goes to "train". Coordinates are fractions of the frame size (six decimals).

Kept, per format (everything else is dropped, as CVAT does; attributes, groups, z-order and occlusion of shapes
are never kept):
- Detection: axis-aligned rectangles (rotated ones are dropped). Detection Track (export only) adds the track id
  of boxes that come from tracks as a sixth field.
- Oriented Bounding Boxes: rectangles, rotated or not, as their four corners.
- Segmentation: polygons, masks (their outer outlines, one line per part, holes lost) and ellipses (as 64-gons).
- Pose: skeletons of skeleton labels (the only classes listed): their box and each point's `x y v`, in the
  skeleton's point order, v = 0 outside / 1 occluded / 2 visible, padded with `0.0 0.0 0` up to the largest
  skeleton. Point names are not stored; import names them from a hint or by position ("1", "2", …).

Import accepts `images/<subset>/` and `<subset>/images/` layouts, subset folders, lists or image lists, and a track
id at the end of any line (the server builds tracks from them). Image sizes come from the images' headers; an
item without its image is `normalized` (width/height None) and the server scales it by the matched frame's size.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from contour.formats.errors import DatasetError
from contour.formats.model import (
    ArchiveWriter,
    ExportSource,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    LabelSpec,
    Shape,
)
from contour.formats.registry import Exporter, ExportOptions, FormatSpec, Importer, register_format
from contour.formats.ultralytics_layout import (
    DataConfig,
    config_path,
    kpt_shape,
    layout_items,
    read_config,
    subset_sources,
)
from contour.formats.ultralytics_lines import (
    LineContext,
    extension_of,
    find_root,
    image_size,
    relative_name,
    text_lines,
    yolo_subset,
)
from contour.formats.ultralytics_shapes import (
    Decoder,
    Encoder,
    PoseDecoder,
    PoseEncoder,
    decode_detection,
    decode_oriented,
    decode_segmentation,
    encode_detection,
    encode_oriented,
    encode_segmentation,
)
from contour.formats.ultralytics_yaml import key

# data.yaml keys a subset cannot be called (CVAT refuses them too).
_RESERVED_SUBSETS = frozenset({"backup", "classes", "names", "path", "kpt_shape", "flip_idx", "nc"})
_ENCODERS: dict[str, Encoder] = {
    "detection": encode_detection, "oriented": encode_oriented, "segmentation": encode_segmentation,
}
_DECODERS: dict[str, Decoder] = {
    "detection": decode_detection, "oriented": decode_oriented, "segmentation": decode_segmentation,
}
_MISSING_CONFIG = "not an Ultralytics YOLO dataset: data.yaml is missing (expected data.yaml, images/ and labels/)"


# --- export ----------------------------------------------------------------------------------------------------


def _skeletons(labels: Sequence[LabelSpec]) -> list[LabelSpec]:
    return [label for label in labels if label.type == "skeleton" or label.sublabels]


def data_yaml(subsets: Sequence[str], names: Sequence[str], kpt_points: int | None = None) -> bytes:
    """The data.yaml CVAT writes: root, subset lists, class names (and the pose keypoint shape)."""
    lines = ["path: .\n"]
    lines += [f"{key(subset)}: {key(subset + '.txt')}\n" for subset in subsets]
    if kpt_points is not None:
        lines.append(f"kpt_shape: [{kpt_points}, 3]\n")
    if names:
        lines.append("names:\n")
        lines += [f"  {index}: {key(name)}\n" for index, name in enumerate(names)]
    else:
        lines.append("names: {}\n")
    return "".join(lines).encode()


def _export(source: ExportSource, out: ArchiveWriter, options: ExportOptions, *, task: str, track_ids: bool) -> None:
    kpt_points: int | None = None
    if task == "pose":
        skeletons = _skeletons(source.meta.labels)
        pose = PoseEncoder(skeletons)
        encoder: Encoder = pose
        names = [label.name for label in skeletons]
        kpt_points = pose.points
    else:
        encoder = _ENCODERS[task]
        names = [label.name for label in source.meta.labels]
    class_ids = {name: index for index, name in enumerate(names)}
    lists: dict[str, list[str]] = {}
    for frame in source.frames():
        subset = yolo_subset(frame.subset)
        if subset in _RESERVED_SUBSETS:
            raise DatasetError(f"the subset {subset!r} cannot be exported: the name is reserved in data.yaml")
        if options.save_images:
            media = source.media(frame)
            image_name = frame.stem + media.extension
            out.write_media(f"images/{subset}/{image_name}", media)
        else:
            image_name = frame.stem + extension_of(frame.name)
        lines: list[str] = []
        for shape in frame.shapes:
            class_id = class_ids.get(shape.label)
            if class_id is None:
                continue
            suffix = f" {shape.track_id}\n" if track_ids and shape.track_id is not None else "\n"
            lines.extend(line + suffix for line in encoder(shape, frame, class_id))
        if lines:
            out.write_bytes(f"labels/{subset}/{frame.stem}.txt", "".join(lines).encode())
        lists.setdefault(subset, []).append(f"data/images/{subset}/{image_name}\n")
    for subset, rows in lists.items():
        out.write_bytes(f"{subset}.txt", "".join(rows).encode())
    out.write_bytes("data.yaml", data_yaml(list(lists), names, kpt_points))


# --- import ----------------------------------------------------------------------------------------------------


def _shapes(path: Path, root: Path, names: dict[int, str], decoder: Decoder,
            width: int | None, height: int | None) -> list[Shape]:
    if not path.is_file():
        return []
    file = relative_name(path, root)
    return [decoder(line.split(), LineContext(file, number), names, width, height)
            for number, line in text_lines(path, root)]


def _items(root: Path, config: DataConfig, sources: list[tuple[str, PurePosixPath]],
           decoder: Decoder) -> Iterator[ImportedItem]:
    for item in layout_items(root, config, sources):
        size = image_size(item.image)
        width, height = size if size is not None else (None, None)
        yield ImportedItem(
            name=item.name, subset=item.subset, width=width, height=height,
            image=item.image if size is not None else None, normalized=size is None,
            shapes=_shapes(item.labels, root, config.names, decoder, width, height),
        )


def _point_names(config: DataConfig, points: int, hint: Mapping[str, Sequence[str]] | None) -> dict[str, list[str]]:
    result = {}
    for name in config.names.values():
        given = list(hint.get(name, ())) if hint is not None else []
        if len(given) > points:
            raise DatasetError(f"the skeleton {name!r} has {len(given)} points but kpt_shape allows {points}",
                               file=config.file)
        result[name] = given or [str(index + 1) for index in range(points)]
    return result


def import_dataset(path: Path, options: ImportOptions, task: str,
                   skeleton_sublabels: Mapping[str, Sequence[str]] | None = None) -> ImportedDataset:
    """Read an Ultralytics dataset of `task` ("detection", "oriented", "segmentation" or "pose").

    For pose, `skeleton_sublabels` (skeleton name -> its point names in order, as the task defines them) names
    the points by position; without it they are named "1", "2", … (CVAT's default point names).
    """
    root = find_root(path, lambda p: config_path(p) is not None, _MISSING_CONFIG)
    config = read_config(root)
    sources = subset_sources(root, config)
    if task == "pose":
        points, dims = kpt_shape(config)
        point_names = _point_names(config, points, skeleton_sublabels)
        labels = [
            LabelSpec(name, type="skeleton", sublabels=tuple(LabelSpec(p, type="points") for p in point_names[name]))
            for name in config.names.values()
        ]
        decoder: Decoder = PoseDecoder(points, dims, point_names)
    else:
        labels = [LabelSpec(name) for name in config.names.values()]
        decoder = _DECODERS[task]
    return ImportedDataset(labels=labels, items=_items(root, config, sources, decoder))


def _sublabel_hint(options: ImportOptions) -> Mapping[str, Sequence[str]] | None:
    # A server that knows the task's skeletons may pass them on the options (CVAT gives Datumaro the same hint).
    hint: Any = getattr(options, "skeleton_sublabels", None)
    if isinstance(hint, Mapping) and all(isinstance(v, (list, tuple)) for v in hint.values()):
        return {str(k): [str(s) for s in v] for k, v in hint.items()}
    return None


def _register() -> None:
    def exporter(task: str, track_ids: bool = False) -> Exporter:
        return lambda source, out, options: _export(source, out, options, task=task, track_ids=track_ids)

    def importer(task: str) -> Importer:
        return lambda path, options: import_dataset(path, options, task, _sublabel_hint(options))

    boxes = frozenset({"rectangle"})
    kinds = (("Detection", "detection", boxes), ("Oriented Bounding Boxes", "oriented", boxes),
             ("Segmentation", "segmentation", frozenset({"polygon", "mask", "ellipse"})),
             ("Pose", "pose", frozenset({"skeleton"})))
    for name, task, types in kinds:
        spec = FormatSpec(f"Ultralytics YOLO {name}", "1.0", "ZIP", shape_types=types, reads_attributes=False)
        register_format(spec, exporter=exporter(task), importer=importer(task))
    register_format(FormatSpec("Ultralytics YOLO Detection Track", "1.0", "ZIP", shape_types=boxes,
                               reads_attributes=False), exporter=exporter("detection", track_ids=True))


_register()
