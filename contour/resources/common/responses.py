"""JSON responses rendered with orjson (fast on large payloads; UTC datetimes end in "Z" like CVAT's)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import JSONResponse as StarletteJSONResponse


class JSONResponse(StarletteJSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS)


def created(content: Any) -> JSONResponse:
    return JSONResponse(content, status_code=201)
