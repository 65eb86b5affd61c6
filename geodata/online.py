"""Optional online look-up (Nominatim or Photon via geopy) for addresses newer than the register.

Off unless the service is configured with a URL. Calls are rate-limited (default one per
second, Nominatim's usage policy) and cached on disk, so a known address is asked only once.
The geocoder accepts an online answer only when it confirms the typed house number on the
typed street inside the delivery area; otherwise the address stays with the dispatcher.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OnlineHit:
    """What the online service says is at the typed address."""

    lat: float
    lon: float
    street: str
    house_number: str
    postcode: str
    source: str


class OnlineLookup(Protocol):
    """One structured address in, at most one hit out."""

    def lookup(
        self, street: str, house_number: str, postcode: str, municipality: str
    ) -> OnlineHit | None: ...


def _hit_from_raw(raw: dict[str, Any], lat: float, lon: float, source: str) -> OnlineHit:
    address = raw.get("address") or raw.get("properties") or {}
    return OnlineHit(
        lat=lat,
        lon=lon,
        street=str(address.get("road") or address.get("street") or ""),
        house_number=str(address.get("house_number") or address.get("housenumber") or ""),
        postcode=str(address.get("postcode") or ""),
        source=source,
    )


class GeopyLookup:
    """Nominatim or Photon at a given URL, through geopy, rate-limited and cached."""

    def __init__(
        self,
        url: str,
        *,
        kind: str = "nominatim",
        user_agent: str = "spoor2-dispatch",
        min_delay_s: float = 1.0,
        timeout_s: float = 10.0,
        cache_path: Path | None = None,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim, Photon

        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"The online geocoder URL must be http(s)://host[/path], got {url!r}.")
        domain = parsed.netloc + parsed.path.rstrip("/")
        if kind == "nominatim":
            service: Any = Nominatim(
                domain=domain, scheme=parsed.scheme, user_agent=user_agent, timeout=timeout_s
            )
        elif kind == "photon":
            service = Photon(
                domain=domain, scheme=parsed.scheme, user_agent=user_agent, timeout=timeout_s
            )
        else:
            raise ValueError(f"Unknown online geocoder kind {kind!r} (nominatim or photon).")
        self.kind = kind
        self.source = f"{kind} ({parsed.netloc})"
        self._geocode = RateLimiter(
            service.geocode,
            min_delay_seconds=min_delay_s,
            max_retries=1,
            swallow_exceptions=True,
            return_value_on_exception=None,
        )
        self._cache_path = cache_path
        self._cache: dict[str, dict[str, Any] | None] = {}
        if cache_path is not None and cache_path.is_file():
            self._cache = json.loads(cache_path.read_text(encoding="utf-8"))
        self._lock = threading.Lock()

    def lookup(
        self, street: str, house_number: str, postcode: str, municipality: str
    ) -> OnlineHit | None:
        cache_key = "|".join(
            x.strip().lower() for x in (street, house_number, postcode, municipality)
        )
        with self._lock:
            if cache_key in self._cache:
                cached = self._cache[cache_key]
                return OnlineHit(**cached) if cached else None
            if self.kind == "nominatim":
                query: Any = {
                    "street": f"{house_number} {street}",
                    "postalcode": postcode,
                    "city": municipality,
                    "country": "Belgium",
                }
                location = self._geocode(query, addressdetails=True, country_codes="be")
            else:
                location = self._geocode(
                    f"{street} {house_number}, {postcode} {municipality}, Belgium"
                )
            hit = (
                _hit_from_raw(location.raw, location.latitude, location.longitude, self.source)
                if location is not None
                else None
            )
            self._cache[cache_key] = asdict(hit) if hit else None
            if self._cache_path is not None:
                tmp = self._cache_path.with_suffix(".tmp")
                tmp.write_text(json.dumps(self._cache, ensure_ascii=False), encoding="utf-8")
                tmp.replace(self._cache_path)
            return hit
