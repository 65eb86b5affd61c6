"""Road travel times from an osrm-routed server, for deployments that run one."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Sequence
from typing import Any

from geodata.travel_osrm import fill_unreachable
from geodata.travel_types import LatLon, RouteGeometry, TravelError, TravelMatrices


class OsrmHttpProvider:
    """Calls `/table` and `/route` of osrm-routed; splits big tables into blocks.

    osrm-routed refuses tables larger than its --max-table-size (100 by default), so a big
    matrix is asked for in blocks of at most `block` sources x `block` destinations.
    """

    source = "osrm-http"

    def __init__(
        self, base_url: str, *, profile: str = "driving", timeout_s: float = 30.0, block: int = 100
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"The OSRM URL must start with http:// or https://, got {base_url!r}.")
        self.base_url = base_url.rstrip("/")
        self.profile = profile
        self.timeout_s = timeout_s
        self.block = block

    def _get(self, service: str, points: Sequence[LatLon], query: dict[str, str]) -> Any:
        coords = ";".join(f"{lon:.7f},{lat:.7f}" for lat, lon in points)
        url = f"{self.base_url}/{service}/v1/{self.profile}/{coords}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        try:
            with urllib.request.urlopen(url, timeout=self.timeout_s) as resp:
                body = json.loads(resp.read().decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise TravelError(f"OSRM server at {self.base_url} did not answer: {exc}") from exc
        if body.get("code") != "Ok":
            raise TravelError(f"OSRM server said {body.get('code')}: {body.get('message')}")
        return body

    def matrices(self, points: Sequence[LatLon]) -> TravelMatrices:
        n = len(points)
        if n <= 1:
            return TravelMatrices([[0]] * n, [[0]] * n, source=self.source, is_fallback=False)
        raw_dur: list[list[Any]] = [[None] * n for _ in range(n)]
        raw_dist: list[list[Any]] = [[None] * n for _ in range(n)]
        for s0 in range(0, n, self.block):
            src = list(range(s0, min(n, s0 + self.block)))
            for d0 in range(0, n, self.block):
                dst = list(range(d0, min(n, d0 + self.block)))
                pts = [points[i] for i in src] + [points[j] for j in dst]
                body = self._get(
                    "table",
                    pts,
                    {
                        "annotations": "duration,distance",
                        "sources": ";".join(str(k) for k in range(len(src))),
                        "destinations": ";".join(str(len(src) + k) for k in range(len(dst))),
                    },
                )
                for a, i in enumerate(src):
                    for b, j in enumerate(dst):
                        raw_dur[i][j] = body["durations"][a][b]
                        raw_dist[i][j] = body["distances"][a][b]
        durations, distances = fill_unreachable(raw_dur, raw_dist, points)
        for i in range(n):  # a point to itself is 0 even when snapped apart in two blocks
            durations[i][i] = distances[i][i] = 0
        return TravelMatrices(durations, distances, source=self.source, is_fallback=False)

    def route_geometry(self, points: Sequence[LatLon]) -> RouteGeometry:
        if len(points) < 2:
            return RouteGeometry([(float(p[0]), float(p[1])) for p in points], is_fallback=False)
        body = self._get("route", points, {"overview": "full", "geometries": "geojson"})
        coords = body["routes"][0]["geometry"]["coordinates"]
        return RouteGeometry([(float(c[1]), float(c[0])) for c in coords], is_fallback=False)
