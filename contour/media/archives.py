"""Safe extraction of uploaded zip and tar archives (plain, gzip, bzip2, xz), detected by content.

Every member is vetted before it touches the disk: no absolute or escaping paths, no links or special
files, no encrypted members, bounded member count, size and compression ratio. Sizes are checked
twice, against what the archive declares and against the bytes actually written, because headers
can lie. Inner archives stay files, as in CVAT. On any failure whatever was extracted is removed.
"""

from __future__ import annotations

import errno
import lzma
import os
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from contour.errors import ValidationError, error_text
from contour.media.filenames import is_too_long, shown_name, too_long_reason

_CHUNK_BYTES = 1 << 20
# Small members cannot hurt whatever their ratio, and flat images compress far beyond any sane
# ratio limit, so ratios only count once this much has been expanded.
_RATIO_FLOOR_BYTES = 1 << 20
_ZIP_ENCRYPTED = 0x0001
_ZIP_STRONG_ENCRYPTION = 0x0040
_ZIP_UTF8_NAMES = 0x0800
_ZIP_END_RECORD = b"PK\x05\x06"
_ZIP64_END_LOCATOR = b"PK\x06\x07"
_ZIP64_END_RECORD = b"PK\x06\x06"
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
# Finder litter: resource forks under __MACOSX/ and as "._name" files, and folder view settings.
_JUNK_FOLDERS = frozenset({"__MACOSX"})
_JUNK_FILES = frozenset({".DS_Store"})
_JUNK_PREFIX = "._"
# Decoder failures surface as these, depending on the codec and on where in the stream they happen.
_CORRUPT_ERRORS = (
    zipfile.BadZipFile,
    tarfile.TarError,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    UnicodeDecodeError,
)


def is_archive(path: Path) -> bool:
    """Whether the file is a zip or (optionally compressed) tar archive, judged by its content."""
    try:
        return _kind(path) is not None
    except (OSError, EOFError):
        return False


def extract_archive(
    archive: Path, destination: Path, *, max_total_bytes: int, max_ratio: int, max_members: int
) -> list[Path]:
    """Extract the regular files of `archive` under `destination`, keeping their folders.

    Returns the extracted files (under `destination`) in archive order. Raises ValidationError naming
    the archive and member for anything unsafe or unreadable, after removing what was extracted.
    Existing files in `destination` are never overwritten: a collision is an error.
    """
    kind = _kind(archive)
    if kind is None:
        raise ValidationError(f"'{archive.name}' is not a readable zip or tar archive (it may be corrupt).")
    archive_bytes = archive.stat().st_size
    expanded_limit = max(_RATIO_FLOOR_BYTES, max_ratio * archive_bytes)
    writer = _Writer(archive, destination)
    try:
        if kind == "zip":
            _extract_zip(archive, writer, max_total_bytes, max_ratio, expanded_limit, max_members)
        else:
            _extract_tar(archive, writer, max_total_bytes, max_ratio, expanded_limit, max_members)
    except BaseException:
        writer.remove_all()
        raise
    return writer.files


def _kind(path: Path) -> str | None:
    # Tar first: a tar whose last member is a zip also looks like a zip from its end.
    if tarfile.is_tarfile(path):
        return "tar"
    if zipfile.is_zipfile(path):
        return "zip"
    return None


def _refuse(archive: Path, member: str | None, reason: str) -> ValidationError:
    where = f"'{archive.name}'" if member is None else f"'{archive.name}', member '{member}',"
    return ValidationError(f"Archive {where} {reason}")


@contextmanager
def _reading(archive: Path, member: str | None = None) -> Iterator[None]:
    """Turn decoder failures into a ValidationError; wraps reads only, so disk errors stay server errors."""
    try:
        yield
    except NotImplementedError as error:
        raise _refuse(archive, member, f"uses an unsupported feature ({error_text(error, archive)}).") from error
    except _CORRUPT_ERRORS as error:
        raise _refuse(archive, member, f"is corrupt ({error_text(error, archive)}).") from error


@dataclass
class _Budget:
    """Expanded bytes so far against the size limit and the ratio-derived limit."""

    archive: Path
    max_total_bytes: int
    max_ratio: int
    expanded_limit: int
    used: int = 0

    def check(self, member: str, more: int) -> None:
        if self.used + more > self.max_total_bytes:
            raise _refuse(self.archive, member, f"expands beyond the limit of {self.max_total_bytes} bytes.")
        if self.used + more > self.expanded_limit:
            raise _refuse(self.archive, member, f"expands more than {self.max_ratio} times its size (zip bomb?).")

    def charge(self, member: str, more: int) -> None:
        self.check(member, more)
        self.used += more


