"""Error texts for users: a foreign exception's words without the server path it quotes; media
errors keep the file apart from the reason so the file can be named as the user gave it."""

from __future__ import annotations

import pickle
from pathlib import Path

from PIL import UnidentifiedImageError

from contour.errors import error_text
from contour.media.errors import MediaError


def test_error_text_drops_the_path_an_oserror_quotes() -> None:
    error = FileNotFoundError(2, "No such file or directory", "/srv/contour/tasks/1/raw/x.jpg")
    assert error_text(error) == "No such file or directory"


def test_error_text_names_the_file_as_the_user_gave_it() -> None:
    server = Path("/srv/contour/imports/abc/dataset/masks/a.png")
    error = UnidentifiedImageError(f"cannot identify image file '{server}'")
    assert error_text(error, server, "masks/a.png") == "cannot identify image file 'masks/a.png'"
    assert error_text(error, server) == "cannot identify image file 'a.png'"


def test_a_media_error_is_renamed_and_survives_a_process_boundary() -> None:
    error = MediaError("not a readable image", file="x.jpg")
    renamed = pickle.loads(pickle.dumps(error.naming("photos/x.jpg")))
    assert isinstance(renamed, MediaError)
    assert (renamed.file, renamed.reason, str(renamed)) == ("photos/x.jpg", "not a readable image",
                                                             "photos/x.jpg: not a readable image")
