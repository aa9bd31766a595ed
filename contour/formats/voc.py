"""PASCAL VOC 1.1: Annotations/<id>.xml boxes, ImageSets lists, class/instance mask PNGs and labelmap.txt.

Export (as CVAT): every frame gets an XML file; rectangles become <object>s (a rotated box keeps its unrotated
corners and a `rotation` attribute, tracked boxes carry `track_id`/`keyframe` attributes, so CVAT and Contour
read them back as rotated boxes and tracks); `truncated`, `difficult`, `pose` attributes and the occluded flag
become VOC fields, every other attribute goes to <attributes>. Polygons, ellipses and masks are painted in
z_order into SegmentationClass/SegmentationObject PNGs. Tags become ImageSets/Main/<label>_<subset>.txt class
lists. Lost: polylines, points, skeletons, cuboids, groups, tag attributes, mask attributes and track ids, and
any mask pixels hidden under a shape above them. labelmap.txt lists the labels (skeleton points aside) with
`background` first unless the task has one, coloured by position.

Import: every ImageSets/{Main,Segmentation,Action,Layout}/<subset>.txt item, its XML boxes (with <part>s as a
group and <actions> as checkbox attributes), its tags and its masks (an instance per SegmentationObject id,
labelled from SegmentationClass; a mask per class when there are no instances). Labels come from labelmap.txt,
else the VOC labels. A zip of bare XML files is accepted too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache, partial
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from contour.formats.errors import DatasetError
from contour.formats.mask_png import (
    BACKGROUND,
    LABELMAP_FILE,
    SEGMENT_TYPES,
    LabelMapEntry,
    LabelTable,
    format_labelmap,
    shape_segment,
    voc_colormap,
)
from contour.formats.model import (
    ArchiveWriter,
    DatasetMeta,
    ExportSource,
    Frame,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    LabelSpec,
    Shape,
)
from contour.formats.registry import ExportOptions, FormatSpec, register_format
from contour.formats.segmentation_mask import (
    ANNOTATIONS_DIR,
    LIST_DIRS,
    SETS_DIR,
    SubsetLists,
    VocReader,
    dataset_root,
    has_lists,
    image_filename,
    is_annotated,
    label_table,
    listed_items,
    read_class_lists,
    write_masks,
)

_BOX_TAGS = ("xmin", "ymin", "xmax", "ymax")
_FIELDS = frozenset({"difficult", "pose", "truncated", "occluded"})
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TRUE, _FALSE = frozenset({"true", "1", "yes", "on"}), frozenset({"false", "0", "no", "off", ""})


# --- export ----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def _esc(value: str) -> str:
    """XML text: escaped, characters XML cannot hold replaced (label and attribute names repeat: cached)."""
    return escape(_INVALID_XML.sub("\ufffd", value))


def _flag(value: str | None) -> int:
    text = (value or "").strip().lower()
    if text in _TRUE:
        return 1
    try:
        return int(text)
    except ValueError:
        return 0


def _attributes(shape: Shape, spec: LabelSpec | None) -> dict[str, str]:
    """CVAT's attribute set of an exported shape: every label attribute (defaults filled in), then its own
    extra ones, then `rotation` for boxes and `track_id`/`keyframe` for shapes of tracks."""
    values = {a.name: shape.attributes.get(a.name, a.default_value) for a in spec.attributes} if spec else {}
    values.update((k, v) for k, v in shape.attributes.items() if k not in values)
    if shape.type == "rectangle":
        values["rotation"] = str(float(shape.rotation))
    if shape.track_id is not None:
        values["track_id"] = str(shape.track_id)
        values["keyframe"] = str(bool(shape.keyframe))
    return values


def object_xml(shape: Shape, spec: LabelSpec | None) -> str:
    values = _attributes(shape, spec)
    lines = ["  <object>", f"    <name>{_esc(shape.label)}</name>"]
    if "pose" in values:
        lines.append(f"    <pose>{_esc(values['pose'])}</pose>")
    lines += [
        f"    <truncated>{_flag(values.get('truncated'))}</truncated>",
        f"    <occluded>{int(shape.occluded)}</occluded>",
        f"    <difficult>{_flag(values.get('difficult'))}</difficult>",
        "    <bndbox>",
        *(f"      <{tag}>{float(v)}</{tag}>" for tag, v in zip(_BOX_TAGS, shape.points[:4], strict=True)),
        "    </bndbox>",
    ]
    extra = [(k, v) for k, v in values.items() if k not in _FIELDS]
    if extra:
        lines.append("    <attributes>")
        for name, value in extra:
            lines += ["      <attribute>", f"        <name>{_esc(name)}</name>", f"        <value>{_esc(value)}</value>",
                      "      </attribute>"]
        lines.append("    </attributes>")
    lines.append("  </object>\n")
    return "\n".join(lines)


def annotation_xml(frame: Frame, filename: str, objects: list[str], segmented: bool) -> bytes:
    stem = frame.stem
    folder = stem[: stem.find("_")] if "_" in stem else ""  # what Datumaro (and so CVAT) writes
    head = (
        f"<annotation>\n  <folder>{_esc(folder)}</folder>\n  <filename>{_esc(filename)}</filename>\n"
        "  <source>\n    <database>Unknown</database>\n    <annotation>Unknown</annotation>\n"
        "    <image>Unknown</image>\n  </source>\n"
        f"  <size>\n    <width>{frame.width}</width>\n    <height>{frame.height}</height>\n    <depth></depth>\n"
        f"  </size>\n  <segmented>{int(segmented)}</segmented>\n"
    )
    return (head + "".join(objects) + "</annotation>\n").encode("utf-8")


def _labelmap(meta: DatasetMeta) -> list[LabelMapEntry]:
    """The task's labels coloured by position, `background` first unless the task has one (it keeps its place
    then, and swaps colours with the first label so that it stays black)."""
    names = [label.name for label in meta.labels]
    if BACKGROUND not in names:
        names.insert(0, BACKGROUND)
    colors = [(int(c[0]), int(c[1]), int(c[2])) for c in voc_colormap(len(names))]
    position = names.index(BACKGROUND)
    colors[0], colors[position] = colors[position], colors[0]
    return [LabelMapEntry(name, color) for name, color in zip(names, colors, strict=True)]


def export_pascal_voc(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    entries = _labelmap(source.meta)
    table = LabelTable(entries)
    lists = SubsetLists()
    for frame in source.frames():
        shapes = sorted(frame.shapes, key=lambda s: s.z_order)  # CVAT hands shapes over in z_order
        filename = image_filename(source, frame, out, options)
        objects = [object_xml(s, source.meta.label(s.label)) for s in shapes if s.type == "rectangle"]
        segments = [s for s in shapes if s.type in SEGMENT_TYPES]
        out.write_bytes(f"{ANNOTATIONS_DIR}/{frame.stem}.xml", annotation_xml(frame, filename, objects, bool(segments)))
        if segments:
            # No group merging here: CVAT's PASCAL VOC export paints every shape as its own instance.
            placed = (shape_segment(s, frame.width, frame.height) for s in segments)
            write_masks(out, frame, [segment for segment in placed if segment is not None], table)
        lists.add(frame, segmented=bool(segments), annotated=is_annotated(frame))
    lists.write(out, [e.name for e in entries], detection=True)
    out.write_bytes(LABELMAP_FILE, format_labelmap(entries))


# --- import ----------------------------------------------------------------------------------------------------


def _line(element: etree._Element) -> int | None:
    return element.sourceline


def _tag(element: etree._Element) -> str:
    return element.tag if isinstance(element.tag, str) else "?"


Children = dict[str, etree._Element]


def _children(element: etree._Element) -> Children:
    """An element's child elements by tag (the first of each, as `find` gives), gathered in one pass."""
    found: Children = {}
    for child in element:
        if isinstance(child.tag, str):
            found.setdefault(child.tag, child)
    return found


