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
        solve_in_subprocess=False,
    )


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty SQLite file (WAL) with the schema from the migrations, one per test.

    A file, not the in-memory StaticPool: planning runs in a worker thread, and threads must
    not share one connection's transaction."""
    engine = make_engine(f"sqlite:///{tmp_path / 'dispatch.sqlite3'}")
    migrate(engine)
    yield engine
    engine.dispose()


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


@pytest.fixture(scope="session")
def imported_area_dir(geodata_source_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real import of the staged Hamme/Zele/Waasmunster data, shared by the service tests."""
    from geodata.importer import import_area

    data_dir = tmp_path_factory.mktemp("service-area")
    import_area(geodata_source_dir, data_dir)
    return data_dir


@pytest.fixture(scope="session")
def real_area(imported_area_dir: Path) -> AreaServices:
    """Geocoder, service area and OSRM road times over the real data, loaded once."""
    return AreaServices(imported_area_dir)


@pytest.fixture
def service(settings: Settings, engine: Engine, real_area: AreaServices) -> Iterator[TestClient]:
    """The service on real area data, with a depot, two vans and three shops; not logged in."""
    from tests.dispatch.factories import seed_fleet_and_shops

    seed_fleet_and_shops(engine)
    with TestClient(create_app(settings, engine, real_area)) as client:
        yield client


@pytest.fixture
def logged_in_service(service: TestClient) -> TestClient:
    response = service.post(
        "/login",
        data={"username": "dispatcher", "password": DISPATCHER_PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return service
