"""Put a house number on a known street: exactly, by a sibling number, or by interpolation.

Policy (issue 3, "never place an address that does not exist"):
- A number the register has is placed on its own point (precision "house_number"); a box
  (12 bus 3, 12/3) is inside the same building, so it takes the building's point.
- A box the register does not know (12 bus 9), or a letter on a number the register lists
  without letters (12C where only 12 exists), is placed at that building number when all the
  register's points for it lie within 30 m of each other (one building); the result says so
  and its confidence is lower (0.85). A letter on a number the register does list with letters
  (12C where 12A and 12B exist) is not placed: the register tells those letters apart, so an
  unknown one goes to review.
- A number the register lacks is interpolated only between the nearest numbers on the same
  side of the street (same parity), when both exist, are at most 6 apart (12 between 10 and
  14 or 16) and their points are at most 150 m apart. Otherwise nothing is placed and the
  address goes to review. This allows houses built after the register (2013) between two
  known ones, and refuses numbers past either end of the street.
"""

from __future__ import annotations

from dataclasses import dataclass

from geodata.address_index import Street
from geodata.addresses import AddressRecord
from geodata.geometry import haversine_m
from geodata.housenumbers import HouseNumber

SAME_BUILDING_M = 30.0
INTERPOLATE_MAX_GAP = 6
INTERPOLATE_MAX_SPAN_M = 150.0


@dataclass(frozen=True)
class Placement:
    lat: float
    lon: float
    precision: str  # "house_number" or "interpolated"
    factor: float  # how much this step keeps of the confidence
    housenumber: str  # the register's number used (or the typed one when interpolated)
    note: str = ""


def _exact(rec: AddressRecord, factor: float = 1.0, note: str = "") -> Placement:
    return Placement(rec.lat, rec.lon, "house_number", factor, rec.housenumber, note)


def _one_building(recs: list[AddressRecord]) -> bool:
    first = (recs[0].lat, recs[0].lon)
    return all(haversine_m(first, (r.lat, r.lon)) <= SAME_BUILDING_M for r in recs)


def _interpolate(street: Street, hn: HouseNumber) -> Placement | None:
    n = hn.number
    side = [k for k in street.by_number if k % 2 == n % 2]
    lower = [k for k in side if k < n]
    upper = [k for k in side if k > n]
    if not lower or not upper:
        return None
    lo, hi = max(lower), min(upper)
    if hi - lo > INTERPOLATE_MAX_GAP:
        return None
    a, b = street.by_number[lo][0], street.by_number[hi][0]
    if haversine_m((a.lat, a.lon), (b.lat, b.lon)) > INTERPOLATE_MAX_SPAN_M:
        return None
    t = (n - lo) / (hi - lo)
    return Placement(
        a.lat + t * (b.lat - a.lat),
        a.lon + t * (b.lon - a.lon),
        "interpolated",
        0.6,
        str(n),
        f"{n} is not in the register; interpolated between {lo} and {hi}",
    )


def place_on_street(street: Street, hn: HouseNumber) -> Placement | None:
    """Where hn lies on street, or None when the register gives no sound position."""
    houses = street.houses
    n, suffix, box = hn.number, hn.suffix, hn.box
    if box and (rec := houses.get((n, suffix, box))):
        return _exact(rec)
    if rec := houses.get((n, suffix, "")):
        return _exact(rec)
    if box and not suffix and box.isalpha() and (rec := houses.get((n, box, ""))):
        return _exact(rec, 0.95, f"box {box.upper()} read as {rec.housenumber}")
    siblings = street.by_number.get(n, [])
    lettered = [r for r in siblings if not r.housenumber.isdigit() and "_" not in r.housenumber]
    if suffix and lettered:
        return None  # the register lists letters here (12A, 12B) and not this one: ask
    if siblings and _one_building(siblings):
        plain = houses.get((n, "", "")) or siblings[0]
        typed = f"{n}{suffix.upper()}" + (f" bus {box.upper()}" if box else "")
        return _exact(
            plain,
            0.85,
            f"{typed} is not in the register; placed at "
            f"{plain.housenumber}, the same building number",
        )
    if hn.range_end is not None:
        step = 2 if (hn.range_end - n) % 2 == 0 else 1  # 12-14: same side of the street
        for m in range(n + step, hn.range_end + 1, step):
            if rec := houses.get((m, "", "")):
                return _exact(rec, 0.95, f"range {hn.label()}: placed at {rec.housenumber}")
    if siblings:
        return None  # the number has several buildings far apart: let a person choose
    return _interpolate(street, hn)
