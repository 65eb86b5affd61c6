"""The `dispatch` command: serve, import area data, geocode a file, plan a day, and more."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dispatch.settings import get_settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from dispatch.area_services import AreaServices
    from dispatch.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    from dispatch.logging_setup import configure_logging

    configure_logging("WARNING" if args.command in ("geocode", "plan") else "INFO")
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError, RuntimeError) as error:  # includes GeodataImportError
        print(f"dispatch {args.command}: {error}", file=sys.stderr)
        return 1


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dispatch",
        description="Spoor2 delivery dispatch: shop orders and furniture rounds on one fleet.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = sub.add_parser(
        "serve",
        help="prepare the database and area data, then serve the web app",
        description="Apply migrations, import area data if not yet imported, seed a demo day "
        "into an empty database (unless --no-demo), then serve over HTTP.",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-demo", action="store_true", help="do not seed demo data")
    serve.set_defaults(handler=_serve)

    prepare = sub.add_parser(
        "prepare",
        help="migrate, import area data if needed, seed a demo day if the database is empty",
        description="Everything `serve` does before it starts listening.",
    )
    prepare.add_argument("--no-demo", action="store_true", help="do not seed demo data")
    prepare.set_defaults(handler=_prepare)

    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(handler=_migrate)

    imp = sub.add_parser(
        "import",
        help="import area data: OSM roads, address register, boundaries",
        description="Read the OSM extract (any size; clipped to the service area), the address "
        "register CSV and the boundaries, prepare the road engine, and store it all under the "
        "data directory. A re-import replaces the old data only when it succeeded.",
    )
    imp.add_argument(
        "source_dir",
        nargs="?",
        type=Path,
        help="folder with the source files (default: DISPATCH_GEODATA_DIR)",
    )
    imp.add_argument("--pbf", type=Path, help="OSM extract (.osm.pbf) instead of the default")
    imp.add_argument("--addresses", type=Path, help="address register CSV instead of the default")
    imp.add_argument("--boundaries", type=Path, help="municipality boundaries (GeoJSON)")
    imp.set_defaults(handler=_import)

    geocode = sub.add_parser(
        "geocode",
        help="geocode a CSV of addresses",
        description="Read IN.csv with columns street, house_number, postcode, municipality "
        "(others kept) and write OUT.csv with lat, lon, precision, confidence, status "
        "(located, needs_review, outside_area) and reason.",
    )
    geocode.add_argument("in_csv", type=Path)
    geocode.add_argument("out_csv", type=Path)
    geocode.set_defaults(handler=_geocode)

    plan = sub.add_parser(
        "plan",
        help="plan a date and print a summary",
        description="Plan all shop orders and furniture jobs of DATE over the fleet, store the "
        "plan as a new version and print a summary per van and the work not planned.",
    )
    plan.add_argument("date", type=date.fromisoformat, help="YYYY-MM-DD")
    plan.add_argument("--time-limit", type=float, help="solver seconds (default from settings)")
    plan.set_defaults(handler=_plan)

    seed = sub.add_parser(
        "seed-demo",
        help="load demo shops, fleet and a day of orders and furniture jobs",
        description="Real shops and addresses of Hamme, Zele and Waasmunster, a fleet of vans, "
        "and a realistic day of work for DATE (default: next working day).",
    )
    seed.add_argument("--date", type=date.fromisoformat, default=None)
    seed.add_argument("--orders", type=int, default=90)
    seed.add_argument("--furniture", type=int, default=14)
    seed.add_argument("--seed", type=int, default=7)
    seed.set_defaults(handler=_seed_demo)

    pw = sub.add_parser(
        "hash-password",
        help="print the hash to put in "
        "DISPATCH_DISPATCHER_PASSWORD_HASH (reads the password from stdin)",
    )
    pw.set_defaults(handler=_hash_password)
    return parser


def _engine() -> Engine:
    from dispatch.db import make_engine

    return make_engine(get_settings().effective_database_url)


def _migrate(_args: argparse.Namespace) -> int:
    from dispatch.db import migrate

    migrate(_engine())
    print("Database is up to date.")
    return 0


def _prepare(args: argparse.Namespace) -> int:
    from dispatch.bootstrap import prepare

    prepare(get_settings(), _engine(), with_demo=not args.no_demo, say=print)
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from dispatch.app import create_app
    from dispatch.bootstrap import prepare

    settings = get_settings()
    engine = _engine()
    prepare(settings, engine, with_demo=not args.no_demo, say=print)
    base = f"http://{args.host}:{args.port}"
    print(
        "\nSpoor2 levering draait op:\n"
        f"  {base}/             planning van vandaag en morgen (login: "
        f"{settings.dispatcher_username})\n"
        f"  {base}/docs         API-documentatie\n"
        f"  {base}/healthz      gezondheid\n",
        flush=True,
    )
    uvicorn.run(create_app(settings, engine), host=args.host, port=args.port, log_config=None)
    return 0


def _import(args: argparse.Namespace) -> int:
    from dispatch.bootstrap import import_area_with_progress

    settings = get_settings()
    report = import_area_with_progress(
        args.source_dir or settings.geodata_dir,
        settings.area_dir,
        pbf=args.pbf,
        addresses=args.addresses,
        boundaries=args.boundaries,
        van_speed_factor=settings.van_speed_factor,
    )
    print(report)
    return 0


def _geocode(args: argparse.Namespace) -> int:
    from geodata.batch import geocode_csv
    from geodata.geocoder import load_geocoder

    settings = get_settings()
    geocoder = load_geocoder(settings.area_dir)
    counts = geocode_csv(geocoder, args.in_csv, args.out_csv)
    print(f"Wrote {args.out_csv}: {counts}")
    return 0


def _migrated_service() -> tuple[Settings, Engine, AreaServices]:
    """Settings, a migrated database and the area data, for commands that work on a day."""
    from dispatch.area_services import AreaServices
    from dispatch.db import migrate

    settings = get_settings()
    engine = _engine()
    migrate(engine)
    return settings, engine, AreaServices(settings.area_dir, settings.osrm_url)


def _plan(args: argparse.Namespace) -> int:
    from dispatch.planning.report import summary_text
    from dispatch.planning.runner import plan_date

    settings, engine, area = _migrated_service()
    plan_id = plan_date(
        engine, area, settings, args.date, time_limit=args.time_limit or settings.solver_time_limit
    )
    print(summary_text(engine, plan_id))
    return 0


def _seed_demo(args: argparse.Namespace) -> int:
    from dispatch.demo import seed_demo

    settings, engine, area = _migrated_service()
    result = seed_demo(
        engine,
        area,
        settings,
        day=args.date,
        orders=args.orders,
        furniture=args.furniture,
        seed=args.seed,
    )
    print(result)
    return 0


def _hash_password(_args: argparse.Namespace) -> int:
    from dispatch.auth import hash_password

    password = sys.stdin.readline().rstrip("\n")
    if not password:
        print("Give the password on standard input.", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    logging.basicConfig()
    sys.exit(main())