def _text(children: Children, tag: str) -> str | None:
    child = children.get(tag)
    return None if child is None else (child.text or "").strip()


def _number(parent: etree._Element, children: Children, tag: str, rel: str) -> float:
    text = _text(children, tag)
    if text is None:
        raise DatasetError(f"<{_tag(parent)}> has no <{tag}>.", file=rel, line=_line(parent))
    try:
        value = float(text)
    except ValueError:
        raise DatasetError(f"<{tag}> is not a number: {text!r}.", file=rel, line=_line(children[tag])) from None
    if not math.isfinite(value):
        raise DatasetError(f"<{tag}> is out of range: {text!r}.", file=rel, line=_line(children[tag]))
    return value


def _bool(text: str, what: str, rel: str, line: int | None) -> bool:
    value = text.strip().lower()
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise DatasetError(f"{what} must be 0 or 1 (or true/false), got {text!r}.", file=rel, line=line)


def _box(element: etree._Element, children: Children, rel: str) -> list[float]:
    box = children.get("bndbox")
    if box is None:
        raise DatasetError(f"<{_tag(element)}> has no <bndbox>.", file=rel, line=_line(element))
    corners = _children(box)
    xmin, ymin, xmax, ymax = (_number(box, corners, tag, rel) for tag in _BOX_TAGS)
    if xmax < xmin or ymax < ymin:
        raise DatasetError(f"the box ({xmin}, {ymin}, {xmax}, {ymax}) is inverted.", file=rel, line=_line(box))
    return [xmin, ymin, xmax, ymax]


