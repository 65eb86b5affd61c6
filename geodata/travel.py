"""Travel times for the planner: one interface; local OSRM, an OSRM server, or the fallback."""

from __future__ import annotations

import logging
from pathlib import Path

from geodata.layout import area_files
from geodata.travel_fallback import DETOUR_FACTOR, SPEED_MPS, StraightLineProvider
from geodata.travel_http import OsrmHttpProvider
from geodata.travel_osrm import OsrmLocalProvider
from geodata.travel_types import (
    LatLon,
    RouteGeometry,
    TravelError,
    TravelMatrices,
    TravelMatrixProvider,
)

__all__ = [
    "DETOUR_FACTOR",
    "SPEED_MPS",
    "LatLon",
    "OsrmHttpProvider",
    "OsrmLocalProvider",
    "RouteGeometry",
    "StraightLineProvider",
    "TravelError",
    "TravelMatrices",
    "TravelMatrixProvider",
    "make_travel_provider",
]

log = logging.getLogger(__name__)


def make_travel_provider(data_dir: Path, osrm_url: str | None = None) -> TravelMatrixProvider:
    """The server when a URL is given (DISPATCH_OSRM_URL), else local OSRM, else the fallback."""
    url = osrm_url or None
    if url:
        log.info("Travel times from the OSRM server at %s", url)
        return OsrmHttpProvider(url)
    files = area_files(data_dir)
    if Path(f"{files.osrm}.partition").exists():
        try:
            return OsrmLocalProvider(files.osrm)
        except (TravelError, RuntimeError, ImportError) as exc:
            log.error("Cannot open the imported road data (%s); using straight lines", exc)
    else:
        log.warning(
            "No road data imported under %s; travel times are straight-line estimates", data_dir
        )
    return StraightLineProvider()
