"""Planning runs in a separate solver process; a dying solver fails one plan, not the service."""

from __future__ import annotations

import os
import signal
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dispatch.area_services import AreaServices
from dispatch.planning.jobs import PlanningJobs
from dispatch.settings import Settings
from dispatch.tables import Plan
from tests.dispatch.factories import seed_fleet_and_shops

DAY = date(2026, 12, 4)


def _status(engine: Engine, plan_id: int) -> Plan:
    with Session(engine) as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        return plan


def test_a_killed_solver_process_fails_its_plan_and_the_next_plan_works(
    engine: Engine, settings: Settings, real_area: AreaServices
) -> None:
    seed_fleet_and_shops(engine)
    jobs = PlanningJobs(engine, real_area, settings, in_process=False)
    try:
        first_id, first = jobs.start(DAY, time_limit=1)
        first.result(timeout=120)
        assert _status(engine, first_id).status == "ready"  # a real solve in a child process
        assert jobs._processes is not None
        for pid in list(jobs._processes._processes):  # the solver dies (out of memory, killed)
            os.kill(pid, signal.SIGKILL)
        second_id, second = jobs.start(DAY, time_limit=1)
        second.result(timeout=120)
        failed = _status(engine, second_id)
        assert failed.status == "failed" and "BrokenProcessPool" in (failed.error or "")
        third_id, third = jobs.start(DAY, time_limit=1)
        third.result(timeout=120)
        assert _status(engine, third_id).status == "ready"
    finally:
        jobs.shutdown()


def test_a_plan_left_solving_by_a_stopped_service_is_marked_failed_at_start(
    engine: Engine, settings: Settings, real_area: AreaServices
) -> None:
    from dispatch.planning.runner import new_plan_version

    plan_id = new_plan_version(engine, DAY)
    PlanningJobs(engine, real_area, settings).abandon_unfinished()
    plan = _status(engine, plan_id)
    assert plan.status == "failed" and "stopped" in (plan.error or "")
