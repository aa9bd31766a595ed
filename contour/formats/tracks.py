"""Tracks in codec terms: expanding them to per-frame shapes, and building them from shapes.

Expansion reuses the server's interpolation (`contour.core.annotations.interpolation`) so that
exports show exactly what the editor shows; names are mapped to throwaway ids and back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from contour.core.annotations import model as core
from contour.core.annotations.interpolation import track_to_frame_shapes
from contour.formats.model import Shape, Track, TrackedShape


class _Names:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []

    def id(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = len(self.names)
            self.names.append(name)
        return found


def _core_attributes(values: dict[str, str], names: _Names) -> list[core.AttributeValue]:
    return [core.AttributeValue(names.id(k), v) for k, v in values.items()]


def _core_track(track: Track, labels: _Names, attrs: _Names) -> core.Track:
    shapes = [
        core.TrackedShape(s.type, s.frame, list(s.points), s.occluded, s.outside, s.z_order, s.rotation,
                          _core_attributes(s.attributes, attrs), s.keyframe)
        for s in sorted(track.shapes, key=lambda s: s.frame)
    ]
    first = shapes[0].frame if shapes else 0
    return core.Track(first, labels.id(track.label), shapes, track.group, track.source,
                      _core_attributes(track.attributes, attrs), [_core_track(e, labels, attrs) for e in track.elements])


def _named_shape(shape: core.Shape, labels: _Names, attrs: _Names, track_id: int | None, keyframe: bool) -> Shape:
    return Shape(
        type=shape.type, label=labels.names[shape.label_id], points=shape.points, occluded=shape.occluded,
        outside=shape.outside, z_order=shape.z_order, rotation=shape.rotation, group=shape.group or 0,
        source=shape.source, attributes={attrs.names[a.spec_id]: a.value for a in shape.attributes},
        elements=[_named_shape(e, labels, attrs, track_id, keyframe) for e in shape.elements],
        track_id=track_id, keyframe=keyframe,
    )


class TrackExpander:
    """One track, expanded a window of frames at a time (exports stream frames in windows).

    The track is converted to the interpolation model once; `last_frame` lets callers skip it in
    windows after it ended (its last keyframe is outside: nothing shows from that frame on).
    """

    def __init__(self, track: Track, *, deleted_frames: Collection[int] = (), is_3d: bool = False) -> None:
        self.track = track
        self.labels, self.attrs = _Names(), _Names()
        self.core = _core_track(track, self.labels, self.attrs)
        self.keyframes = {s.frame for s in self.core.shapes}
        self.deleted = frozenset(deleted_frames)
        self.is_3d = is_3d
        shapes = self.core.shapes
        self.first_frame = shapes[0].frame if shapes else 0
        self.last_frame: int | None = shapes[-1].frame - 1 if shapes and shapes[-1].outside else None

    def shows_within(self, start: int, stop: int) -> bool:
        if not self.core.shapes or self.first_frame > stop:
            return False
        return self.last_frame is None or self.last_frame >= start

    def expand(self, start: int, stop: int, *, include_outside: bool = False) -> list[tuple[int, Shape]]:
        if not self.core.shapes:
            return []
        result = []
        frame_shapes = track_to_frame_shapes(self.core, max(start, self.core.frame), stop,
                                             deleted_frames=self.deleted, is_3d=self.is_3d)
        for shape in frame_shapes:
            if shape.outside and not include_outside:
                continue
            result.append((shape.frame, _named_shape(shape, self.labels, self.attrs, self.track.id,
                                                     shape.frame in self.keyframes)))
        return result


def expand_track(
    track: Track, stop: int, *, start: int = 0, deleted_frames: Collection[int] = (), include_outside: bool = False,
    is_3d: bool = False,
) -> list[tuple[int, Shape]]:
    """(frame, shape) for every frame of `start..stop` where the track shows, outside shapes
    dropped unless `include_outside` (outside keyframes are then kept, flagged)."""
    expander = TrackExpander(track, deleted_frames=deleted_frames, is_3d=is_3d)
    return expander.expand(start, stop, include_outside=include_outside)


def shapes_by_frame(
    tracks: Iterable[Track], stop: int, *, deleted_frames: Collection[int] = (), is_3d: bool = False
) -> dict[int, list[Shape]]:
    """Visible per-frame shapes of all tracks, grouped by frame (each frame's list in track order)."""
    grouped: dict[int, list[Shape]] = defaultdict(list)
    for track in tracks:
        for frame, shape in expand_track(track, stop, deleted_frames=deleted_frames, is_3d=is_3d):
            grouped[frame].append(shape)
    return grouped


def tracks_from_shapes(shapes: Iterable[tuple[int, Shape]]) -> list[Track]:
    """Group (frame, shape) pairs by `track_id` into tracks (importers of MOT, Datumaro, COCO…).

    Shapes become keyframes in frame order; mutable/immutable attribute splitting is the server's
    business (it knows the label spec), so all attributes stay on the keyframes here. Gaps are not
    closed here: see `close_gaps`, which the server applies to tracks built this way.
    """
    by_id: dict[int, list[tuple[int, Shape]]] = defaultdict(list)
    for frame, shape in shapes:
        if shape.track_id is None:
            raise ValueError("tracks_from_shapes() needs shapes with a track_id")
        by_id[shape.track_id].append((frame, shape))
    tracks = []
    for track_id in sorted(by_id):
        pairs = sorted(by_id[track_id], key=lambda p: p[0])
        first = pairs[0][1]
        keyframes = [
            TrackedShape(s.type, frame, list(s.points), s.occluded, s.outside, s.z_order, s.rotation, True, dict(s.attributes))
            for frame, s in pairs
        ]
        elements: list[Track] = []
        if first.elements:
            for index, element in enumerate(first.elements):
                element_shapes = [
                    (frame, s.elements[index]) for frame, s in pairs if index < len(s.elements)
                ]
                elements.append(Track(element.label, [
                    TrackedShape(e.type, frame, list(e.points), e.occluded, e.outside, e.z_order, e.rotation, True,
                                 dict(e.attributes))
                    for frame, e in element_shapes
                ], first.group, first.source))
        tracks.append(Track(first.label, keyframes, first.group, first.source, {}, elements, track_id))
    return tracks


def close_gaps(track: Track) -> Track:
    """Insert outside keyframes where consecutive keyframes are more than one frame apart, and after
    the last one: for formats that list a track's every visible frame (MOT, Datumaro), a missing
    frame means the object is not there."""
    shapes: list[TrackedShape] = []
    ordered = sorted(track.shapes, key=lambda s: s.frame)
    for index, shape in enumerate(ordered):
        shapes.append(shape)
        following = ordered[index + 1].frame if index + 1 < len(ordered) else None
        if not shape.outside and (following is None or following > shape.frame + 1):
            shapes.append(TrackedShape(shape.type, shape.frame + 1, list(shape.points), shape.occluded, True,
                                       shape.z_order, shape.rotation, True, dict(shape.attributes)))
    elements = [close_gaps(e) for e in track.elements]
    return Track(track.label, shapes, track.group, track.source, dict(track.attributes), elements, track.id)
