"""Request and response shapes of /api/users/self/settings."""

from __future__ import annotations

from typing import Any

from pydantic import Field, JsonValue

from contour.resources.common.read_models import ReadModel
from contour.resources.common.requests import RequestModel

SECTION_DOC = "A free-form JSON object; the web app documents its keys (web/src/lib/settings.ts)."


class UserSettingsPatchRequest(RequestModel):
    """A JSON merge patch (RFC 7396): objects merge, `null` removes a key (back to its default),
    other values replace. A section set to `null` is reset as a whole."""

    player: dict[str, JsonValue] | None = Field(default=None, description=SECTION_DOC)
    workspace: dict[str, JsonValue] | None = Field(default=None, description=SECTION_DOC)
    shortcuts: dict[str, JsonValue] | None = Field(default=None, description=SECTION_DOC)


class UserSettingsRead(ReadModel):
    """The stored settings; a section never saved is an empty object."""

    player: dict[str, Any]
    workspace: dict[str, Any]
    shortcuts: dict[str, Any]
