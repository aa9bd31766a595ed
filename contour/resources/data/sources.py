"""Gathering a task's media files: staged uploads, the server share, or remote URLs; archives unpacked."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from contour.config import get_settings
from contour.errors import ValidationError
from contour.media import archives, remote
from contour.media.filenames import is_too_long, shown_name, too_long_reason
from contour.resources.data.files import raw_dir, task_staging
from contour.resources.data.schemas import DataRequest
from contour.resources.uploads.staging import staged_in_arrival_order


@dataclass
class GatheredFiles:
    root: Path  # media paths are relative to this
    files: list[str]  # every regular file, relative to root, in the order the user gave them
    storage: str  # "local" or "share"
    from_archive: bool  # some files came out of an archive (order inside is not the user's)
    # What the user called a file whose path under root is not its name to them (a download: its URL).
    given_names: dict[str, str] = field(default_factory=dict)

    def given_name(self, name: str) -> str:
        """How messages name the file at `name`: never by its server path."""
        return self.given_names.get(name, name)


def share_root() -> Path:
    return get_settings().resolved_share_dir.resolve()


def resolve_share_path(entry: str) -> Path:
    """A share entry as an absolute path that cannot escape the share."""
    root = share_root()
    # No such name can be on the share; asking the file system would raise ENAMETOOLONG instead.
    for part in PurePosixPath(entry).parts:
        if is_too_long(part):
            raise ValidationError({"server_files": [f"'{shown_name(entry)}' cannot be on the share: a name in it "
                                                    f"{too_long_reason(part)}."]})
    path = (root / entry.lstrip("/")).resolve()
    if not path.is_relative_to(root):
        raise ValidationError({"server_files": [f"'{entry}' is outside the share."]})
    if not path.exists():
        raise ValidationError({"server_files": [f"'{entry}' was not found on the share."]})
    return path


def _share_files(request: DataRequest) -> list[Path]:
    excluded = {resolve_share_path(e) for e in request.server_files_exclude if e}
    found: list[Path] = []
    for entry in request.server_files:
        path = resolve_share_path(entry)
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found.extend(p for p in candidates if p not in excluded and not any(p.is_relative_to(x) for x in excluded))
    return found


def _needs_copy(paths: list[Path]) -> bool:
    # Archives must be unpacked and KITTI .bin clouds converted: both write files, so copy.
    return any(archives.is_archive(p) or p.suffix.lower() == ".bin" for p in paths)


def _check_one_source(task_id: int, request: DataRequest) -> None:
    sources = [bool(request.server_files), bool(request.remote_files), task_staging(task_id).is_dir()]
    if sum(sources) > 1:
        raise ValidationError("Give media from one source only: uploaded files, server files or remote URLs.")


def _fresh_raw_dir(task_id: int) -> Path:
    raw = raw_dir(task_id)
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    return raw


def download_remote_files(task_id: int, request: DataRequest, progress: Callable[[float, str], None]) -> list[str]:
    """Download the request's `remote_files` into the task's raw folder; their names there, in URL order.

    Progress is reported about once a second while bytes are awaited; a report that raises (the request
    was cancelled) stops the download at once.
    """
    _check_one_source(task_id, request)
    raw = _fresh_raw_dir(task_id)
    settings = get_settings()
    total = len(request.remote_files)
    done = 0

    def file_done(count: int, _total: int) -> None:
        nonlocal done
        done = count

    def report(received: int) -> None:
        progress(0.0, f"Files are being downloaded: {done} of {total} done, {_amount(received)} received")

    progress(0.0, "Files are being downloaded")
    downloaded = remote.download_files(
        request.remote_files,
        raw,
        allow_private=settings.remote_allow_private,
        max_file_bytes=settings.remote_max_file_bytes,
        max_total_bytes=settings.remote_max_total_bytes,
        timeout_s=settings.remote_timeout_s,
        total_timeout_s=settings.remote_total_timeout_s,
        min_bytes_per_s=settings.remote_min_bytes_per_s,
        rate_window_s=settings.remote_rate_window_s,
        on_progress=file_done,
        on_transfer=report,
    )
    return [str(p.relative_to(raw)) for p in downloaded]


def _amount(count: int) -> str:
    if count < 2**10:
        return f"{count} bytes"
    if count < 2**20:
        return f"{count / 2**10:.1f} KiB"
    return f"{count / 2**20:.1f} MiB"


def gather_files(
    task_id: int, request: DataRequest, progress: Callable[[float, str], None], downloaded: list[str] | None = None
) -> GatheredFiles:
    """The task's media files. Remote files must have been downloaded first (download_remote_files, in a step
    of their own off the queue's workers): `downloaded` names them."""
    _check_one_source(task_id, request)
    urls: dict[str, str] = {}  # downloaded file -> the URL it came from
    if request.remote_files:
        if downloaded is None:
            raise RuntimeError("remote files are gathered only once downloaded")
        raw = raw_dir(task_id)
        given = downloaded
        urls = dict(zip(given, request.remote_files, strict=True))
    elif request.server_files:
        raw = _fresh_raw_dir(task_id)
        share_paths = _share_files(request)
        if not request.copy_data and not _needs_copy(share_paths):
            root = share_root()
            return GatheredFiles(root, [str(p.relative_to(root)) for p in share_paths], "share", False)
        root = share_root()
        given = list(dict.fromkeys(str(p.relative_to(root)) for p in share_paths))
        for name in given:
            (raw / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / name, raw / name)
    else:
        raw = _fresh_raw_dir(task_id)
        staging = task_staging(task_id)
        given = staged_in_arrival_order(staging)
        for name in given:
            os.replace(staging / name, raw / name)
        shutil.rmtree(staging, ignore_errors=True)
    files, from_archive = _unpack_archives(raw, given, progress)
    if not files:
        raise ValidationError("No media files were given.")
    return GatheredFiles(raw, files, "local", from_archive, urls)


def _unpack_archives(raw: Path, given: list[str], progress: Callable[[float, str], None]) -> tuple[list[str], bool]:
    """Every file under `raw` in the user's order (`given`), each archive replaced by its members in name
    order where it stood; files `given` does not name (none, normally) come last by name. The flag tells
    whether an archive was unpacked."""
    settings = get_settings()
    ordered: list[str] = []
    from_archive = False
    for name in given:
        path = raw / name
        if not archives.is_archive(path):
            ordered.append(name)
            continue
        from_archive = True
        progress(0.02, f"Extracting {path.name}")
        before = {p for p in raw.rglob("*") if p.is_file()}
        archives.extract_archive(
            path,
            path.parent,
            max_total_bytes=settings.archive_max_total_bytes,
            max_ratio=settings.archive_max_ratio,
            max_members=settings.archive_max_members,
        )
        path.unlink()
        ordered.extend(sorted(str(p.relative_to(raw)) for p in raw.rglob("*") if p.is_file() and p not in before))
    known = set(ordered)
    rest = sorted(n for n in (str(p.relative_to(raw)) for p in raw.rglob("*") if p.is_file()) if n not in known)
    return ordered + rest, from_archive
