"""Media: decoding and probing (images, archives, video, point clouds), manifests, chunk building.

Plain Python over files and bytes: no HTTP, no SQL. The task-data service composes these.
"""