@dataclass
class _Writer:
    """Creates member files under the destination and remembers them so a failure can undo it all."""

    archive: Path
    destination: Path
    files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def write(self, member: str, relative: PurePosixPath, source: IO[bytes], budget: _Budget, declared: int) -> None:
        try:
            target = self._create_parents(member, relative)
        except OSError as error:
            # Every name fits (_member_path), but the whole path may still pass the system's limit.
            if error.errno == errno.ENAMETOOLONG:
                raise _refuse(self.archive, shown_name(member), "has a path too long for this server to store.") from error
            raise
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            descriptor = os.open(target, flags, 0o644)
        except (FileExistsError, NotADirectoryError, IsADirectoryError) as error:
            raise _refuse(self.archive, member, "collides with another file.") from error
        except OSError as error:
            if error.errno in (errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL):
                raise _refuse(self.archive, member, "has a name this server cannot store.") from error
            raise
        self.files.append(target)
        written = 0
        with os.fdopen(descriptor, "wb") as output:
            while True:
                with _reading(self.archive, member):
                    chunk = source.read(_CHUNK_BYTES)
                if not chunk:
                    break
                written += len(chunk)
                if written > declared:
                    raise _refuse(self.archive, member, f"holds more than the {declared} bytes it declares.")
                budget.charge(member, len(chunk))
                output.write(chunk)

    def _create_parents(self, member: str, relative: PurePosixPath) -> Path:
        folder = self.destination
        if not folder.exists():
            folder.mkdir(parents=True)
            self.folders.append(folder)
        for part in relative.parts[:-1]:
            folder = folder / part
            if not folder.exists() and not folder.is_symlink():
                try:
                    folder.mkdir()
                except (FileExistsError, NotADirectoryError) as error:
                    raise _refuse(self.archive, member, "collides with another file.") from error
                self.folders.append(folder)
        # A link planted in the destination beforehand must not lead the member elsewhere.
        if not folder.resolve().is_relative_to(self.destination.resolve()):
            raise _refuse(self.archive, member, "would be written outside the destination.")
        return folder / relative.name

    def remove_all(self) -> None:
        for path in reversed(self.files):
            path.unlink(missing_ok=True)
        for folder in reversed(self.folders):
            with suppress(OSError):  # not empty: someone else's files live there too
                folder.rmdir()
        self.files.clear()


def _member_path(archive: Path, name: str) -> PurePosixPath | None:
    """The safe relative path of a member; None for members to skip; raises for escaping names."""
    # Windows tools sometimes write backslashes; treat them as the separators they were meant to be.
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or _WINDOWS_DRIVE.match(normalized):
        raise _refuse(archive, name, "has an absolute path.")
    parts = [part for part in normalized.split("/") if part not in ("", ".")]
    # Legitimate archives never need "..", so any occurrence is refused rather than resolved.
    if ".." in parts:
        raise _refuse(archive, name, "has a '..' path component.")
    if not parts or _JUNK_FOLDERS.intersection(parts) or _is_junk_file(parts[-1]):
        return None
    # Checked with the rest of the index, so an archive that cannot be stored writes nothing.
    for part in parts:
        if is_too_long(part):
            raise _refuse(archive, shown_name(name),
                          f"has a file or folder name ('{shown_name(part)}') that {too_long_reason(part)}.")
    return PurePosixPath(*parts)


def _is_junk_file(name: str) -> bool:
    return name in _JUNK_FILES or name.startswith(_JUNK_PREFIX)


