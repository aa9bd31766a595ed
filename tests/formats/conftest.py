"""Codec tests are pure: plain files in, plain data out, no server and no database."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "formats"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.database_free)


@pytest.fixture(autouse=True)
def clean_database() -> None:
    """No-op override of the root conftest's fixture: codec tests have no database to clean."""
