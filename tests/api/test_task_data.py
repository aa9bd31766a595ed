"""Task data end to end: uploads, creation in the background, frames, chunks, meta, previews."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from PIL import Image

from contour.config import get_settings
from tests.api.data_helpers import task_with_files, upload, wait_request
from tests.factories import Factory
from tests.media_factory import image_bytes, write_images, write_pcd, write_video, zip_of


def _names(count: int, pattern: str = "img{:02d}.jpg") -> dict[str, bytes]:
    return {pattern.format(i): image_bytes(64 + i, 48, ((i * 30) % 256, 50, 50)) for i in range(count)}


def _zip_entries(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_images_become_frames_jobs_and_chunks(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = task_with_files(factory, user, _names(5), {"segment_size": 2}, image_quality=60, chunk_size=2)
    assert task["size"] == 5 and task["mode"] == "annotation" and task["image_quality"] == 60
    assert task["data_chunk_size"] == 2 and task["jobs"]["count"] == 3
    assert task["data_compressed_chunk_type"] == "imageset" and task["data_original_chunk_type"] == "imageset"
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert [f["name"] for f in meta["frames"]] == [f"img{i:02d}.jpg" for i in range(5)]
    assert meta["frames"][3]["width"] == 67 and meta["frames"][3]["height"] == 48
    compressed = user.get(f"/api/tasks/{task['id']}/data", params={"type": "chunk", "number": 2, "quality": "compressed"})
    assert compressed.headers["content-type"] == "application/zip"
    assert _zip_entries(compressed.content) == ["000000.jpeg"]
    original = user.get(f"/api/tasks/{task['id']}/data", params={"type": "chunk", "number": 0, "quality": "original"})
    assert _zip_entries(original.content) == ["000000.jpg", "000001.jpg"]
    assert zipfile.ZipFile(io.BytesIO(original.content)).read("000001.jpg") == _names(5)["img01.jpg"]


def test_frames_are_served_as_images(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = task_with_files(factory, user, {"a.png": image_bytes(30, 20, fmt="PNG")})
    original = user.get(f"/api/tasks/{task['id']}/data", params={"type": "frame", "number": 0, "quality": "original"})
    assert original.headers["content-type"] == "image/png"
    compressed = user.get(f"/api/tasks/{task['id']}/data", params={"type": "frame", "number": 0})
    assert Image.open(io.BytesIO(compressed.content)).format == "JPEG"
    assert user.get(f"/api/tasks/{task['id']}/data", params={"type": "frame", "number": 1}).status_code == 400


def test_cvat_upload_protocol_with_batches_and_tus(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    base = f"/api/tasks/{task['id']}/data/"
    assert user.post(base, headers={"Upload-Start": ""}).status_code == 202
    batch = [("client_files[0]", ("/home/me/b.jpg", image_bytes())), ("client_files[1]", ("/home/me/a.jpg", image_bytes()))]
    assert user.post(base, headers={"Upload-Multiple": ""}, data={"image_quality": "70"}, files=batch).status_code == 200
    big = image_bytes(80, 60)
    import base64

    created = user.post(base, headers={"Tus-Resumable": "1.0.0", "Upload-Length": str(len(big)),
                                       "Upload-Metadata": "filename " + base64.b64encode(b"c.jpg").decode()})
    assert created.status_code == 201 and created.headers["Upload-Filename"] == "c.jpg"
    location = created.headers["Location"]
    assert location.startswith("http://testserver/api/tasks/")
    path = location.removeprefix("http://testserver")
    first = user.patch(path, content=big[:100], headers={"Tus-Resumable": "1.0.0", "Upload-Offset": "0",
                                                          "Content-Type": "application/offset+octet-stream"})
    assert first.status_code == 204 and first.headers["Upload-Offset"] == "100"
    assert user.patch(path, content=big[:10], headers={"Upload-Offset": "5"}).status_code == 409
    assert user.head(path).headers["Upload-Offset"] == "100"
    rest = user.patch(path, content=big[100:], headers={"Upload-Offset": "100"})
    assert rest.headers["Upload-Offset"] == str(len(big))
    finish = user.post(base, headers={"Upload-Finish": ""}, json={"image_quality": 70, "sorting_method": "predefined",
                                                                 "upload_file_order": ["c.jpg", "b.jpg", "a.jpg"]})
    assert finish.status_code == 202
    assert wait_request(user, finish.json()["rq_id"])["status"] == "finished"
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert [f["name"] for f in meta["frames"]] == ["c.jpg", "b.jpg", "a.jpg"]


def test_server_files_are_read_from_the_share(factory: Factory, worker: None) -> None:
    share = get_settings().resolved_share_dir
    write_images(share / "set1", ["x1.jpg", "x2.jpg"])
    user = factory.user()
    listing = user.get("/api/server/share", params={"directory": "/set1"}).json()
    assert [e["name"] for e in listing] == ["x1.jpg", "x2.jpg"] and listing[0]["mime_type"] == "image"
    task = factory.task(user)
    response = user.post(f"/api/tasks/{task['id']}/data", json={"image_quality": 70, "server_files": ["set1/"]})
    assert wait_request(user, response.json()["rq_id"])["status"] == "finished"
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert meta["storage"] == "share" and [f["name"] for f in meta["frames"]] == ["set1/x1.jpg", "set1/x2.jpg"]


def test_share_paths_cannot_escape(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    response = user.post(f"/api/tasks/{task['id']}/data", json={"server_files": ["../../etc/passwd"]})
    request = wait_request(user, response.json()["rq_id"])
    assert request["status"] == "failed" and "outside the share" in request["message"]


def test_archives_are_unpacked_with_their_folders(factory: Factory, worker: None) -> None:
    user = factory.user()
    archive = zip_of({"b/2.jpg": image_bytes(), "a/1.jpg": image_bytes(), "a/sub/3.png": image_bytes(fmt="PNG")})
    task = task_with_files(factory, user, {"set.zip": archive})
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert [f["name"] for f in meta["frames"]] == ["a/1.jpg", "a/sub/3.png", "b/2.jpg"]


def test_natural_sorting_and_frame_range(factory: Factory, worker: None) -> None:
    user = factory.user()
    files = {f"f{i}.jpg": image_bytes() for i in (1, 2, 10, 11, 3)}
    task = task_with_files(factory, user, files, sorting_method="natural", start_frame=1, stop_frame=4, frame_filter="step=2")
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert [f["name"] for f in meta["frames"]] == ["f2.jpg", "f10.jpg"]
    assert task["size"] == 2 and meta["frame_filter"] == "step=2" and meta["start_frame"] == 1 and meta["stop_frame"] == 4


def test_use_cache_builds_chunks_on_request(factory: Factory, worker: None) -> None:
    from contour.resources.data.files import chunks_dir

    user = factory.user()
    cached = task_with_files(factory, user, _names(3), use_cache=True)
    prebuilt = task_with_files(factory, user, _names(3), use_cache=False)
    assert not chunks_dir(cached["id"]).exists()
    assert len(list(chunks_dir(prebuilt["id"]).iterdir())) == 2
    first = user.get(f"/api/tasks/{cached['id']}/data", params={"type": "chunk", "number": 0})
    second = user.get(f"/api/tasks/{cached['id']}/data", params={"type": "chunk", "number": 0})
    assert first.content == second.content and len(_zip_entries(first.content)) == 3


def test_video_task_uses_interpolation_mode_and_video_chunks(factory: Factory, worker: None, tmp_path: Path) -> None:
    user = factory.user()
    video = write_video(tmp_path / "clip.mp4", frames=40).read_bytes()
    task = task_with_files(factory, user, {"clip.mp4": video}, {"segment_size": 20}, chunk_size=16)
    assert task["mode"] == "interpolation" and task["size"] == 40
    assert task["data_original_chunk_type"] == "video" and task["overlap"] == 5
    jobs = user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]
    assert [(j["start_frame"], j["stop_frame"]) for j in jobs] == [(0, 19), (15, 34), (30, 39)]
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert len(meta["frames"]) == 1 and meta["frames"][0]["name"] == "clip.mp4"
    chunk = user.get(f"/api/tasks/{task['id']}/data", params={"type": "chunk", "number": 2})
    assert chunk.headers["content-type"] == "video/mp4"
    import av

    with av.open(io.BytesIO(chunk.content)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 8
    frame = user.get(f"/api/tasks/{task['id']}/data", params={"type": "frame", "number": 10})
    assert frame.headers["content-type"] == "image/png"


def test_video_with_zip_chunks_and_step(factory: Factory, worker: None, tmp_path: Path) -> None:
    user = factory.user()
    video = write_video(tmp_path / "clip.mp4", frames=30).read_bytes()
    task = task_with_files(factory, user, {"clip.mp4": video}, use_zip_chunks=True, frame_filter="step=3", use_cache=True)
    assert task["size"] == 10 and task["data_compressed_chunk_type"] == "imageset"
    chunk = user.get(f"/api/tasks/{task['id']}/data", params={"type": "chunk", "number": 0})
    names = _zip_entries(chunk.content)
    assert len(names) == 10 and names[0] == "000000.jpeg"
    # Frame 2 of the task is frame 6 of the video: red channel 48.
    image = Image.open(io.BytesIO(zipfile.ZipFile(io.BytesIO(chunk.content)).read(names[2])))
    assert abs(image.getpixel((5, 5))[0] - 48) < 12


def test_point_clouds_make_a_3d_task(factory: Factory, worker: None, tmp_path: Path) -> None:
    user = factory.user()
    files = {"a.pcd": write_pcd(tmp_path / "a.pcd", points=7).read_bytes(), "b.pcd": write_pcd(tmp_path / "b.pcd").read_bytes()}
    task = task_with_files(factory, user, files)
    assert task["dimension"] == "3d" and task["media_type"] == "point_cloud" and task["size"] == 2
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert meta["frames"][0]["width"] == 7 and meta["frames"][0]["height"] == 1
    chunk = user.get(f"/api/tasks/{task['id']}/data", params={"type": "chunk", "number": 0, "quality": "original"})
    assert _zip_entries(chunk.content) == ["000000.pcd", "000001.pcd"]


def test_related_images_are_context_not_frames(factory: Factory, worker: None) -> None:
    user = factory.user()
    files = {"scene.zip": zip_of({"img1.jpg": image_bytes(), "related_images/img1_jpg/ctx.png": image_bytes(fmt="PNG"),
                                  "img2.jpg": image_bytes()})}
    task = task_with_files(factory, user, files)
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert [(f["name"], f["related_files"]) for f in meta["frames"]] == [("img1.jpg", 1), ("img2.jpg", 0)]
    context = user.get(f"/api/tasks/{task['id']}/data", params={"type": "context_image", "number": 0})
    assert _zip_entries(context.content) == ["ctx.png"]
    assert user.get(f"/api/tasks/{task['id']}/data", params={"type": "context_image", "number": 1}).status_code == 404


def test_job_file_mapping_makes_one_job_per_list(factory: Factory, worker: None) -> None:
    user = factory.user()
    files = _names(5)
    mapping = [["img04.jpg", "img00.jpg"], ["img01.jpg"], ["img02.jpg", "img03.jpg"]]
    task = task_with_files(factory, user, files, job_file_mapping=json.dumps(mapping))
    jobs = user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]
    assert [(j["start_frame"], j["stop_frame"]) for j in jobs] == [(0, 1), (2, 2), (3, 4)]
    assert task["segment_size"] == 0
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert meta["frames"][0]["name"] == "img04.jpg"


def test_deleted_frames_are_set_through_meta(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = task_with_files(factory, user, _names(6), {"segment_size": 3})
    patched = user.patch(f"/api/tasks/{task['id']}/data/meta", json={"deleted_frames": [1, 4]})
    assert patched.json()["deleted_frames"] == [1, 4]
    jobs = user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]
    job_meta = user.get(f"/api/jobs/{jobs[1]['id']}/data/meta").json()
    assert job_meta["deleted_frames"] == [4] and job_meta["size"] == 3 and job_meta["start_frame"] == 3
    restored = user.patch(f"/api/jobs/{jobs[1]['id']}/data/meta", json={"deleted_frames": []}).json()
    assert restored["deleted_frames"] == []
    assert user.get(f"/api/tasks/{task['id']}/data/meta").json()["deleted_frames"] == [1]
    assert user.patch(f"/api/jobs/{jobs[1]['id']}/data/meta", json={"deleted_frames": [0]}).status_code == 400


def test_job_chunks_by_index_and_number(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = task_with_files(factory, user, _names(7), {"segment_size": 4, "overlap": 1}, chunk_size=2, use_cache=True)
    jobs = user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]
    second = jobs[1]  # frames 3..6
    by_index = user.get(f"/api/jobs/{second['id']}/data", params={"type": "chunk", "index": 0, "quality": "original"})
    assert len(_zip_entries(by_index.content)) == 2
    by_number = user.get(f"/api/jobs/{second['id']}/data", params={"type": "chunk", "number": 1, "quality": "original"})
    assert len(_zip_entries(by_number.content)) == 1  # task chunk 1 is frames 2-3; only 3 is in the job
    both = user.get(f"/api/jobs/{second['id']}/data", params={"type": "chunk", "index": 0, "number": 1})
    assert both.status_code == 400
    outside = user.get(f"/api/jobs/{second['id']}/data", params={"type": "frame", "number": 0})
    assert outside.status_code == 400


def test_previews_of_task_job_and_project(factory: Factory, worker: None) -> None:
    user = factory.user()
    project = factory.project(user)
    assert user.get(f"/api/projects/{project['id']}/preview", headers={"Prefer": "handling=empty"}).status_code == 204
    task = task_with_files(factory, user, _names(2), {"project_id": project["id"]})
    preview = user.get(f"/api/tasks/{task['id']}/preview")
    assert preview.headers["content-type"] == "image/jpeg" and Image.open(io.BytesIO(preview.content)).format == "JPEG"
    job = user.get(f"/api/jobs?task_id={task['id']}").json()["results"][0]
    assert user.get(f"/api/jobs/{job['id']}/preview").status_code == 200
    assert user.get(f"/api/projects/{project['id']}/preview").status_code == 200


def test_task_status_and_request_record(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    request = upload(user, task["id"], _names(1))
    assert request["operation"]["type"] == "create:task" and request["operation"]["task_id"] == task["id"]
    assert request["result_id"] == task["id"] and request["progress"] == 1.0
    assert user.get(f"/api/tasks/{task['id']}/status").json()["state"] == "Finished"
    listed = user.get("/api/requests").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == request["id"]


def test_deleting_a_task_removes_its_files_and_cache(factory: Factory, worker: None) -> None:
    from contour.resources.data.cache import get_chunk_cache
    from contour.resources.data.files import task_dir

    user = factory.user()
    task = task_with_files(factory, user, _names(2), use_cache=True)
    user.get(f"/api/tasks/{task['id']}/data", params={"type": "chunk", "number": 0})
    cache = get_chunk_cache()
    assert cache.entry_count() == 1
    assert task_dir(task["id"]).exists()
    assert user.delete(f"/api/tasks/{task['id']}").status_code == 204
    assert not task_dir(task["id"]).exists()
    assert cache.entry_count() == 0


def test_a_manifest_beside_an_archive_gives_predefined_order(factory: Factory, worker: None, tmp_path: Path) -> None:
    from contour.media.manifest import write_images_manifest

    folder = tmp_path / "set"
    write_images(folder, ["b.jpg", "a.jpg", "c.jpg"])
    manifest = tmp_path / "manifest.jsonl"
    write_images_manifest(folder, ["c.jpg", "a.jpg", "b.jpg"], manifest, checksums=True)
    archive = zip_of({name: (folder / name).read_bytes() for name in ("a.jpg", "b.jpg", "c.jpg")})
    user = factory.user()
    task = task_with_files(factory, user, {"set.zip": archive, "manifest.jsonl": manifest.read_bytes()},
                           sorting_method="predefined")
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert [f["name"] for f in meta["frames"]] == ["c.jpg", "a.jpg", "b.jpg"]
