"""Contour: an annotation platform for computer vision with a CVAT-compatible REST API."""

__version__ = "0.1.0"

# The CVAT API version we implement; cvat-sdk/cvat-cli 2.80 accept ~=2.80.0.
CVAT_API_VERSION = "2.80.0"
