"""The dispatcher's day page, rendered over HTTP for a planned day: what it must show."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dispatch.pages.assets import FOLIUM_CSS, FOLIUM_JS
from dispatch.tables import FurnitureJob, ShopOrder
from tests.pages.conftest import DAY, REVIEW_ORDER

CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "bootstrapcdn", "unpkg")


def _page(client: TestClient, query: str = "") -> str:
    response = client.get(f"/dispatch/{DAY}{query}", headers={"accept": "text/html"})
    assert response.status_code == 200, response.text
    return response.text


def test_the_page_shows_every_route_and_every_stop_of_the_plan(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = _page(logged_in_service)
    assert "Planning voor vrijdag 4 december" in html
    assert planned_day["routes"], "the day was planned on at least one van"
    for route in planned_day["routes"]:
        assert f'data-van="{route["van_id"]}"' in html  # its layer's stops and its list
        for stop in route["stops"]:
            if stop["kind"] in ("pickup", "delivery"):
                reference = stop["order_id"] or stop["furniture_reference"]
                assert f'data-reference="{reference}"' in html, reference
    # every work step is one numbered pin on the map (consecutive steps at one place share one)
    pins = re.findall(r'class=\\?"stop-pin k-(\w+)', html)
    assert {"pickup", "delivery"} <= set(pins)
    assert {"collection", "drop"} & set(pins) and {"load", "sale_delivery"} & set(pins)
    assert "verwacht om" in html and "Bestelling HM-0000" in html.replace("<b>", "")


def test_the_summary_has_each_van_and_the_day_totals(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = _page(logged_in_service)
    summary = html[html.index('id="summary"') : html.index('id="unassigned"')]
    for van in planned_day["summary"]["vans"]:
        assert van["van_name"] in summary
    assert "Dag (" in summary and " km" in summary and "Bestellingen in hun tijdslot" in summary


def test_unassigned_work_is_listed_with_its_reason_in_dutch(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = _page(logged_in_service)
    unassigned = html[html.index('id="unassigned"') : html.index('id="review"')]
    assert planned_day["unassigned"], "the order to review cannot be planned yet"
    for missing in planned_day["unassigned"]:
        assert (
            f'data-reference="{missing["order_id"] or missing["furniture_reference"]}"'
            in unassigned
        )
    assert "Niet ingepland: Het adres is na te kijken." in unassigned


def test_an_address_to_review_offers_its_candidates_and_a_pin_on_the_map(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = _page(logged_in_service)
    review = html[html.index('id="review"') : html.index('id="routes"')]
    assert f'data-place="/api/orders/{REVIEW_ORDER}/location"' in review
    assert "Plaats op de kaart" in review
    state = logged_in_service.get(f"/api/orders/{REVIEW_ORDER}").json()
    for index in range(len(state["candidates"])):
        assert f'data-candidate="{index}" data-url="/api/orders/{REVIEW_ORDER}/location"' in review


def test_the_page_loads_nothing_from_a_cdn_and_serves_its_own_assets(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = _page(logged_in_service)
    assert not re.findall(r"https?://", html), "no outside URL, CDN or tiles, in the page"
    assert not any(host in html for host in CDN_HOSTS)
    for _, url in FOLIUM_JS + FOLIUM_CSS:
        assert f'"{url}"' in html
        assert logged_in_service.get(url).status_code == 200, url
    font = logged_in_service.get("/vendor/fontawesome/webfonts/fa-solid-900.woff2")
    assert font.status_code == 200  # all.min.css asks for ../webfonts/ next to css/


def test_only_the_vendor_folders_are_served(service: TestClient) -> None:
    assert service.get("/vendor/leaflet/../../package.json").status_code == 404
    assert service.get("/vendor/leaflet/..%2F..%2Fpackage.json").status_code == 404
    assert service.get("/vendor/nothing/x.js").status_code == 404


def test_the_map_has_a_layer_per_van_and_per_slot_and_the_data_credits(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = _page(logged_in_service)
    for slot in ("13:00–15:00", "15:00–17:00", "17:00–19:00"):
        assert json.dumps(f"Tijdslot {slot}") in html  # a layer control entry
    assert "L.control.layers" in html and "window.dispatchMap" in html
    assert json.dumps("© OpenStreetMap contributors") in html and "CRAB" in html
    assert "Gemeentegrenzen" in html and "Hoofdwegen" in html  # context without tiles


def test_tiles_and_their_credit_come_from_settings(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    settings = logged_in_service.app.state.settings  # type: ignore[attr-defined]
    settings.map_tiles_url = "/tiles/{z}/{x}/{y}.png"
    settings.map_tiles_attribution = "Tegels: eigen server"
    html = _page(logged_in_service)
    assert '"/tiles/{z}/{x}/{y}.png"' in html and "Tegels: eigen server" in html


def test_the_page_speaks_english_on_request_and_remembers_it(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = _page(logged_in_service, "?lang=en")
    assert "Plan for Friday 4 December" in html
    assert "Not planned" in html and "Publish plan" in html
    assert "Not planned" in _page(logged_in_service)  # the cookie keeps the choice
    assert "Niet ingepland" in _page(logged_in_service, "?lang=nl")


def test_the_page_needs_a_login(service: TestClient) -> None:
    response = service.get(
        f"/dispatch/{DAY}", headers={"accept": "text/html"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next=/dispatch/{DAY}"
    assert service.get(f"/dispatch/{DAY}/print/vans").status_code == 401
    assert service.post("/api/orders/HM-0000/pin", json={"van_id": None}).status_code == 401


def test_home_opens_the_next_planned_date(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    response = logged_in_service.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert re.fullmatch(r"/dispatch/\d{4}-\d{2}-\d{2}", response.headers["location"])


def test_a_day_without_plan_says_so_and_offers_to_plan(logged_in_service: TestClient) -> None:
    html = logged_in_service.get("/dispatch/2026-12-07").text
    assert "Nog geen planning voor deze dag." in html and ">\n        Plannen</button>" in html


def test_moving_and_locking_work_stores_the_pin(
    logged_in_service: TestClient, planned_day: dict[str, Any], engine: Engine
) -> None:
    client = logged_in_service
    assert client.post("/api/orders/HM-0001/pin", json={"van_id": "wagen-2"}).json() == {
        "reference": "HM-0001",
        "pinned_van_id": "wagen-2",
    }
    assert (
        client.post("/api/furniture-jobs/KW-1/pin", json={"van_id": "wagen-1"}).status_code == 200
    )
    refused = client.post("/api/orders/HM-0001/pin", json={"van_id": "wagen-9"})
    assert refused.status_code == 422 and refused.json()["field"] == "van_id"
    assert client.post("/api/orders/HM-9999/pin", json={"van_id": None}).status_code == 404
    with Session(engine) as session:
        order = session.exec(
            select(ShopOrder).where(ShopOrder.platform_order_id == "HM-0001")
        ).one()
        job = session.exec(select(FurnitureJob).where(FurnitureJob.reference == "KW-1")).one()
        assert (order.pinned_van_id, job.pinned_van_id) == ("wagen-2", "wagen-1")
    html = _page(client)
    assert "vast op Bestelwagen 2" in html
    client.post("/api/orders/HM-0001/pin", json={"van_id": None})
    with Session(engine) as session:
        order = session.exec(
            select(ShopOrder).where(ShopOrder.platform_order_id == "HM-0001")
        ).one()
        assert order.pinned_van_id is None


def test_a_van_sheet_lists_its_stops_phones_and_a_loading_list_in_reverse(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = logged_in_service.get(f"/dispatch/{DAY}/print/vans").text
    for route in planned_day["routes"]:
        assert f'class="sheet van-sheet" data-van="{route["van_id"]}"' in html
    assert "Laadlijst (omgekeerde leveringsvolgorde)" in html and "+32 470 00 00 00" in html
    route = planned_day["routes"][0]
    sheet = html[html.index(f'data-van="{route["van_id"]}"') :]
    loading = sheet[sheet.index("Laadlijst") :].split("</table>")[0]
    delivered = [
        s["order_id"] or s["furniture_reference"]
        for s in route["stops"]
        if s["kind"] == "delivery" and s["job_kind"] != "furniture_collection"
    ]
    positions = [loading.index(f"<b>{ref}</b>") for ref in delivered]
    assert positions == sorted(positions, reverse=True), "last delivered is loaded first"
    assert "@page { size: A4" in logged_in_service.get("/static/print.css").text


def test_each_shop_gets_a_pick_list_of_the_orders_collected_there(
    logged_in_service: TestClient, planned_day: dict[str, Any]
) -> None:
    html = logged_in_service.get(f"/dispatch/{DAY}/print/shops").text
    pickups = {
        s["order_id"]
        for r in planned_day["routes"]
        for s in r["stops"]
        if s["kind"] == "pickup" and s["order_id"]
    }
    for shop in ("shop-001", "shop-002", "shop-003"):
        assert f'data-shop="{shop}"' in html
    for order_id in pickups:
        assert f"<b>{order_id}</b>" in html


def test_the_progress_follows_reported_stops(
    logged_in_service: TestClient, planned_day: dict[str, Any], engine: Engine
) -> None:
    from dispatch.tables import PlanStop

    with Session(engine) as session:
        stops = session.exec(
            select(PlanStop).where(
                PlanStop.plan_id == planned_day["id"], PlanStop.kind == "delivery"
            )
        ).all()
        stops[0].status, stops[1].status = "done", "failed"
        session.add_all(stops[:2])
        session.commit()
        done_id, failed_id = stops[0].id, stops[1].id
    published = logged_in_service.post(f"/api/plans/{planned_day['id']}/publish")
    assert published.status_code == 200
    progress = logged_in_service.get(f"/dispatch/{DAY}/progress").json()
    assert progress["stops"][str(done_id)] == "done"
    assert progress["stops"][str(failed_id)] == "failed"
    html = _page(logged_in_service)
    assert 'class="st st-done">gedaan' in html and 'class="st st-failed">niet gelukt' in html


def test_open_stops_of_the_published_plan_turn_late_after_their_time(
    logged_in_service: TestClient, planned_day: dict[str, Any], engine: Engine
) -> None:
    """Late means: not reported 15 minutes after the expected start, in the plan crews drive."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from dispatch.pages.day_view import load_day

    tz = ZoneInfo("Europe/Brussels")
    evening = datetime(2026, 12, 4, 23, 0, tzinfo=tz)
    morning = datetime(2026, 12, 4, 6, 0, tzinfo=tz)
    with Session(engine) as session:
        draft = load_day(session, date(2026, 12, 4), tz=tz, now=evening)
        assert draft.count("late") == 0  # a plan not yet published is nobody's schedule
    logged_in_service.post(f"/api/plans/{planned_day['id']}/publish")
    with Session(engine) as session:
        day = date(2026, 12, 4)
        assert load_day(session, day, tz=tz, now=morning).count("late") == 0
        published = load_day(session, day, tz=tz, now=evening)
        work = sum(len(r.work_steps) for r in published.routes)
        assert published.count("late") == work > 0


