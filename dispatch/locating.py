"""Placing a customer's address: the geocoder's answer turned into what an order stores."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from dispatch.area_services import AreaServices

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Placement:
    """Where an address lies and how sure we are; `status` as the geocoder says it."""

    status: str  # located, needs_review, outside_area
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    confidence: float | None = None
    reason: str = ""
    municipality: str | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)


def place_address(
    area: AreaServices,
    *,
    street: str,
    house_number: str,
    postcode: str,
    municipality: str,
    box: str | None = None,
) -> Placement:
    """Geocode against the imported address register; without it, the dispatcher must check."""
    if not area.imported:
        return Placement(
            status="needs_review",
            reason="No address register is imported, so the address could not be checked.",
        )
    from geodata.geocoder import AddressQuery

    result = area.geocoder.geocode(
        AddressQuery(
            street=street,
            house_number=house_number,
            postcode=postcode,
            municipality=municipality,
            box=box,
        )
    )
    return Placement(
        status=result.status,
        lat=result.lat,
        lon=result.lon,
        precision=result.precision,
        confidence=result.confidence,
        reason=result.reason,
        municipality=result.municipality,
        candidates=[asdict(c) for c in result.candidates],
    )