def _label(element: etree._Element, children: Children, table: LabelTable, strict: bool, rel: str) -> str:
    name = _text(children, "name")
    if not name:
        raise DatasetError(f"<{_tag(element)}> has no <name>.", file=rel, line=_line(element))
    if strict and name not in table.ids:
        raise DatasetError(f"label {name!r} is not in {LABELMAP_FILE}.", file=rel, line=_line(children["name"]))
    return name


def _part(element: etree._Element, table: LabelTable, strict: bool, rel: str) -> Shape:
    children = _children(element)
    return Shape("rectangle", _label(element, children, table, strict, rel), _box(element, children, rel))


def _object(element: etree._Element, table: LabelTable, strict: bool, rel: str) -> Shape:
    children = _children(element)
    label = _label(element, children, table, strict, rel)
    shape = Shape("rectangle", label, _box(element, children, rel))
    attributes: dict[str, str] = {}
    for field in ("truncated", "difficult", "occluded"):
        text = _text(children, field)
        if text is not None:
            flag = _bool(text, f"<{field}>", rel, _line(children[field]))
            if field == "occluded":
                shape.occluded = flag
            else:
                attributes[field] = "true" if flag else "false"
    pose = _text(children, "pose")
    if pose:
        attributes["pose"] = pose
    attributes.update((action, "false") for action in table.actions.get(label, ()))
    actions = children.get("actions")
    for action in actions if actions is not None else ():
        if isinstance(action.tag, str):
            flag = _bool(action.text or "", f"action <{action.tag}>", rel, _line(action))
            attributes[action.tag] = "true" if flag else "false"
    listed = children.get("attributes")
    for attribute in listed.iter("attribute") if listed is not None else ():
        fields = _children(attribute)
        name = _text(fields, "name")
        if not name:
            raise DatasetError("an <attribute> has no <name>.", file=rel, line=_line(attribute))
        attributes[name] = _text(fields, "value") or ""
    _take_fields(shape, attributes, rel, _line(element))
    shape.attributes = attributes
    return shape


def _take_fields(shape: Shape, attributes: dict[str, str], rel: str, line: int | None) -> None:
    """Turn the attributes CVAT writes for shape fields back into the fields."""
    try:
        if "rotation" in attributes:
            shape.rotation = float(attributes.pop("rotation"))
            if not math.isfinite(shape.rotation):
                raise ValueError
        track_id = attributes.pop("track_id", None)
        if track_id is not None and "keyframe" in attributes:
            shape.track_id = int(track_id)
            if shape.track_id < 0:
                raise ValueError
        if "z_order" in attributes:
            shape.z_order = int(attributes.pop("z_order"))
    except ValueError:
        raise DatasetError("rotation, track_id or z_order attribute out of range.", file=rel, line=line) from None
    for name in ("occluded", "outside", "keyframe"):
        if name in attributes:
            setattr(shape, name, _bool(attributes.pop(name), f"attribute {name!r}", rel, line))
    if attributes.get("source", "").lower() in ("auto", "semi-auto", "manual", "file"):
        shape.source = attributes.pop("source").lower()


