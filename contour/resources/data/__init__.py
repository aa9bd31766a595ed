"""Task data: uploads, ingestion, frames, chunks, meta and previews."""
