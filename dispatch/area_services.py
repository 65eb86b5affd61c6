"""The imported area data as the service uses it: geocoder, service area, travel times.

Loaded once from the data directory, lazily, because the geocoder index and road engine take a
moment to open and a service without imported data must still start (with fallback times).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geodata.travel import TravelMatrixProvider

log = logging.getLogger(__name__)


class AreaServices:
    """Lazy access to the geodata parts for one data directory."""

    def __init__(self, data_dir: Path, osrm_url: str | None = None) -> None:
        self.data_dir = data_dir
        self.osrm_url = osrm_url
        self._lock = threading.Lock()
        self._geocoder: Any = None
        self._area: Any = None
        self._travel: TravelMatrixProvider | None = None

    @property
    def imported(self) -> bool:
        from geodata.importer import is_imported

        return is_imported(self.data_dir)

    @property
    def geocoder(self) -> Any:
        with self._lock:
            if self._geocoder is None:
                from geodata.geocoder import load_geocoder

                self._geocoder = load_geocoder(self.data_dir)
            return self._geocoder

    @property
    def service_area(self) -> Any:
        with self._lock:
            if self._area is None:
                from geodata.area import ServiceArea

                self._area = ServiceArea.load(self.data_dir)
            return self._area

    @property
    def travel(self) -> TravelMatrixProvider:
        with self._lock:
            if self._travel is None:
                from geodata.travel import make_travel_provider

                self._travel = make_travel_provider(self.data_dir, self.osrm_url)
                log.info("travel times from %s", type(self._travel).__name__)
            return self._travel

    def attributions(self) -> list[str]:
        from geodata.attribution import attributions

        return list(attributions(self.data_dir))

    def reset(self) -> None:
        """Forget loaded parts, after a re-import."""
        with self._lock:
            self._geocoder = self._area = self._travel = None
