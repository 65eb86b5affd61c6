"""Import the operator's source files into a data directory, atomically.

Everything is built in a fresh folder under data_dir/versions/; only when that folder is
complete does the data_dir/area link switch to it (one rename), so a failed or interrupted
import leaves the previous import in use.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from geodata import layout
from geodata.addresses import read_addresses, write_canonical_csv
from geodata.area import SERVICE_POSTCODES, ServiceArea
from geodata.attribution import ATTRIBUTIONS
from geodata.clip import clip_pbf, expand_bbox
from geodata.osrm_prepare import prepare_osrm
from geodata.progress import Progress, no_progress

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
KEEP_VERSIONS = 2  # the active import and the one before it


class GeodataImportError(RuntimeError):
    """The import could not be done; the previous data (if any) is still in use."""


@dataclass(frozen=True)
class ImportReport:
    """What an import produced, for the command line to print."""

    area_dir: Path
    ways_kept: int
    ways_seen: int
    addresses: int
    municipalities: int
    places: int
    seconds: float
    van_speed_factor: float
    sources: dict[str, str] = field(default_factory=dict)  # file name -> sha256


def is_imported(data_dir: Path) -> bool:
    """True when data_dir holds a complete import (the manifest is written last)."""
    manifest = layout.area_files(data_dir).manifest
    if not manifest.exists():
        return False
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8")).get("complete"))
    except ValueError:
        return False


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _require(path: Path | None, what: str) -> Path:
    if path is None or not Path(path).is_file():
        raise GeodataImportError(f"The {what} file is missing: {path}.")
    return Path(path)


def _copy_places(src: Path | None, dst: Path, area: ServiceArea) -> int:
    """Keep named places (boroughs, hamlets) with their municipality, for the geocoder."""
    rows = []
    if src is not None and src.is_file():
        with open(src, newline="", encoding="utf-8-sig") as fh:
            for r in csv.DictReader(fh):
                lat, lon = float(r["lat"]), float(r["lon"])
                muni = (r.get("municipality") or "").strip() or area.municipality_at(lat, lon) or ""
                rows.append(
                    [r["name"].strip(), r.get("class", ""), f"{lat:.7f}", f"{lon:.7f}", muni]
                )
    with open(dst, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "class", "lat", "lon", "municipality"])
        w.writerows(rows)
    return len(rows)


def _activate(data_dir: Path, version: Path) -> None:
    """Point data_dir/area at version with one atomic rename of a symlink."""
    link = data_dir / layout.AREA_LINK
    if link.exists() and not link.is_symlink():  # a plain folder from a hand-made layout
        link.rename(data_dir / layout.VERSIONS_DIR / f"legacy-{int(time.time())}")
    tmp_link = data_dir / f".{layout.AREA_LINK}.new"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(Path(layout.VERSIONS_DIR) / version.name, tmp_link)
    os.replace(tmp_link, link)


def _prune(data_dir: Path) -> None:
    versions = sorted(
        (
            p
            for p in (data_dir / layout.VERSIONS_DIR).iterdir()
            if p.is_dir() and not p.name.startswith(".")
        ),
        key=lambda p: p.stat().st_mtime,
    )
    active = (data_dir / layout.AREA_LINK).resolve()
    for old in versions[:-KEEP_VERSIONS]:
        if old.resolve() != active:
            shutil.rmtree(old, ignore_errors=True)


def import_area(
    source_dir: Path,
    data_dir: Path,
    *,
    progress: Progress | None = None,
    pbf: Path | None = None,
    addresses: Path | None = None,
    boundaries: Path | None = None,
    places: Path | None = None,
    van_speed_factor: float = 0.9,
    margin_m: float = 8000.0,
) -> ImportReport:
    """Build roads (clipped pbf + OSRM MLD), address index, boundaries and manifest; swap in.

    source_dir is laid out like the staged shared geodata folder; explicit paths override
    its default file names. Raises GeodataImportError and keeps the old data on any failure.
    """
    report_progress = progress or no_progress
    started = time.perf_counter()
    source_dir = Path(source_dir)
    data_dir = Path(data_dir)
    pbf_path = _require(pbf or source_dir / layout.SOURCE_PBF, "OSM road extract (.osm.pbf)")
    addr_path = _require(addresses or source_dir / layout.SOURCE_ADDRESSES, "address register")
    bnd_path = _require(boundaries or source_dir / layout.SOURCE_BOUNDARIES, "boundaries")
    places_path = places or source_dir / layout.SOURCE_PLACES
    if not places_path.is_file():
        log.warning("No places file (%s): boroughs will not be recognised", places_path)

    versions = data_dir / layout.VERSIONS_DIR
    versions.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=".building-", dir=versions))
    build.chmod(0o755)  # mkdtemp makes it private; the service may run as another user
    files = layout.AreaFiles(build)
    try:
        report_progress("checking sources", 0.02)
        sources = {p.name: _sha256(p) for p in (pbf_path, addr_path, bnd_path) if p is not None}
        if places_path.is_file():
            sources[places_path.name] = _sha256(places_path)

        report_progress("boundaries", 0.05)
        try:
            area = ServiceArea.from_geojson(bnd_path)
        except (ValueError, KeyError) as exc:
            raise GeodataImportError(f"Cannot read the boundaries {bnd_path.name}: {exc}") from exc
        shutil.copyfile(bnd_path, files.boundaries)

        report_progress("addresses", 0.10)
        try:
            records = read_addresses(addr_path, postcodes=frozenset(SERVICE_POSTCODES))
        except (ValueError, KeyError) as exc:
            raise GeodataImportError(f"Cannot read the addresses {addr_path.name}: {exc}") from exc
        if not records:
            raise GeodataImportError(
                f"{addr_path.name} holds no addresses with postcode {', '.join(SERVICE_POSTCODES)}."
            )
        write_canonical_csv(records, files.addresses)
        n_places = _copy_places(places_path if places_path.is_file() else None, files.places, area)

        report_progress("clipping roads", 0.20)
        bbox = expand_bbox(area.bounds(served_only=True), margin_m)
        try:
            kept, seen = clip_pbf(pbf_path, files.pbf, bbox)
        except RuntimeError as exc:
            raise GeodataImportError(f"Cannot read the OSM extract {pbf_path.name}: {exc}") from exc
        if kept == 0:
            raise GeodataImportError(
                f"{pbf_path.name} has no roads in the service area; is it the right extract?"
            )

        report_progress("routing graph (osrm)", 0.40)
        try:
            prepare_osrm(files.pbf, van_speed_factor)
        except (RuntimeError, ValueError) as exc:
            raise GeodataImportError(str(exc)) from exc

        report_progress("finishing", 0.95)
        files.attributions.write_text(
            json.dumps(ATTRIBUTIONS, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        seconds = time.perf_counter() - started
        report = ImportReport(
            area_dir=data_dir / layout.AREA_LINK,
            ways_kept=kept,
            ways_seen=seen,
            addresses=len(records),
            municipalities=len(area.municipality_names),
            places=n_places,
            seconds=round(seconds, 2),
            van_speed_factor=van_speed_factor,
            sources=sources,
        )
        manifest = {
            "manifest_version": MANIFEST_VERSION,
            "complete": True,
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sources": sources,
            "clip_bbox_lat_lon": list(bbox),
            "margin_m": margin_m,
            "van_speed_factor": van_speed_factor,
            "osrm_bindings": _version("osrm-bindings"),
            "osrm_algorithm": "MLD",
            "profile": "car.lua x van_speed_factor",
            "counts": {
                k: v
                for k, v in asdict(report).items()
                if k in ("ways_kept", "ways_seen", "addresses", "municipalities", "places")
            },
        }
        files.manifest.write_text(json.dumps(manifest, indent=1), encoding="utf-8")

        final = versions / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        build.rename(final)
        build = final
        _activate(data_dir, final)
    except BaseException:
        if build.name.startswith(".building-"):
            shutil.rmtree(build, ignore_errors=True)
        raise
    _prune(data_dir)
    report_progress("done", 1.0)
    log.info("Imported %d addresses and %d road ways in %.1f s", len(records), kept, seconds)
    return report


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None
