"""Registers the task-data background handlers with the request runner (imported by workers)."""

from contour.resources.data import creation  # noqa: F401