def _extract_zip(
    archive: Path, writer: _Writer, max_total_bytes: int, max_ratio: int, expanded_limit: int, max_members: int
) -> None:
    declared_entries = _zip_declared_entries(archive)
    # Refused before ZipFile reads the whole central directory into memory.
    if declared_entries is not None and declared_entries > max_members:
        raise _refuse(archive, None, f"has more than {max_members} members.")
    with _reading(archive):
        bundle = zipfile.ZipFile(archive)
    with bundle:
        with _reading(archive):
            infos = bundle.infolist()
        if len(infos) > max_members:
            raise _refuse(archive, None, f"has more than {max_members} members.")
        declared = _Budget(archive, max_total_bytes, max_ratio, expanded_limit)
        planned: list[tuple[zipfile.ZipInfo, str, PurePosixPath]] = []
        # The whole index is vetted before anything is written.
        for info in infos:
            name = _zip_member_name(info)
            relative = _member_path(archive, name)
            _check_zip_member(archive, info, name)
            if relative is None or info.is_dir():
                continue
            if info.file_size > _RATIO_FLOOR_BYTES and info.file_size > max_ratio * max(info.compress_size, 1):
                raise _refuse(archive, name, f"expands more than {max_ratio} times its size (zip bomb?).")
            declared.charge(name, info.file_size)
            planned.append((info, name, relative))
        actual = _Budget(archive, max_total_bytes, max_ratio, expanded_limit)
        for info, name, relative in planned:
            with _reading(archive, name):
                source = bundle.open(info)
            with source:
                writer.write(name, relative, source, actual, info.file_size)


def _zip_member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & _ZIP_UTF8_NAMES:
        return info.filename
    # Without the UTF-8 flag zipfile decodes as cp437, but many tools write UTF-8 without setting it.
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return info.filename


def _check_zip_member(archive: Path, info: zipfile.ZipInfo, name: str) -> None:
    if info.flag_bits & (_ZIP_ENCRYPTED | _ZIP_STRONG_ENCRYPTION):
        raise _refuse(archive, name, "is encrypted.")
    kind = stat.S_IFMT(info.external_attr >> 16)
    if stat.S_ISLNK(kind):
        raise _refuse(archive, name, "is a symbolic link.")
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise _refuse(archive, name, "is a special file.")


def _zip_declared_entries(archive: Path) -> int | None:
    """The entry count from the end-of-central-directory record (zip64 aware), or None if unreadable."""
    with archive.open("rb") as file:
        size = file.seek(0, os.SEEK_END)
        tail_start = max(0, size - (22 + 0xFFFF))
        file.seek(tail_start)
        tail = file.read()
        at = tail.rfind(_ZIP_END_RECORD)
        if at < 0 or len(tail) < at + 22:
            return None
        entries = int.from_bytes(tail[at + 10 : at + 12], "little")
        if entries != 0xFFFF:
            return entries
        locator = at - 20
        if locator < 0 or tail[locator : locator + 4] != _ZIP64_END_LOCATOR:
            return None
        file.seek(int.from_bytes(tail[locator + 8 : locator + 16], "little"))
        record = file.read(56)
        if len(record) < 56 or record[:4] != _ZIP64_END_RECORD:
            return None
        return int.from_bytes(record[32:40], "little")


def _extract_tar(
    archive: Path, writer: _Writer, max_total_bytes: int, max_ratio: int, expanded_limit: int, max_members: int
) -> None:
    with _open_tar(archive) as bundle:
        budget = _Budget(archive, max_total_bytes, max_ratio, expanded_limit)
        count = 0
        # Members are read as they come: a tar has no index, and listing one first would decode it twice.
        while True:
            with _reading(archive):
                member = bundle.next()
            if member is None:
                break
            count += 1
            if count > max_members:
                raise _refuse(archive, None, f"has more than {max_members} members.")
            relative = _member_path(archive, member.name)
            _check_tar_member(archive, member)
            if relative is None or member.isdir():
                continue
            # Tar sizes are exact (the reader consumes precisely that many bytes), so check before writing.
            budget.check(member.name, member.size)
            with _reading(archive, member.name):
                source = bundle.extractfile(member)
            if source is None:
                raise _refuse(archive, member.name, "cannot be read.")
            with source:
                writer.write(member.name, relative, source, budget, member.size)


def _open_tar(archive: Path) -> tarfile.TarFile:
    with _reading(archive):
        # Undecodable names get U+FFFD rather than surrogates, which would break any later UTF-8 encoding.
        return tarfile.open(archive, "r:*", errors="replace")


def _check_tar_member(archive: Path, member: tarfile.TarInfo) -> None:
    if member.issym() or member.islnk():
        raise _refuse(archive, member.name, "is a link.")
    if member.issparse():
        raise _refuse(archive, member.name, "is a sparse file, which is not supported.")
    if not (member.isreg() or member.isdir()):
        raise _refuse(archive, member.name, "is a special file.")
