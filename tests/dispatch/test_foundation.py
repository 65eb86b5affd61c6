"""The service starts on a migrated database, reports its health and guards its secrets."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import inspect

from dispatch.cli import main
from dispatch.db import make_engine, migrate
from dispatch.settings import Settings


def test_healthz_answers_ok_with_a_reachable_database(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_migrations_create_every_table_on_a_sqlite_file_in_wal_mode(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    migrate(engine)  # a second run changes nothing
    tables = set(inspect(engine).get_table_names())
    assert {"shop", "van", "depot", "shop_order", "webhook_event", "plan", "plan_stop"} <= tables
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_production_refuses_placeholder_secrets() -> None:
    with pytest.raises(ValidationError, match="DISPATCH_WEBHOOK_SECRET"):
        Settings(environment="production")


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        Settings(timezone="Europe/Hamme")


def test_dispatcher_login_sets_an_httponly_session_cookie(client: TestClient) -> None:
    response = client.post(
        "/login",
        data={"username": "dispatcher", "password": "test-dispatcher-password"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_wrong_password_is_refused_in_dutch(client: TestClient) -> None:
    response = client.post("/login", data={"username": "dispatcher", "password": "nope"})
    assert response.status_code == 401
    assert "klopt niet" in response.text


def test_every_subcommand_explains_itself(capsys) -> None:
    for command in ("serve", "import", "geocode", "plan", "seed-demo", "prepare"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert len(capsys.readouterr().out) > 100


def test_text_responses_are_compressed_for_clients_that_accept_it(client: TestClient) -> None:
    response = client.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("content-encoding") == "gzip"
