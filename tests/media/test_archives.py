"""Archive extraction keeps folders, skips Finder litter and refuses anything unsafe, leaving nothing behind."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from contour.errors import ValidationError
from contour.media.archives import extract_archive, is_archive

Builder = Callable[[Path, dict[str, bytes]], Path]
_LIMITS = {"max_total_bytes": 10**9, "max_ratio": 100, "max_members": 1000}
_BOMB_BYTES = 50 * 2**20


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as bundle:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
    return path


def _tar_with(path: Path, info: tarfile.TarInfo) -> Path:
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as bundle:
        first = tarfile.TarInfo("ok.txt")
        first.size = 2
        bundle.addfile(first, io.BytesIO(b"ok"))
        bundle.addfile(info)
    return path


def _extract(archive: Path, destination: Path, **limits: int) -> list[Path]:
    return extract_archive(archive, destination, **{**_LIMITS, **limits})


def _files(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def _patch_zip_member(path: Path, name: str, *, set_flags: int = 0, clear_flags: int = 0, file_size: int = -1) -> None:
    """Rewrite header fields that zipfile will not write itself: flag bits and a lying declared size."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, flags_at, size_at in ((b"PK\x03\x04", 6, 22), (b"PK\x01\x02", 8, 24)):
        name_at = 30 if signature == b"PK\x03\x04" else 46
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                flags = int.from_bytes(data[start + flags_at : start + flags_at + 2], "little")
                flags = (flags | set_flags) & ~clear_flags
                data[start + flags_at : start + flags_at + 2] = flags.to_bytes(2, "little")
                if file_size >= 0 and signature == b"PK\x01\x02":
                    data[start + size_at : start + size_at + 4] = file_size.to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))


def test_zip_extracts_nested_folders(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"top.jpg": b"1", "set/a/one.jpg": b"2", "set/b/two.jpg": b"3", "empty/": b""})
    files = _extract(archive, tmp_path / "out")
    assert [p.relative_to(tmp_path / "out").as_posix() for p in files] == ["top.jpg", "set/a/one.jpg", "set/b/two.jpg"]
    assert (tmp_path / "out/set/b/two.jpg").read_bytes() == b"3"


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_tar_variants_are_detected_by_content_and_extracted(tmp_path: Path, mode: str) -> None:
    archive = _tar(tmp_path / "upload.bin", {"set/a/one.jpg": b"1", "two.jpg": b"2"}, mode)
    assert is_archive(archive)
    files = _extract(archive, tmp_path / "out")
    assert [p.name for p in files] == ["one.jpg", "two.jpg"]
    assert (tmp_path / "out/set/a/one.jpg").read_bytes() == b"1"


def test_zip_with_an_image_extension_is_an_archive(tmp_path: Path) -> None:
    assert is_archive(_zip(tmp_path / "photo.jpg", {"a.jpg": b"1"}))


@pytest.mark.parametrize("content", [b"", b"\xff\xd8\xff\xe0 not an archive" * 100, b"PK\x03\x04 truncated"])
def test_other_files_are_not_archives(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "file.zip"
    path.write_bytes(content)
    assert not is_archive(path)


@pytest.mark.parametrize("builder", [_zip, _tar])
def test_member_with_parent_directory_component_is_refused(tmp_path: Path, builder: Builder) -> None:
    archive = builder(tmp_path / "a", {"ok.jpg": b"1", "set/../../evil.jpg": b"2"})
    with pytest.raises(ValidationError, match=r"evil\.jpg.*'\.\.'"):
        _extract(archive, tmp_path / "out")
    assert not (tmp_path / "evil.jpg").exists()
    assert _leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("builder", [_zip, _tar])
def test_member_with_absolute_path_is_refused(tmp_path: Path, builder: Builder) -> None:
    archive = builder(tmp_path / "a", {"ok.jpg": b"1", "/tmp/evil.jpg": b"2"})
    with pytest.raises(ValidationError, match="absolute path"):
        _extract(archive, tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_zip_member_with_windows_drive_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"C:\\Windows\\evil.jpg": b"1"})
    with pytest.raises(ValidationError, match="absolute path"):
        _extract(archive, tmp_path / "out")


