"""Fixtures for the service: a fresh migrated database per test and the app on top of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from dispatch.app import create_app
from dispatch.area_services import AreaServices
from dispatch.db import make_engine, migrate
from dispatch.settings import Settings

WEBHOOK_SECRET = "test-webhook-secret"
PLATFORM_TOKEN = "test-platform-token"
DISPATCHER_PASSWORD = "test-dispatcher-password"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path,
        webhook_secret=WEBHOOK_SECRET,
        platform_api_token=PLATFORM_TOKEN,
        dispatcher_password=DISPATCHER_PASSWORD,
        session_secret="test-session-secret",
        solver_time_limit=3,
    )


@pytest.fixture
def engine() -> Engine:
    """An empty in-memory SQLite database with the schema from the migrations."""
    engine = make_engine("sqlite://")
    migrate(engine)
    return engine


@pytest.fixture
def area(tmp_path: Path) -> AreaServices:
    """No imported area data: geocoding unavailable, fallback travel times."""
    return AreaServices(tmp_path / "no-area")


@pytest.fixture
def client(settings: Settings, engine: Engine, area: AreaServices) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine, area)) as client:
        yield client


@pytest.fixture
def dispatcher(client: TestClient) -> TestClient:
    """The same client, logged in as the dispatcher."""
    response = client.post(
        "/login",
        data={"username": "dispatcher", "password": DISPATCHER_PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return client
