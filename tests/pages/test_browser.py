"""The day page in a real headless Chromium (Debian's, driven by playwright) against a live server.

Screenshots and the printed van sheet are saved under test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from dispatch.app import create_app
from dispatch.area_services import AreaServices
from dispatch.settings import Settings
from dispatch.tables import Plan, PlanRoute, PlanStop, PlanUnassigned, ShopOrder
from tests.dispatch.conftest import DISPATCHER_PASSWORD
from tests.dispatch.factories import seed_fleet_and_shops
from tests.pages.conftest import (
    DAY,
    REVIEW_ORDER,
    add_furniture,
    plan_day,
    post_orders,
    post_review_order,
)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is missing: run `make test-services`")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def live_server(settings: Settings, engine: Engine, real_area: AreaServices) -> Iterator[str]:
    """The service on 127.0.0.1 (a free port) in a thread, with a fleet of two vans, 3 shops."""
    seed_fleet_and_shops(engine)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, engine, real_area), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def planned_live_day(live_server: str) -> str:
    """Eight orders, one to review and two furniture jobs, planned once through the API."""
    with httpx.Client(base_url=live_server) as http:
        login = http.post(
            "/login", data={"username": "dispatcher", "password": DISPATCHER_PASSWORD}
        )
        assert login.status_code in (200, 303)
        post_orders(http, 8)
        post_review_order(http)
        add_furniture(http)
        assert plan_day(http)["status"] == "ready"
    return live_server


def _van_of(engine: Engine, plan_id: int, order: ShopOrder) -> str:
    with Session(engine) as session:
        route_id = session.exec(
            select(PlanStop.route_id).where(
                PlanStop.plan_id == plan_id, PlanStop.order_id == order.id
            )
        ).first()
        route = session.get(PlanRoute, route_id) if route_id else None
        return route.van_id if route else ""


def test_the_dispatcher_switches_a_layer_moves_an_order_replans_and_prints(
    planned_live_day: str, engine: Engine
) -> None:
    from playwright.sync_api import sync_playwright

    base = planned_live_day
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="nl-BE")
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith((base, "data:")) else None,
        )
        # log in: the page sends us to the login form and back
        page.goto(f"{base}/dispatch/{DAY}")
        assert "/login" in page.url
        page.fill("input[name=username]", "dispatcher")
        page.fill("input[name=password]", DISPATCHER_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"**/dispatch/{DAY}")
        page.wait_for_selector(".stop-pin")
        assert page.locator(".leaflet-overlay-pane canvas").count() > 0, "routes and context drawn"
        drawn = page.evaluate(
            "Object.values(window.dispatchMap.vans).map("
            "layer => layer.getLayers().some(l => l instanceof L.Polyline))"
        )
        assert drawn and all(drawn), "every van's route is a line on the map"
        page.screenshot(path=ARTIFACTS / "day-page.png")

        # switch a van's layer off and on: its numbered stops leave the map and come back
        pins = page.locator(".stop-pin")
        van_1 = page.locator('.stop-pin[data-van="wagen-1"]')
        shown, shown_1 = pins.count(), van_1.count()
        assert shown_1 > 0
        layer = page.locator(".leaflet-control-layers-overlays label", has_text="Bestelwagen 1")
        layer.locator("input").uncheck()
        assert van_1.count() == 0 and pins.count() == shown - shown_1
        layer.locator("input").check()
        assert van_1.count() == shown_1
        # a slot's layer: the stops of its orders leave whichever van's layer they are in
        slot = page.locator(".leaflet-control-layers-overlays label", has_text="Tijdslot 13:00")
        slot.locator("input").uncheck()
        assert 0 < pins.count() < shown
        page.screenshot(path=ARTIFACTS / "day-page-slot-off.png")
        slot.locator("input").check()
        assert pins.count() == shown

        # place the address under review with a click on the map (a point in Zele)
        page.locator(f'button[data-place="/api/orders/{REVIEW_ORDER}/location"]').click()
        assert page.locator("#map-hint").is_visible()
        x, y = page.evaluate(
            "(() => { const p = window.dispatchMap.map.latLngToContainerPoint([51.06325, 4.02768]);"
            " return [p.x, p.y]; })()"
        )
        box = page.locator(".folium-map").bounding_box()
        assert box is not None
        with page.expect_navigation():
            page.mouse.click(box["x"] + x, box["y"] + y)
        page.wait_for_selector(".alert-success")
        with Session(engine) as session:
            placed = session.exec(
                select(ShopOrder).where(ShopOrder.platform_order_id == REVIEW_ORDER)
            ).one()
            assert placed.status == "received" and placed.geocode_precision == "manual"
            assert abs((placed.lat or 0) - 51.06325) < 0.002
            assert abs((placed.lon or 0) - 4.02768) < 0.002

        # move an order of van 1 to van 2 from the route list
        with Session(engine) as session:
            plan_1 = session.exec(select(Plan).where(Plan.version == 1)).one()
            orders = session.exec(select(ShopOrder).order_by(col(ShopOrder.id))).all()
        order = next(o for o in orders if _van_of(engine, plan_1.id or 0, o) == "wagen-1")
        route_1 = page.locator('details.route[data-van="wagen-1"]')
        if route_1.get_attribute("open") is None:
            route_1.locator("summary").click()
        moved_row = route_1.locator(f'li[data-reference="{order.platform_order_id}"]').last
        with page.expect_navigation():
            moved_row.locator("select.move").select_option("wagen-2")
        page.wait_for_selector(".alert-success")
        assert "vast op Bestelwagen 2" in page.content()
        with Session(engine) as session:
            stored = session.get(ShopOrder, order.id)
            assert stored is not None and stored.pinned_van_id == "wagen-2"

        # re-plan and wait for the progress to finish: the page opens version 2
        page.click("#plan-button")
        page.wait_for_selector("#plan-progress:not([hidden])")
        page.screenshot(path=ARTIFACTS / "day-page-solving.png")
        page.wait_for_url(f"**/dispatch/{DAY}?version=2", timeout=60_000)
        page.wait_for_selector(".stop-pin")
        assert "versie 2: klaar" in page.content()
        page.screenshot(path=ARTIFACTS / "day-page-replanned.png")
        with Session(engine) as session:
            plan_2 = session.exec(select(Plan).where(Plan.version == 2)).one()
            assert plan_2.status == "ready", plan_2.error
            missing = session.exec(
                select(PlanUnassigned).where(PlanUnassigned.plan_id == plan_2.id)
            ).all()
            assert all(m.reason_code != "address" for m in missing), "the placed order is planned"
        # publish version 2 for the crews; version 1 stays readable through the picker
        with page.expect_navigation():
            page.click("#publish-button")
        assert "versie 2: gepubliceerd" in page.content()
        with page.expect_navigation():
            page.select_option("#version-picker", "1")
        assert "versie 1: klaar" in page.content() and page.locator(".stop-pin").count() > 0
        carrier = _van_of(engine, plan_2.id or 0, order)
        assert carrier == "wagen-2"  # the re-plan kept the order on the van it was moved to

        # print the sheet of the van that now carries the order to PDF
        page.goto(f"{base}/dispatch/{DAY}/print/vans?version=2&van={carrier}")
        page.wait_for_selector(".van-sheet")
        assert order.platform_order_id in page.content()
        page.screenshot(path=ARTIFACTS / "van-sheet.png", full_page=True)
        page.emulate_media(media="print")
        pdf = page.pdf(path=ARTIFACTS / "van-sheet.pdf", format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        browser.close()
    assert errors == [], errors
    assert outside == [], f"the page asked outside the service: {outside}"

