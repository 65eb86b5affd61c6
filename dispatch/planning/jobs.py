"""Planning runs outside the request: one worker thread, solving in a separate process.

The solver is CPU-bound for seconds; running it in a child process keeps the web server
responsive. The embedded default needs no broker: the queue lives in this process, and a plan
left `solving` by a stopped process is marked failed at the next start.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dispatch.area_services import AreaServices
from dispatch.planning.runner import new_plan_version, run_plan
from dispatch.settings import Settings
from dispatch.tables import Plan
from routing import Problem, Solution, SolveOptions, solve

log = logging.getLogger(__name__)


class PlanningJobs:
    def __init__(
        self, engine: Engine, area: AreaServices, settings: Settings, *, in_process: bool = False
    ) -> None:
        self.engine, self.area, self.settings = engine, area, settings
        self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planning")
        self._processes: ProcessPoolExecutor | None = None
        self.in_process = in_process

    def start(self, day: date, time_limit: float | None = None) -> tuple[int, Future[None]]:
        """Queue a planning run for `day`; returns the new plan's id at once."""
        plan_id = new_plan_version(self.engine, day)
        future = self._threads.submit(
            run_plan, self.engine, self.area, self.settings, plan_id,
            time_limit=time_limit, solver=self._solve,
        )  # fmt: skip
        return plan_id, future

    def _solve(self, problem: Problem, options: SolveOptions) -> Solution:
        if self.in_process:
            return solve(problem, options)
        if self._processes is None:
            context = multiprocessing.get_context("spawn")
            self._processes = ProcessPoolExecutor(max_workers=1, mp_context=context)
        try:
            return self._processes.submit(solve, problem, options).result()
        except BrokenProcessPool:
            # the solver process died (killed, out of memory): this plan fails, the next starts
            # a fresh process
            self._processes = None
            raise

    def shutdown(self) -> None:
        self._threads.shutdown(wait=True, cancel_futures=True)
        if self._processes is not None:
            self._processes.shutdown(wait=True, cancel_futures=True)

    def abandon_unfinished(self) -> None:
        """A plan left `solving` by a stopped process will never finish: say so."""
        with Session(self.engine) as session:
            for plan in session.exec(select(Plan).where(Plan.status == "solving")):
                plan.status, plan.error = (
                    "failed",
                    "The service stopped while this plan was solving.",
                )
                session.add(plan)
            session.commit()
