"""Files that concurrent requests create (previews, chunks) are never read half-written."""

from __future__ import annotations

import threading
from pathlib import Path

from contour.resources.data.files import write_atomically


def test_concurrent_writers_and_readers_see_whole_files_only(tmp_path: Path) -> None:
    path = tmp_path / "task" / "preview.jpeg"
    contents = [bytes([n]) * 2_000_000 for n in range(1, 5)]
    seen: list[bytes] = []
    done = threading.Event()

    def write(data: bytes) -> None:
        for _ in range(5):
            write_atomically(path, data)

    def read() -> None:
        while not done.is_set():
            if path.exists():
                seen.append(path.read_bytes())

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(data,)) for data in contents]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    reader.join()
    assert path.read_bytes() in contents
    assert seen and all(data in contents for data in seen)
    assert [p.name for p in path.parent.iterdir()] == ["preview.jpeg"]  # no temporary files left
