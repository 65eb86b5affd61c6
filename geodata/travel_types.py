"""The one small interface between the planner and whatever computes travel times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

LatLon = tuple[float, float]


@dataclass(frozen=True)
class TravelMatrices:
    """Durations (integer s) and distances (integer m); row = from, column = to."""

    durations: list[list[int]]
    distances: list[list[int]]
    source: str  # "osrm", "osrm-http" or "straight-line (fallback)"
    is_fallback: bool


@dataclass(frozen=True)
class RouteGeometry:
    """Road polyline through the points in order, as (lat, lon), for drawing on a map."""

    points: list[LatLon]
    is_fallback: bool


class TravelMatrixProvider(Protocol):
    """Anything that can give matrices and route lines; the planner never asks which one."""

    def matrices(self, points: Sequence[LatLon]) -> TravelMatrices: ...

    def route_geometry(self, points: Sequence[LatLon]) -> RouteGeometry: ...


class TravelError(RuntimeError):
    """The routing engine could not answer (bad data, server down)."""
