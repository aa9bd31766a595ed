"""Background requests: what users see of queued work (status, progress, result)."""
