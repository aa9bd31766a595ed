"""Routes of /api/server: about (the version the SDK checks), annotation formats, plugins."""

from __future__ import annotations

from fastapi import APIRouter, Response

from contour import CVAT_API_VERSION, __version__
from contour.formats.registry import exporters, importers
from contour.resources.common.deps import BaseURL
from contour.resources.common.responses import JSONResponse

router = APIRouter(tags=["server"])


@router.get("/api/server/about")
def about(base: BaseURL) -> Response:
    return JSONResponse(
        {
            "name": "Contour",
            "description": "Contour: annotation of images, video and point clouds for computer vision, "
            "with a CVAT-compatible REST API.",
            # The API version cvat-sdk/cvat-cli check; Contour's own version is below.
            "version": CVAT_API_VERSION,
            "contour_version": __version__,
            "logo_url": f"{base}/assets/logo.svg",
            "subtitle": "Open annotation for computer vision",
        }
    )


@router.get("/api/server/annotation/formats")
def annotation_formats() -> Response:
    return JSONResponse(
        {
            "importers": [f.spec.describe() for f in importers()],
            "exporters": [f.spec.describe() for f in exporters()],
        }
    )


@router.get("/api/server/plugins")
def plugins() -> Response:
    return JSONResponse({"analytics": False, "models": False, "GIT_INTEGRATION": False, "PREDICT": False})
