"""The annotation model and its rules: shapes, tracks, tags; interpolation, merging, slicing."""
