"""Writing a solved day into the plan tables: routes, stops with ETAs and loads, unassigned."""

from __future__ import annotations

import logging
from typing import Any

from sqlmodel import Session

from dispatch.area_services import AreaServices
from dispatch.planning.problem_builder import DayProblem, WorkRef
from dispatch.tables import Plan, PlanRoute, PlanStop, PlanUnassigned, Van
from routing import Solution

log = logging.getLogger(__name__)


def store_solution(
    session: Session, area: AreaServices, plan: Plan, day: DayProblem, solution: Solution
) -> None:
    vans = {v.id: session.get(Van, v.id) for v in day.problem.vehicles}
    for route in solution.routes:
        van = vans[route.vehicle_id]
        assert van is not None
        located = [s for s in route.steps if s.location is not None]
        path = [day.points[s.location] for s in located if s.location is not None]
        geometry, geometry_fallback = _geometry(area, path)
        peak_litres = max((s.load[0] for s in route.steps), default=0)
        peak_grams = max((s.load[1] for s in route.steps), default=0)
        record = PlanRoute(
            plan_id=plan.id or 0,
            van_id=route.vehicle_id,
            distance_m=route.distance,
            driving_s=route.duration,
            working_s=route.working_time,
            start_s=route.steps[0].departure,
            end_s=route.steps[-1].arrival,
            peak_litres=peak_litres,
            peak_grams=peak_grams,
            cost_eur=round(
                route.distance / 1000 * van.cost_per_km_eur
                + route.working_time / 3600 * van.cost_per_hour_eur,
                2,
            ),
            geometry=[[lat, lon] for lat, lon in geometry],
            geometry_is_fallback=geometry_fallback,
        )
        session.add(record)
        session.flush()
        for sequence, step in enumerate(route.steps):
            ref = day.refs.get(step.shipment_id or "")
            lat_lon = day.points[step.location] if step.location is not None else (None, None)
            session.add(
                PlanStop(
                    plan_id=plan.id or 0,
                    route_id=record.id or 0,
                    sequence=sequence,
                    kind=step.kind,
                    job_kind=ref.kind if ref else None,
                    order_id=ref.order_id if ref else None,
                    furniture_job_id=ref.furniture_job_id if ref else None,
                    label=_label(step.kind, ref, van.name),
                    lat=lat_lon[0],
                    lon=lat_lon[1],
                    arrival_s=step.arrival,
                    service_start_s=step.service_start,
                    departure_s=step.departure,
                    load_litres=step.load[0],
                    load_grams=step.load[1],
                    distance_m=step.distance,
                )
            )
    for ref, code, reason in day.skipped:
        _add_unassigned(session, plan, ref, code, reason)
    for missing in solution.unassigned:
        _add_unassigned(
            session, plan, day.refs[missing.shipment_id], missing.reason_code,
            _sentence(missing.reason),
        )  # fmt: skip


def _geometry(area: AreaServices, path: list[tuple[float, float]]) -> tuple[list[Any], bool]:
    if len(path) < 2:
        return list(path), False
    try:
        line = area.travel.route_geometry(path)
        return list(line.points), line.is_fallback
    except Exception:  # a drawing problem must not lose the plan
        log.exception("route geometry failed; drawing straight lines")
        return list(path), True


def _label(kind: str, ref: WorkRef | None, van_name: str) -> str:
    if kind == "start":
        return f"Vertrek {van_name}"
    if kind == "end":
        return f"Aankomst {van_name}"
    if kind == "break":
        return "Middagpauze"
    assert ref is not None
    return ref.label_pickup if kind == "pickup" else ref.label_delivery


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def _add_unassigned(session: Session, plan: Plan, ref: WorkRef, code: str, reason: str) -> None:
    session.add(
        PlanUnassigned(
            plan_id=plan.id or 0,
            order_id=ref.order_id,
            furniture_job_id=ref.furniture_job_id,
            reason_code=code,
            reason=reason,
        )
    )
