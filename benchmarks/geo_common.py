"""Shared set-up for the geodata benchmarks: find the staged data and import it once."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path

from geodata.importer import import_area, is_imported

REPO = Path(__file__).resolve().parent.parent


def source_dir() -> Path:
    """The staged geodata: $DISPATCH_GEODATA_DIR, else <repo>/../shared/geodata."""
    path = Path(os.environ.get("DISPATCH_GEODATA_DIR") or REPO.parent / "shared" / "geodata")
    if not (path / "crab_addresses_9220_9240_9250_2013.csv").is_file():
        raise SystemExit(f"Staged geodata not found in {path}; set DISPATCH_GEODATA_DIR.")
    return path


def data_dir(arg: str | None) -> Path:
    """An imported data dir: the one given, or a fresh import into a temporary folder."""
    logging.basicConfig(level=logging.WARNING)
    if arg:
        path = Path(arg)
        if not is_imported(path):
            import_area(source_dir(), path)
        return path
    path = Path(tempfile.mkdtemp(prefix="geo-bench-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    import_area(source_dir(), path)
    return path
