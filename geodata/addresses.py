"""Address register readers: each turns one export format into AddressRecord rows.

The staged file is the 2013 CRAB export; a newer register export (e.g. BeSt Address) is added by
writing one reader function and listing its header in READERS.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AddressRecord:
    """One address point of the register."""

    postcode: str
    municipality: str
    street: str
    housenumber: str
    lat: float
    lon: float


CANONICAL_COLUMNS = ["postcode", "municipality", "street", "housenumber", "lat", "lon"]

AddressReader = Callable[[Path], Iterator[AddressRecord]]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        yield from csv.DictReader(fh)


def read_canonical_csv(path: Path) -> Iterator[AddressRecord]:
    """The staged CRAB 2013 file and our own stored index share these columns."""
    for r in _rows(path):
        yield AddressRecord(
            r["postcode"].strip(),
            r["municipality"].strip(),
            r["street"].strip(),
            r["housenumber"].strip(),
            float(r["lat"]),
            float(r["lon"]),
        )


def read_crab_tools_csv(path: Path) -> Iterator[AddressRecord]:
    """The raw crab-tools export (PKANCODE, COMMUNE_NL, STREET_NL, HUISNR, LAT, LON)."""
    for r in _rows(path):
        yield AddressRecord(
            r["PKANCODE"].strip(),
            r["COMMUNE_NL"].strip(),
            r["STREET_NL"].strip(),
            r["HUISNR"].strip(),
            float(r["LAT"]),
            float(r["LON"]),
        )


READERS: dict[frozenset[str], AddressReader] = {
    frozenset(CANONICAL_COLUMNS): read_canonical_csv,
    frozenset(["PKANCODE", "COMMUNE_NL", "STREET_NL", "HUISNR", "LAT", "LON"]): read_crab_tools_csv,
}


def reader_for(path: Path) -> AddressReader:
    """Pick the reader whose columns the file's header contains."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        header = set(next(csv.reader(fh), []))
    for columns, reader in READERS.items():
        if columns <= header:
            return reader
    raise ValueError(
        f"{path.name}: unknown address register format (columns {sorted(header)}); "
        f"expected e.g. {', '.join(CANONICAL_COLUMNS)}."
    )


def read_addresses(
    path: Path, postcodes: set[str] | frozenset[str] | None = None
) -> list[AddressRecord]:
    """All usable records of a register file, optionally only those with the given postcodes."""
    records = []
    for rec in reader_for(path)(path):
        if postcodes is not None and rec.postcode not in postcodes:
            continue
        if not rec.street or not rec.housenumber:
            continue
        if not (-90 <= rec.lat <= 90 and -180 <= rec.lon <= 180):
            continue
        records.append(rec)
    return records


def write_canonical_csv(records: list[AddressRecord], path: Path) -> None:
    """Store the records in the canonical columns (what the geocoder loads)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CANONICAL_COLUMNS)
        for r in records:
            w.writerow(
                [
                    r.postcode,
                    r.municipality,
                    r.street,
                    r.housenumber,
                    f"{r.lat:.7f}",
                    f"{r.lon:.7f}",
                ]
            )