def test_tar_symlink_member_is_refused(tmp_path: Path) -> None:
    link = tarfile.TarInfo("link.jpg")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with pytest.raises(ValidationError, match=r"'a\.tar', member 'link\.jpg', is a link"):
        _extract(_tar_with(tmp_path / "a.tar", link), tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_tar_hardlink_member_is_refused(tmp_path: Path) -> None:
    link = tarfile.TarInfo("link.jpg")
    link.type, link.linkname = tarfile.LNKTYPE, "ok.txt"
    with pytest.raises(ValidationError, match="is a link"):
        _extract(_tar_with(tmp_path / "a.tar", link), tmp_path / "out")


@pytest.mark.parametrize("kind", [tarfile.FIFOTYPE, tarfile.CHRTYPE, tarfile.BLKTYPE])
def test_tar_special_file_member_is_refused(tmp_path: Path, kind: bytes) -> None:
    special = tarfile.TarInfo("device")
    special.type = kind
    with pytest.raises(ValidationError, match="is a special file"):
        _extract(_tar_with(tmp_path / "a.tar", special), tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_zip_symlink_member_is_refused(tmp_path: Path) -> None:
    info = zipfile.ZipInfo("link.jpg")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as bundle:
        bundle.writestr(info, "/etc/passwd")
    with pytest.raises(ValidationError, match=r"member 'link\.jpg', is a symbolic link"):
        _extract(tmp_path / "a.zip", tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_zip_bomb_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "bomb.zip", {"ok.jpg": b"1", "zeros.bin": bytes(_BOMB_BYTES)})
    with pytest.raises(ValidationError, match=r"zeros\.bin.*more than 100 times"):
        _extract(archive, tmp_path / "out", max_ratio=100)
    assert _leftovers(tmp_path / "out") == []


def test_tar_gz_bomb_is_refused_and_extracted_files_removed(tmp_path: Path) -> None:
    archive = _tar(tmp_path / "bomb.tar.gz", {"set/ok.jpg": b"1", "set/zeros.bin": bytes(_BOMB_BYTES)})
    with pytest.raises(ValidationError, match=r"zeros\.bin.*more than 100 times"):
        _extract(archive, tmp_path / "out", max_ratio=100)
    assert _leftovers(tmp_path / "out") == []


def test_zip_member_longer_than_its_declared_size_is_refused_and_removed(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"ok.jpg": b"1", "liar.bin": os.urandom(200_000)}, zipfile.ZIP_STORED)
    _patch_zip_member(archive, "liar.bin", file_size=1000)
    with pytest.raises(ValidationError, match=r"liar\.bin.*corrupt"):
        _extract(archive, tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_zip_over_total_size_is_refused_from_declared_sizes(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {f"{n}.bin": os.urandom(1000) for n in range(3)})
    with pytest.raises(ValidationError, match=r"'2\.bin', expands beyond the limit of 2500 bytes"):
        _extract(archive, tmp_path / "out", max_total_bytes=2500)
    assert _leftovers(tmp_path / "out") == []


def test_tar_over_total_size_is_refused_and_extracted_files_removed(tmp_path: Path) -> None:
    archive = _tar(tmp_path / "a.tar", {f"{n}.bin": os.urandom(1000) for n in range(3)}, "w")
    with pytest.raises(ValidationError, match=r"'2\.bin', expands beyond the limit of 2500 bytes"):
        _extract(archive, tmp_path / "out", max_total_bytes=2500)
    assert _leftovers(tmp_path / "out") == []


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"a.bin": os.urandom(5000)})
    archive.write_bytes(archive.read_bytes()[:3000])
    with pytest.raises(ValidationError, match=r"'a\.zip' is not a readable zip or tar archive"):
        _extract(archive, tmp_path / "out")


