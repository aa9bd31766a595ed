"""Queue entry points of dataset work: importing these modules registers the request handlers."""

from contour.resources.datasets import import_jobs, service  # noqa: F401