def _check_entities(tree: etree._ElementTree, data: bytes, rel: str) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        offset = data.find(b"<!ENTITY")
        line = data.count(b"\n", 0, offset) + 1 if offset >= 0 else None
        raise DatasetError("XML entities are not allowed.", file=rel, line=line)


def parse_annotation(data: bytes, rel: str, table: LabelTable,
                     strict: bool) -> tuple[int | None, int | None, str | None, list[Shape]]:
    """(width, height, image file name, boxes) of one VOC XML file."""
    try:
        # A parser per file: lxml parsers must not be shared between threads.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise DatasetError(f"malformed XML: {error.msg}", file=rel, line=error.lineno) from None
    _check_entities(root.getroottree(), data, rel)
    if root.tag != "annotation":
        raise DatasetError(f"not a PASCAL VOC annotation: the root element is <{_tag(root)}>, expected <annotation>.",
                           file=rel, line=_line(root))
    top = _children(root)
    size = top.get("size")
    width = height = None
    if size is not None:
        dimensions = _children(size)
        found = [_number(size, dimensions, tag, rel) if tag in dimensions else 0.0 for tag in ("width", "height")]
        if any(v < 0 or v != int(v) for v in found):
            raise DatasetError(f"the image size {found} is out of range.", file=rel, line=_line(size))
        width, height = (int(v) or None for v in found)
    filename = _text(top, "filename")
    shapes: list[Shape] = []
    group = 0
    for element in root.iterfind("object"):
        shape = _object(element, table, strict, rel)
        parts = [_part(p, table, strict, rel) for p in element.iterfind("part")]
        if parts:
            group += 1
            for member in (shape, *parts):
                member.group = group
        shapes += [shape, *parts]
    return width, height, filename or None, shapes


def import_pascal_voc(path: Path, options: ImportOptions) -> ImportedDataset:
    """Read the VOC lists' items, or (CVAT's flat layout) every XML file when there are no lists."""
    if path.is_file() and path.suffix.lower() != ".xml":
        raise DatasetError("expected a dataset folder (an extracted zip archive).", file=path.name)
    root = path.parent if path.is_file() else dataset_root(path)
    table, strict = label_table(root)
    items: dict[tuple[str | None, str], Path | None] = {}
    if path.is_file():
        items[(None, path.stem)] = path
    else:
        items.update((key, None) for key in listed_items(root, table, LIST_DIRS))
    if not items and not has_lists(root, LIST_DIRS):
        folder = root / ANNOTATIONS_DIR
        found = sorted(folder.rglob("*.xml")) if folder.is_dir() else sorted(root.rglob("*.xml"))
        base = folder if folder.is_dir() else None
        items.update(((None, p.relative_to(base).as_posix()[:-4] if base else p.stem), p) for p in found if p.is_file())
        if not items:
            raise DatasetError(f"no PASCAL VOC dataset found: expected {SETS_DIR}/<Main|Segmentation|Action|Layout>/"
                               f"<subset>.txt lists or {ANNOTATIONS_DIR}/*.xml files.")
    tags = read_class_lists(root, table, {subset for subset, _ in items if subset is not None})
    reader = VocReader(root, table, partial(parse_annotation, table=table, strict=strict))

    def generate() -> Iterator[ImportedItem]:
        for (subset, item_id), xml in items.items():
            yield reader.item(subset, item_id, xml, tags.get((subset, item_id), []) if subset is not None else [])

    return ImportedDataset(table.label_specs(), generate())


register_format(FormatSpec("PASCAL VOC", "1.1", "ZIP"), exporter=export_pascal_voc, importer=import_pascal_voc)
