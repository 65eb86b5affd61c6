"""Placing a customer's address: the geocoder's answer turned into what an order stores."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from dispatch.area_services import AreaServices
from dispatch.errors import InputError

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


class LocationFix(BaseModel):
    """The dispatcher's answer to an unsure address: a pin (lat, lon) or a candidate's index."""

    lat: float | None = Field(default=None, ge=50.9, le=51.3)
    lon: float | None = Field(default=None, ge=3.8, le=4.4)
    candidate: int | None = Field(default=None, ge=0)


def resolve_fix(
    fix: LocationFix, candidates: list[dict[str, Any]], area: AreaServices
) -> tuple[float, float, str | None]:
    """The point the dispatcher chose, refused when it lies outside the delivery area."""
    if fix.candidate is not None:
        if fix.candidate >= len(candidates):
            raise InputError("There is no such candidate.", field="candidate")
        chosen = candidates[fix.candidate]
        lat, lon, precision = chosen["lat"], chosen["lon"], chosen.get("precision")
    elif fix.lat is not None and fix.lon is not None:
        lat, lon, precision = fix.lat, fix.lon, "manual"
    else:
        raise InputError("Give a candidate, or both lat and lon.")
    if area.imported and not area.service_area.contains(lat, lon):
        where = area.service_area.municipality_at(lat, lon) or "unknown"
        raise InputError(f"That point is outside the delivery area (in {where}).", field="lat")
    return lat, lon, precision
