"""One planning run: new plan version, build, solve, check, store; failures recorded, not lost."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from dispatch.area_services import AreaServices
from dispatch.planning.problem_builder import build_day_problem
from dispatch.planning.store import store_solution
from dispatch.planning.summary import plan_summary
from dispatch.settings import Settings
from dispatch.tables import Plan, utcnow
from routing import Problem, Solution, SolveOptions, check, solve

log = logging.getLogger(__name__)

Solver = Callable[[Problem, SolveOptions], Solution]


def new_plan_version(engine: Engine, day: date) -> int:
    """Create the plan row (status `solving`) so the page can follow it; returns its id."""
    with Session(engine) as session:
        latest = session.exec(select(func.max(Plan.version)).where(Plan.plan_date == day)).one()
        plan = Plan(plan_date=day, version=(latest or 0) + 1, status="solving")
        session.add(plan)
        session.commit()
        assert plan.id is not None
        return plan.id


def run_plan(
    engine: Engine,
    area: AreaServices,
    settings: Settings,
    plan_id: int,
    *,
    time_limit: float | None = None,
    solver: Solver = solve,
) -> None:
    """Fill a `solving` plan; on any failure the plan says `failed` with the error."""
    started = time.monotonic()
    try:
        with Session(engine) as session:
            plan = session.get(Plan, plan_id)
            assert plan is not None
            day = build_day_problem(session, area, settings, plan.plan_date)
            options = SolveOptions(time_limit=time_limit or settings.solver_time_limit, seed=0)
            solution = solver(day.problem, options)
            violations = [str(v) for v in check(day.problem, solution)]
            if violations:
                log.error("plan %s breaks constraints: %s", plan_id, violations[:5])
            store_solution(session, area, plan, day, solution)
            plan.status = "ready"
            plan.solved_at = utcnow()
            plan.solve_seconds = round(time.monotonic() - started, 2)
            plan.travel_source = day.travel_source
            plan.uses_fallback_times = day.uses_fallback
            plan.violations = violations
            session.add(plan)
            session.flush()
            plan.summary = {**plan_summary(session, plan), "solver_status": solution.status}
            session.add(plan)
            session.commit()
            log.info("plan ready", extra={"plan_id": plan_id, "date": str(plan.plan_date)})
    except Exception as error:
        log.exception("planning failed", extra={"plan_id": plan_id})
        with Session(engine) as session:
            failed = session.get(Plan, plan_id)
            if failed is not None:
                failed.status, failed.error = "failed", f"{type(error).__name__}: {error}"
                session.add(failed)
                session.commit()


def plan_date(
    engine: Engine,
    area: AreaServices,
    settings: Settings,
    day: date,
    *,
    time_limit: float | None = None,
    solver: Solver = solve,
) -> int:
    """Plan a date now, in this thread (the command line and tests); returns the plan id."""
    plan_id = new_plan_version(engine, day)
    run_plan(engine, area, settings, plan_id, time_limit=time_limit, solver=solver)
    return plan_id


def solving_plan(session: Session, day: date) -> Plan | None:
    return session.exec(
        select(Plan)
        .where(Plan.plan_date == day, Plan.status == "solving")
        .order_by(col(Plan.version).desc())
    ).first()
