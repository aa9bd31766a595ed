"""Drives FiftyOne's CVAT backend, unchanged, against a Contour server; run by tests/clients in FiftyOne's venv.

This file runs under `.venv-fiftyone/bin/python` (FiftyOne must not constrain the server's dependencies), so it
imports neither contour nor pytest. Usage: `python fiftyone_driver.py COMMAND JSON`, where JSON holds the
command's arguments; the last line printed is `RESULT <json>`. The server's address and account come from
FIFTYONE_CVAT_URL / FIFTYONE_CVAT_USERNAME / FIFTYONE_CVAT_PASSWORD, MongoDB from FIFTYONE_DATABASE_URI.

Datasets are persistent, so one command can annotate and a later one (after the test edited the labels on the
server) load the annotations back.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import fiftyone as fo

Json = dict[str, Any]


# --- building datasets ------------------------------------------------------------------------------------


def _attributes(attrs: Json) -> Json:
    return {name: value for name, value in attrs.items() if value is not None}


def _detection(spec: Json) -> fo.Detection:
    return fo.Detection(label=spec["label"], bounding_box=spec["box"], index=spec.get("index"),
                        **_attributes(spec.get("attributes", {})))


def _polyline(spec: Json) -> fo.Polyline:
    return fo.Polyline(label=spec["label"], points=[spec["points"]], closed=spec["closed"], filled=spec["closed"],
                       **_attributes(spec.get("attributes", {})))


def _keypoint(spec: Json) -> fo.Keypoint:
    return fo.Keypoint(label=spec["label"], points=spec["points"], **_attributes(spec.get("attributes", {})))


def _sample_fields(spec: Json) -> Json:
    fields: Json = {}
    if "detections" in spec:
        fields["ground_truth"] = fo.Detections(detections=[_detection(d) for d in spec["detections"]])
    if "classification" in spec:
        fields["weather"] = fo.Classification(label=spec["classification"])
    if "polylines" in spec:
        fields["outlines"] = fo.Polylines(polylines=[_polyline(p) for p in spec["polylines"]])
    if "keypoints" in spec:
        fields["landmarks"] = fo.Keypoints(keypoints=[_keypoint(k) for k in spec["keypoints"]])
    return fields


def build_images(args: Json) -> Json:
    """An image dataset: one sample per given image, in the given order, with the given labels."""
    dataset = _new_dataset(args["dataset"])
    for spec in args["samples"]:
        dataset.add_sample(fo.Sample(filepath=spec["path"], **_sample_fields(spec)))
    return {"samples": len(dataset)}


def build_video(args: Json) -> Json:
    """A video dataset of one video whose frames (1-based, FiftyOne's numbering) carry detections."""
    dataset = _new_dataset(args["dataset"])
    # FiftyOne reads video metadata with ffprobe, which this machine need not have; the test knows it.
    info = args["video"]
    metadata = fo.VideoMetadata(frame_width=info["width"], frame_height=info["height"], frame_rate=info["fps"],
                                total_frame_count=info["frames"], duration=info["frames"] / info["fps"],
                                mime_type="video/mp4", encoding_str="avc1")
    sample = fo.Sample(filepath=args["path"], metadata=metadata)
    for number, detections in args["frames"].items():
        sample.frames[int(number)] = fo.Frame(detections=fo.Detections(detections=[_detection(d) for d in detections]))
    dataset.add_sample(sample)
    return {"frames": sample.frames.__len__()}


def _new_dataset(name: str) -> fo.Dataset:
    if fo.dataset_exists(name):
        fo.delete_dataset(name)
    dataset = fo.Dataset(name)
    dataset.persistent = True
    return dataset


# --- annotating and loading -------------------------------------------------------------------------------


def annotate(args: Json) -> Json:
    """`dataset.annotate(...)` with the given keyword arguments; returns what the results name on the server."""
    dataset = fo.load_dataset(args["dataset"])
    results = dataset.annotate(args["anno_key"], backend="cvat", **args["kwargs"])
    return {"task_ids": list(results.task_ids), "job_ids": {str(k): v for k, v in results.job_ids.items()},
            "project_ids": list(results.project_ids), "frame_id_map": _frame_id_map(dataset, results)}


def _frame_id_map(dataset: fo.Dataset, results: Any) -> Json:
    """task id -> CVAT frame -> the file name of the sample FiftyOne expects that frame to show."""
    names = {sample.id: os.path.basename(sample.filepath) for sample in dataset}
    return {str(task_id): {str(frame): names[entry["sample_id"]] for frame, entry in frames.items()}
            for task_id, frames in results.frame_id_map.items()}


def load(args: Json) -> Json:
    """`dataset.load_annotations(...)`, then every label of the dataset as plain data."""
    dataset = fo.load_dataset(args["dataset"])
    dataset.load_annotations(args["anno_key"], cleanup=args.get("cleanup", False), **args.get("kwargs", {}))
    return {"samples": [_dump_sample(sample) for sample in dataset]}


def cleanup(args: Json) -> Json:
    """`results.cleanup()`: deletes the tasks (and projects FiftyOne created) on the server."""
    dataset = fo.load_dataset(args["dataset"])
    results = dataset.load_annotation_results(args["anno_key"])
    results.cleanup()
    dataset.delete_annotation_run(args["anno_key"])
    return {"cleaned": True}


def _dump_label(label: Any) -> Json:
    data = label.to_dict()
    return {key: value for key, value in data.items() if key not in ("_id", "_cls", "id", "tags")}


def _dump_labels(value: Any) -> Any:
    if value is None:
        return None
    for attribute in ("detections", "polylines", "keypoints"):
        if hasattr(value, attribute):
            return [_dump_label(label) for label in getattr(value, attribute)]
    return _dump_label(value)


def _dump_sample(sample: fo.Sample) -> Json:
    fields = ("ground_truth", "weather", "outlines", "landmarks")
    dumped: Json = {"name": os.path.basename(sample.filepath)}
    for field in fields:
        if sample.has_field(field):
            dumped[field] = _dump_labels(sample[field])
    if sample.media_type == "video":
        dumped["frames"] = {str(number): _dump_labels(frame["detections"]) if frame.has_field("detections") else None
                            for number, frame in sample.frames.items()}
    return dumped


def steps(args: Json) -> Json:
    """Several commands in one process (importing FiftyOne takes seconds): `{"steps": [[command, args], ...]}`."""
    return {"results": [COMMANDS[command](step_args) for command, step_args in args["steps"]]}


COMMANDS = {"build_images": build_images, "build_video": build_video, "annotate": annotate, "load": load,
            "cleanup": cleanup, "steps": steps}


def main() -> None:
    command, raw = sys.argv[1], sys.argv[2]
    result = COMMANDS[command](json.loads(raw))
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
