"""Each user's web-app preferences (player, workspace, shortcuts), kept on the server."""