def test_customer_text_cannot_inject_markup_or_script_into_the_map(
    logged_in_service: TestClient,
) -> None:
    """Names end up in folium's JavaScript template literals: no tags, no ${...}, no backticks."""
    from tests.dispatch.factories import order_body, post_event
    from tests.pages.conftest import plan_day

    body = order_body("HM-EVIL", day=DAY)
    body["order"]["customer"]["name"] = "<img src=x onerror=alert(1)> ${alert(2)} `x`"
    assert post_event(logged_in_service, body).status_code == 200
    assert plan_day(logged_in_service)["status"] == "ready"
    html = _page(logged_in_service)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    scripts = "".join(re.findall(r"<script>(.*?)</script>", html, flags=re.S))
    assert "HM-EVIL" in scripts  # its popup is in the map's script...
    assert "${alert(2)}" not in scripts and "`x`" not in scripts  # ...without live syntax


def test_a_route_drawn_with_straight_lines_says_so(
    logged_in_service: TestClient, planned_day: dict[str, Any], engine: Engine
) -> None:
    from dispatch.tables import PlanRoute

    html = _page(logged_in_service)
    assert "rechte lijnen" not in html  # real road geometry from the routing engine
    with Session(engine) as session:
        route = session.exec(
            select(PlanRoute).where(PlanRoute.plan_id == planned_day["id"])
        ).first()
        assert route is not None and len(route.geometry) > 10
        route.geometry_is_fallback = True
        session.add(route)
        session.commit()
    html = _page(logged_in_service)
    assert "rechte lijnen: geen route over de weg" in html
    assert '"dashArray": "8 8"' in html


def test_the_page_works_before_any_area_data_is_imported(dispatcher: TestClient) -> None:
    """No boundaries or roads to draw yet: the map is empty but the page still answers."""
    html = dispatcher.get(f"/dispatch/{DAY}").text
    assert "Nog geen planning voor deze dag." in html and "Hoofdwegen" not in html
    assert json.dumps("© OpenStreetMap contributors") in html
