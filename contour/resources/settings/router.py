"""Routes of /api/users/self/settings: the signed-in user's web-app preferences."""

from __future__ import annotations

from fastapi import APIRouter, Response

from contour.resources.common.deps import DB, CurrentUser
from contour.resources.common.read_models import documented
from contour.resources.common.responses import JSONResponse
from contour.resources.settings import service
from contour.resources.settings.schemas import UserSettingsPatchRequest, UserSettingsRead

router = APIRouter(tags=["users"])


@router.get("/api/users/self/settings", responses=documented(UserSettingsRead))
def read_user_settings(db: DB, user: CurrentUser) -> Response:
    return JSONResponse(service.settings_of(db, user))


@router.patch("/api/users/self/settings", responses=documented(UserSettingsRead))
def patch_user_settings(body: UserSettingsPatchRequest, db: DB, user: CurrentUser) -> Response:
    # exclude_unset keeps the difference between a section sent as null (reset it) and one left out.
    patch = body.model_dump(exclude_unset=True)
    return JSONResponse(service.do_update_settings(db, user, patch))
