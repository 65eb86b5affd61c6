"""The address register in memory, arranged for fast street and house-number lookups."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from geodata.addresses import AddressRecord, read_addresses
from geodata.housenumbers import HouseNumber, parse_register_number
from geodata.normalize import alias_keys, key


@dataclass
class Street:
    """One register street in one municipality with its address points."""

    name: str
    municipality: str
    postcode: str
    key: str
    aliases: set[str]
    houses: dict[tuple[int, str, str], AddressRecord] = field(default_factory=dict)
    by_number: dict[int, list[AddressRecord]] = field(default_factory=dict)
    center: tuple[float, float] = (0.0, 0.0)

    def add(self, rec: AddressRecord, hn: HouseNumber) -> None:
        self.houses.setdefault((hn.number, hn.suffix, hn.box), rec)
        self.by_number.setdefault(hn.number, []).append(rec)


class AddressIndex:
    """Streets grouped by municipality; lookup keys come from geodata.normalize."""

    def __init__(self, records: list[AddressRecord]) -> None:
        streets: dict[tuple[str, str], Street] = {}
        for rec in records:
            hn = parse_register_number(rec.housenumber)
            if hn is None:
                continue
            sk = (rec.municipality, rec.street)
            street = streets.get(sk)
            if street is None:
                street = Street(
                    rec.street,
                    rec.municipality,
                    rec.postcode,
                    key(rec.street),
                    alias_keys(rec.street),
                )
                streets[sk] = street
            street.add(rec, hn)
        self.streets = list(streets.values())
        self.by_municipality: dict[str, list[Street]] = defaultdict(list)
        # per municipality: parallel lists of keys (own key and aliases) and their streets
        self.choice_keys: dict[str, list[str]] = defaultdict(list)
        self.choice_streets: dict[str, list[tuple[Street, bool]]] = defaultdict(list)
        self.exact: dict[tuple[str, str], list[Street]] = defaultdict(list)
        for street in self.streets:
            pts = [r for recs in street.by_number.values() for r in recs]
            street.center = (
                statistics.median(r.lat for r in pts),
                statistics.median(r.lon for r in pts),
            )
            self.by_municipality[street.municipality].append(street)
            self.exact[(street.municipality, street.key)].append(street)
            for k, is_alias in [(street.key, False), *((a, True) for a in street.aliases)]:
                self.choice_keys[street.municipality].append(k)
                self.choice_streets[street.municipality].append((street, is_alias))
        self.postcode_of: dict[str, str] = {s.municipality: s.postcode for s in self.streets}

    @classmethod
    def from_csv(cls, path: Path) -> AddressIndex:
        return cls(read_addresses(path))

    @property
    def municipalities(self) -> list[str]:
        return sorted(self.by_municipality)
