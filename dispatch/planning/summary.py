"""The plan's figures per van and for the day, as the dispatcher reads them."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from dispatch.tables import Plan, PlanRoute, PlanStop, PlanUnassigned, ShopOrder, Van


def plan_summary(session: Session, plan: Plan) -> dict[str, Any]:
    """Per van: km, driving, working time, stops, peak load vs capacity, first and last stop."""
    vans: list[dict[str, Any]] = []
    routes = session.exec(
        select(PlanRoute).where(PlanRoute.plan_id == plan.id).order_by(col(PlanRoute.van_id))
    ).all()
    for route in routes:
        van = session.get(Van, route.van_id)
        assert van is not None
        work = session.exec(
            select(PlanStop)
            .where(PlanStop.route_id == route.id, col(PlanStop.kind).in_(("pickup", "delivery")))
            .order_by(col(PlanStop.sequence))
        ).all()
        vans.append(
            {
                "van_id": van.id,
                "van_name": van.name,
                "distance_m": route.distance_m,
                "driving_s": route.driving_s,
                "working_s": route.working_s,
                "stops": len(work),
                "peak_litres": route.peak_litres,
                "capacity_litres": van.capacity_litres,
                "peak_grams": route.peak_grams,
                "capacity_grams": van.capacity_grams,
                "first_stop_s": work[0].service_start_s if work else None,
                "last_stop_s": work[-1].departure_s if work else None,
                "start_s": route.start_s,
                "end_s": route.end_s,
                "cost_eur": route.cost_eur,
            }
        )
    orders_total = session.exec(
        select(func.count()).where(
            ShopOrder.delivery_date == plan.plan_date, ShopOrder.status != "cancelled"
        )
    ).one()
    delivered_in_slot = session.exec(
        select(func.count(func.distinct(PlanStop.order_id))).where(
            PlanStop.plan_id == plan.id,
            PlanStop.kind == "delivery",
            col(PlanStop.order_id).isnot(None),
        )
    ).one()
    unassigned = session.exec(select(func.count()).where(PlanUnassigned.plan_id == plan.id)).one()
    return {
        "vans": vans,
        "vans_used": len(vans),
        "distance_m": sum(v["distance_m"] for v in vans),
        "driving_s": sum(v["driving_s"] for v in vans),
        "working_s": sum(v["working_s"] for v in vans),
        "stops": sum(v["stops"] for v in vans),
        "cost_eur": round(sum(v["cost_eur"] for v in vans), 2),
        "orders": int(orders_total),
        "orders_in_slot": int(delivered_in_slot),
        "share_in_slot": (int(delivered_in_slot) / int(orders_total)) if orders_total else 1.0,
        "unassigned": int(unassigned),
    }
