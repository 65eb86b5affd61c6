"""Credits every page showing a map or a route must carry (the data licences require them)."""

from __future__ import annotations

import json
from pathlib import Path

from geodata.layout import area_files

OSM_ATTRIBUTION = "© OpenStreetMap contributors"
CRAB_ATTRIBUTION = "Bron: CRAB adresposities, AGIV (nu Digitaal Vlaanderen), 2013"
BOUNDARIES_ATTRIBUTION = (
    "Gemeentegrenzen: Datafable / Philippe Duchesne (Belgian OKFN), licentie onduidelijk"
)

ATTRIBUTIONS: list[str] = [OSM_ATTRIBUTION, CRAB_ATTRIBUTION, BOUNDARIES_ATTRIBUTION]


def attributions(data_dir: Path) -> list[str]:
    """The credits recorded by the last import, or the defaults when nothing is imported."""
    path = area_files(data_dir).attributions
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return [str(x) for x in data]
    return list(ATTRIBUTIONS)
