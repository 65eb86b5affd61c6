"""The same service on PostgreSQL: migrations, the webhook and a planned day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from dispatch.app import create_app
from dispatch.area_services import AreaServices
from dispatch.db import make_engine, migrate
from dispatch.settings import Settings
from tests.dispatch.conftest import DISPATCHER_PASSWORD
from tests.dispatch.factories import order_body, platform_get, post_event, seed_fleet_and_shops
from tests.dispatch.postgres_server import temporary_postgres


@pytest.fixture(scope="module")
def postgres_engine() -> Iterator[Engine]:
    with temporary_postgres() as url:
        engine = make_engine(url)
        migrate(engine)
        yield engine
        engine.dispose()


def test_migrations_build_the_schema_on_postgresql(postgres_engine: Engine) -> None:
    assert postgres_engine.dialect.name == "postgresql"
    tables = set(inspect(postgres_engine).get_table_names())
    assert {"shop_order", "webhook_event", "plan", "plan_stop", "alembic_version"} <= tables
    migrate(postgres_engine)  # a second run is a no-op


def test_orders_and_a_plan_round_trip_through_postgresql(
    postgres_engine: Engine, settings: Settings, real_area: AreaServices, tmp_path: Path
) -> None:
    seed_fleet_and_shops(postgres_engine)
    with TestClient(create_app(settings, postgres_engine, real_area)) as client:
        assert post_event(client, order_body()).status_code == 200
        assert platform_get(client, "/api/orders/HM-2026-004211").json()["status"] == "received"
        client.post("/login", data={"username": "dispatcher", "password": DISPATCHER_PASSWORD})
        started = client.post("/api/plans", json={"date": "2026-12-04", "time_limit": 1})
        assert started.status_code == 202
        client.app.state.planning_jobs.shutdown()  # type: ignore[attr-defined]  # wait for it
        plan = client.get(started.json()["poll"]).json()
        assert plan["status"] == "ready" and plan["violations"] == []
        assert plan["summary"]["orders_in_slot"] == 1
