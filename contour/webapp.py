"""Serves the built web app: client-side routes fall back to index.html, hashed assets are cached
for a year, and files precompressed at build time (.br, .gz) are sent when the browser accepts them."""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Vite puts content-hashed file names under assets/: their content never changes.
IMMUTABLE = "public, max-age=31536000, immutable"
# index.html and unhashed files (favicon) are revalidated, so a new build shows at once.
REVALIDATE = "no-cache"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class WebAppFiles(StaticFiles):
    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True, check_dir=True)
        self._root = directory.resolve()

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path == "api" or path.startswith("api/"):
            # An API path no router matched is the API's 404, never the app's page.
            raise HTTPException(status_code=404)
        if path in ("", "."):
            path = "index.html"
        target = self._file(path)
        if target is None:
            if path.startswith("assets/") or Path(path).suffix:
                raise HTTPException(status_code=404)
            target = self._root / "index.html"  # a client-side route such as /tasks/5
        return self._send(target, Headers(scope=scope))

    def _file(self, path: str) -> Path | None:
        candidate = (self._root / path).resolve()
        if not candidate.is_relative_to(self._root) or not candidate.is_file():
            return None
        return candidate

    def _send(self, target: Path, headers: Headers) -> Response:
        relative = target.relative_to(self._root).as_posix()
        cache = IMMUTABLE if relative.startswith("assets/") else REVALIDATE
        media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        accepted = {part.split(";")[0].strip() for part in headers.get("accept-encoding", "").split(",")}
        for encoding, suffix in ENCODINGS:
            compressed = target.with_name(target.name + suffix)
            if encoding in accepted and compressed.is_file():
                return FileResponse(
                    compressed,
                    media_type=media_type,
                    headers={"Cache-Control": cache, "Content-Encoding": encoding, "Vary": "Accept-Encoding"},
                    stat_result=os.stat(compressed),
                )
        return FileResponse(target, media_type=media_type, headers={"Cache-Control": cache, "Vary": "Accept-Encoding"})