def test_zip_with_damaged_data_is_refused_and_removed(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"ok.jpg": b"1", "damaged.txt": b"hello " * 5000})
    data = bytearray(archive.read_bytes())
    at = data.find(b"damaged.txt") + len("damaged.txt") + 10
    data[at : at + 20] = bytes(20)
    archive.write_bytes(bytes(data))
    with pytest.raises(ValidationError, match=r"member 'damaged\.txt', is corrupt"):
        _extract(archive, tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_truncated_tar_gz_is_refused_and_removed(tmp_path: Path) -> None:
    archive = _tar(tmp_path / "a.tar.gz", {"ok.jpg": b"1", "big.bin": os.urandom(200_000)})
    archive.write_bytes(archive.read_bytes()[:100_000])
    with pytest.raises(ValidationError, match="is corrupt"):
        _extract(archive, tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_encrypted_zip_member_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"ok.jpg": b"1", "secret.jpg": b"2"})
    _patch_zip_member(archive, "secret.jpg", set_flags=0x1)
    with pytest.raises(ValidationError, match=r"member 'secret\.jpg', is encrypted"):
        _extract(archive, tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("builder", [_zip, _tar])
def test_archive_with_too_many_members_is_refused(tmp_path: Path, builder: Builder) -> None:
    archive = builder(tmp_path / "a", {f"{n}.jpg": b"1" for n in range(11)})
    with pytest.raises(ValidationError, match="more than 10 members"):
        _extract(archive, tmp_path / "out", max_members=10)
    assert _leftovers(tmp_path / "out") == []


def test_macos_metadata_is_skipped(tmp_path: Path) -> None:
    members = {"set/a.jpg": b"1", "__MACOSX/set/._a.jpg": b"x", "set/.DS_Store": b"x", "set/._b.jpg": b"x"}
    files = _extract(_zip(tmp_path / "a.zip", members), tmp_path / "out")
    assert [p.name for p in files] == ["a.jpg"]
    assert _files(tmp_path / "out") == ["set/a.jpg"]


def test_inner_archives_are_left_as_files(tmp_path: Path) -> None:
    inner = _zip(tmp_path / "inner.zip", {"deep.jpg": b"1"}).read_bytes()
    _extract(_zip(tmp_path / "outer.zip", {"inner.zip": inner}), tmp_path / "out")
    assert _files(tmp_path / "out") == ["inner.zip"]


def test_utf8_zip_names_without_the_utf8_flag_are_decoded(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"café/été.jpg": b"1"})
    _patch_zip_member(archive, "café/été.jpg", clear_flags=0x800)
    _extract(archive, tmp_path / "out")
    assert _files(tmp_path / "out") == ["café/été.jpg"]


def test_zip_names_in_a_legacy_encoding_are_extracted(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"xxxx.jpg": b"1"})
    archive.write_bytes(archive.read_bytes().replace(b"xxxx.jpg", "测试.jpg".encode("gbk")))
    [extracted] = _extract(archive, tmp_path / "out")
    assert extracted.suffix == ".jpg" and extracted.read_bytes() == b"1"


def test_tar_names_that_are_not_utf8_are_extracted_with_replacement_characters(tmp_path: Path) -> None:
    with tarfile.open(tmp_path / "a.tar", "w", format=tarfile.GNU_FORMAT, errors="surrogateescape") as bundle:
        info = tarfile.TarInfo("\udcb2\udce2.jpg")
        info.size = 1
        bundle.addfile(info, io.BytesIO(b"1"))
    [extracted] = _extract(tmp_path / "a.tar", tmp_path / "out")
    assert extracted.name == "\ufffd\ufffd.jpg" and extracted.read_bytes() == b"1"


def test_existing_files_are_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out/a.jpg").write_bytes(b"mine")
    archive = _zip(tmp_path / "a.zip", {"b.jpg": b"1", "a.jpg": b"theirs"})
    with pytest.raises(ValidationError, match=r"'a\.jpg', collides with another file"):
        _extract(archive, tmp_path / "out")
    assert _files(tmp_path / "out") == ["a.jpg"]
    assert (tmp_path / "out/a.jpg").read_bytes() == b"mine"


def test_links_planted_in_the_destination_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out/set").symlink_to(tmp_path / "elsewhere")
    archive = _zip(tmp_path / "a.zip", {"set/a.jpg": b"1"})
    with pytest.raises(ValidationError, match="outside the destination"):
        _extract(archive, tmp_path / "out")
    assert _files(tmp_path / "elsewhere") == []


@pytest.mark.parametrize("builder", [_zip, _tar])
@pytest.mark.parametrize("member", ["a" * 252 + ".jpg", "é" * 128 + "/a.jpg"], ids=["file 256 bytes", "folder 256 bytes"])
def test_a_member_name_over_255_bytes_is_refused_naming_the_limit(tmp_path: Path, builder: Builder, member: str) -> None:
    archive = builder(tmp_path / "a", {"ok.jpg": b"1", member: b"2"})
    with pytest.raises(ValidationError, match="256 bytes long in UTF-8; file names may be at most 255 bytes"):
        _extract(archive, tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []


def test_a_member_name_of_255_bytes_is_extracted(tmp_path: Path) -> None:
    name = "é" * 125 + "a.jpg"  # 250 + 5 bytes
    archive = _zip(tmp_path / "a.zip", {name: b"1"})
    assert [p.name for p in _extract(archive, tmp_path / "out")] == [name]


def test_a_member_path_past_the_systems_path_limit_is_refused(tmp_path: Path) -> None:
    deep = "/".join(["f" * 250] * 20) + "/a.jpg"  # every name fits, the whole path (5,000 bytes) does not
    archive = _zip(tmp_path / "a.zip", {"ok.jpg": b"1", deep: b"2"})
    with pytest.raises(ValidationError, match="path too long"):
        _extract(archive, tmp_path / "out")
    assert _leftovers(tmp_path / "out") == []
