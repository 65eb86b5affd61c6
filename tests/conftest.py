"""Fixtures shared by every test: where the real staged data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def geodata_source_dir() -> Path:
    """The staged OSM/CRAB/boundary files (CI has them beside the clone)."""
    path = Path(os.environ.get("DISPATCH_GEODATA_DIR", shared_dir() / "geodata"))
    if not (path / "crab_addresses_9220_9240_9250_2013.csv").is_file():
        pytest.fail(f"staged geodata not found in {path}; set DISPATCH_GEODATA_DIR")
    return path
