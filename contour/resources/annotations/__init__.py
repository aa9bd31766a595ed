"""Annotations of jobs and tasks: storage, validation, the LabeledData API."""
