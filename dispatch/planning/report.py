"""A plan as text, for the command line."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dispatch.formatting import format_date, format_duration, format_km, format_time
from dispatch.i18n import reason_text, translator
from dispatch.planning.api import plan_out
from dispatch.tables import Plan


def summary_text(engine: Engine, plan_id: int) -> str:
    with Session(engine) as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        out = plan_out(session, plan, with_routes=True)
    if out.status == "failed":
        return f"Plan {out.version} for {out.date} failed: {out.error}"
    s = out.summary
    lines = [
        f"Planning voor {format_date(out.date)} — versie {out.version} ({out.status}), "
        f"{out.solve_seconds} s, reistijden: {out.travel_source}"
        + (" (VOGELVLUCHT, benadering)" if out.uses_fallback_times else ""),
        f"{s['vans_used']} wagens, {format_km(s['distance_m'])}, rijden "
        f"{format_duration(s['driving_s'])}, werken {format_duration(s['working_s'])}, "
        f"{s['orders_in_slot']}/{s['orders']} bestellingen in hun tijdslot",
    ]
    for van in s["vans"]:
        lines.append(
            f"  {van['van_name']:<14} {format_km(van['distance_m']):>9}  "
            f"{van['stops']:>3} stops  {format_time(van['start_s'])}–{format_time(van['end_s'])}"
            f"  piek {van['peak_litres']}/{van['capacity_litres']} L"
        )
    if out.unassigned:
        t = translator("nl")
        lines.append(f"Niet ingepland ({len(out.unassigned)}):")
        for missing in out.unassigned:
            reason = reason_text(t, missing.reason_code, missing.reason)
            lines.append(f"  {missing.order_id or missing.furniture_reference}: {reason}")
    if out.violations:
        lines.append(f"CONTROLE: {len(out.violations)} schendingen: {out.violations[:3]}")
    return "\n".join(lines)
