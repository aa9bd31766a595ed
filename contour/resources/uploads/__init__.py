"""File uploads: CVAT's Upload-Start/Multiple/Finish batches and the TUS resumable protocol."""
