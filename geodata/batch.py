"""Geocode a whole CSV (`dispatch geocode IN.csv OUT.csv`): a customer list, or a test set."""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from geodata.geocoder import AddressQuery, Geocoder

log = logging.getLogger(__name__)

REQUIRED = ("street", "house_number", "postcode", "municipality")
ADDED = ("lat", "lon", "precision", "confidence", "status", "reason")


def geocode_csv(
    geocoder: Geocoder, in_path: Path, out_path: Path, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Write in_path's rows with the ADDED columns; returns counts per status (and "rows").

    Other columns are kept as they are; a `box` column is used when present. progress, if
    given, is called with the number of rows done (for a tqdm bar).
    """
    with open(in_path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        missing = [c for c in REQUIRED if c not in fields]
        if missing:
            raise ValueError(
                f"{Path(in_path).name} lacks the column(s) {', '.join(missing)}; "
                f"expected {', '.join(REQUIRED)}."
            )
        rows = list(reader)
    out_fields = fields + [c for c in ADDED if c not in fields]
    counts: Counter[str] = Counter()
    with open(out_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=out_fields, extrasaction="ignore")
        writer.writeheader()
        for i, row in enumerate(rows, 1):
            query = AddressQuery(
                row.get("street") or "",
                row.get("house_number") or "",
                row.get("postcode") or "",
                row.get("municipality") or "",
                row.get("box") or None,
            )
            res = geocoder.geocode(query)
            row.update(
                {
                    "lat": "" if res.lat is None else f"{res.lat:.7f}",
                    "lon": "" if res.lon is None else f"{res.lon:.7f}",
                    "precision": res.precision or "",
                    "confidence": f"{res.confidence:.3f}",
                    "status": res.status,
                    "reason": res.reason,
                }
            )
            writer.writerow(row)
            counts[res.status] += 1
            if progress is not None:
                progress(i)
    counts["rows"] = len(rows)
    log.info("Geocoded %d rows: %s", len(rows), dict(counts))
    return dict(counts)
