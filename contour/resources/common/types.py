"""Bounded id types: ids beyond the database's 32-bit integers are a 4xx at the edge, not a crash."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import Field

MAX_DB_INT = 2_147_483_647

# An id given in a request body.
DbId = Annotated[int, Field(ge=0, le=MAX_DB_INT)]
# An id in the URL path; out-of-range ids simply do not exist.
PathId = Annotated[int, Path(ge=0, le=MAX_DB_INT)]
