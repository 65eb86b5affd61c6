"""How fast and how heavy the dispatcher's day page is, for a demo day of ~150+ stops.

Imports the staged area into a temporary folder, seeds the demo day (shops, four vans, orders,
furniture jobs) and plans it, serves the app on 127.0.0.1, then measures:
- the server's time to render the page (median and worst of --runs requests);
- in Debian's headless chromium, with an empty cache each time: time from navigation to the
  `load` event and to the numbered stops being on the map, and the bytes transferred
  (page + every asset it loads); and once more with a warm cache.

    .venv/bin/python benchmarks/page_bench.py               # the demo: 90 orders, 14 furniture
    .venv/bin/python benchmarks/page_bench.py --orders 60   # a lighter day
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "bench-password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=90)
    parser.add_argument("--furniture", type=int, default=14)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=10.0, help="solver seconds")
    args = parser.parse_args()

    import httpx
    import uvicorn
    from playwright.sync_api import sync_playwright
    from sqlmodel import Session, col, func, select

    from dispatch.app import create_app
    from dispatch.area_services import AreaServices
    from dispatch.bootstrap import prepare
    from dispatch.db import make_engine
    from dispatch.demo import seed_demo
    from dispatch.settings import Settings
    from dispatch.tables import PlanStop

    work = Path(tempfile.mkdtemp(prefix="page-bench-"))
    try:
        geodata = Path(os.environ.get("DISPATCH_GEODATA_DIR", REPO.parent / "shared" / "geodata"))
        settings = Settings(
            environment="test",
            data_dir=work,
            geodata_dir=geodata,
            dispatcher_password=PASSWORD,
            solver_time_limit=args.time_limit,
            solve_in_subprocess=False,
        )
        engine = make_engine(settings.effective_database_url)
        prepare(settings, engine, with_demo=False, say=lambda s: None)
        area = AreaServices(settings.area_dir)
        demo = seed_demo(
            engine, area, settings, orders=args.orders, furniture=args.furniture, plan=True
        )
        with Session(engine) as session:
            stops = session.exec(
                select(func.count()).where(
                    PlanStop.plan_id == demo.plan_id,
                    col(PlanStop.kind).in_(("pickup", "delivery")),
                )
            ).one()
        print(f"day {demo.day}: {args.orders} orders, {args.furniture} furniture jobs, "
              f"{stops} stops (pickups and deliveries) in plan {demo.plan_id}")  # fmt: skip

        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(settings, engine, area), host="127.0.0.1", port=port,
                log_level="warning",
            )
        )  # fmt: skip
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        url = f"{base}/dispatch/{demo.day.isoformat()}"

        with httpx.Client(base_url=base) as http:
            http.post("/login", data={"username": "dispatcher", "password": PASSWORD})
            http.get(url)  # warm: area data, road layer cache
            render = []
            for _ in range(args.runs):
                started = time.perf_counter()
                response = http.get(url)
                render.append(time.perf_counter() - started)
                assert response.status_code == 200
            html_bytes = len(response.content)
        print(f"server render: median {statistics.median(render):.3f} s, "
              f"worst {max(render):.3f} s; HTML {html_bytes / 1e6:.2f} MB")  # fmt: skip

        cold_load, cold_pins, cold_bytes = [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=CHROMIUM_ARGS,
            )
            for run in range(args.runs + 1):
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                page = context.new_page()
                page.goto(f"{base}/login")
                page.fill("input[name=username]", "dispatcher")
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_load_state("load")
                # a cold cache: a fresh context has none; go to a blank page first
                page.goto("about:blank")
                client = context.new_cdp_session(page)
                client.send("Network.enable")
                client.send("Network.clearBrowserCache")
                received: list[int] = []
                client.on(
                    "Network.loadingFinished",
                    lambda e, received=received: received.append(int(e["encodedDataLength"])),
                )
                started = time.perf_counter()
                page.goto(url, wait_until="load")
                loaded = time.perf_counter() - started
                page.wait_for_selector(".stop-pin")
                pins = time.perf_counter() - started
                if run > 0:  # the first run warms the server and the disk cache
                    cold_load.append(loaded)
                    cold_pins.append(pins)
                    cold_bytes.append(sum(received))
                if run == args.runs:
                    started = time.perf_counter()
                    page.reload(wait_until="load")
                    page.wait_for_selector(".stop-pin")
                    warm = time.perf_counter() - started
                    markers = page.locator(".stop-pin").count()
                context.close()
            browser.close()
        print(f"browser, empty cache: load event median {statistics.median(cold_load):.2f} s "
              f"(worst {max(cold_load):.2f}), stops drawn median "
              f"{statistics.median(cold_pins):.2f} s (worst {max(cold_pins):.2f}); "
              f"transferred {statistics.median(cold_bytes) / 1e6:.2f} MB")  # fmt: skip
        print(f"browser, warm cache: reload to stops drawn {warm:.2f} s; "
              f"{markers} numbered stop pins on the map")  # fmt: skip
        server.should_exit = True
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
