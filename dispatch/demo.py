"""A realistic demo day from the real area data: shops, the fleet, orders and furniture jobs.

Orders go through the same intake as the platform's webhook (validation, geocoding), so the
demo shows what a real morning looks like, including an address or two to check.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dispatch.area_services import AreaServices
from dispatch.orders.intake import process_event
from dispatch.service_days import next_served_day
from dispatch.settings import Settings
from dispatch.shops import ShopIn, save_shop
from dispatch.tables import Depot, FurnitureJob, Van

ADDRESSES_FILE = "crab_addresses_9220_9240_9250_2013.csv"
SHOPS_FILE = "hzw_shops_osm2021.csv"
KEY_LOCATIONS_FILE = "hzw_key_locations.csv"
CHAINS = ("aldi", "lidl", "colruyt", "carrefour", "spar", "delhaize", "kringwinkel", "okay",
          "action", "kruidvat", "intermarch", "albert heijn", "hema", "zeeman", "jbc")  # fmt: skip
HOURS_BY_CLASS = {
    "bakery": "tue-sat 07:00-18:00; sun 07:00-12:30",
    "butcher": "tue-fri 08:00-12:30,13:30-18:00; sat 08:00-16:00",
    "pharmacy": "mon-fri 08:30-12:30,13:30-18:30; sat 09:00-12:00",
}
DEFAULT_HOURS = "mon 13:30-18:00; tue-fri 09:30-12:00,13:30-18:00; sat 09:30-17:00"
ITEMS = [
    ("Boek", 1.5, 0.6), ("Schoenen", 8.0, 1.2), ("Fles wijn", 1.5, 1.4), ("Bloemen", 12.0, 1.0),
    ("Taart", 6.0, 1.5), ("Kleding", 5.0, 0.8), ("Speelgoed", 10.0, 1.0), ("Lamp", 25.0, 3.0),
    ("Vleesschotel", 4.0, 2.5), ("Geneesmiddelen", 0.5, 0.2), ("Tuinset", 300.0, 35.0),
]  # fmt: skip
FURNITURE = [("Kast", 900, 60), ("Zetel", 1200, 45), ("Tafel", 600, 35), ("Stoelen (4)", 400, 20),
             ("Bed", 1100, 55), ("Dressoir", 700, 50), ("Wasmachine", 350, 70)]  # fmt: skip
FIRST_NAMES = ["An", "Bart", "Chloé", "Dirk", "Els", "Filip", "Griet", "Hans", "Ilse", "Jan",
               "Katrien", "Lieven", "Mieke", "Nele"]  # fmt: skip
LAST_NAMES = ["Peeters", "De Smet", "Van Damme", "Maes", "Claes", "Verbeke", "De Bock",
              "Mertens", "Van Hecke", "Wauters", "Goossens", "De Vos", "Roels"]  # fmt: skip


@dataclass(frozen=True)
class DemoResult:
    day: date
    shops: int
    vans: int
    orders: int
    orders_to_review: int
    furniture_jobs: int
    plan_id: int | None

    def __str__(self) -> str:
        planned = f", plan {self.plan_id}" if self.plan_id else ""
        return (
            f"Demo for {self.day}: {self.shops} shops, {self.vans} vans, {self.orders} orders "
            f"({self.orders_to_review} to review), {self.furniture_jobs} furniture jobs{planned}."
        )


def seed_demo(
    engine: Engine,
    area: AreaServices,
    settings: Settings,
    *,
    day: date | None = None,
    orders: int = 90,
    furniture: int = 14,
    seed: int = 7,
    plan: bool = False,
) -> DemoResult:
    source = settings.geodata_dir
    if not (source / ADDRESSES_FILE).is_file():
        raise FileNotFoundError(f"The demo needs the area files in {source} ({ADDRESSES_FILE}).")
    rng = random.Random(seed)
    day = day or next_served_day(datetime.now(settings.tz).date(), settings)
    addresses = _read_csv(source / ADDRESSES_FILE)
    with Session(engine) as session:
        depot = _seed_depot(session, source)
        vans = _seed_vans(session, depot)
        shop_ids = _seed_shops(session, area, source, rng)
        session.commit()
        placed_at = datetime.combine(day - timedelta(days=1), time(20, 0), tzinfo=settings.tz)
        review = 0
        for number in range(orders):
            body = _order_body(number, day, placed_at, rng.choice(shop_ids), addresses, rng,
                               settings)  # fmt: skip
            outcome = process_event(session, area, settings, "order.created", json.dumps(body))
            review += outcome.body["status"] == "needs_review"
        for number in range(furniture):
            _seed_furniture_job(session, area, depot, day, number, addresses, rng)
        session.commit()
    plan_id = None
    if plan:
        from dispatch.planning.runner import plan_date

        plan_id = plan_date(engine, area, settings, day)
    return DemoResult(day, len(shop_ids), len(vans), orders, review, furniture, plan_id)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _seed_depot(session: Session, source: Path) -> Depot:
    row = next(r for r in _read_csv(source / KEY_LOCATIONS_FILE) if r["role"].startswith("depot"))
    depot = Depot(
        id="kringwinkel",
        name="Spoor2 / De Kringwinkel Hamme",
        address=row["address"],
        postcode=row["postcode"],
        municipality=row["municipality"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        unload_seconds=600,
    )
    session.merge(depot)
    return depot


def _seed_vans(session: Session, depot: Depot) -> list[Van]:
    vans = []
    for number in range(1, 5):  # shifts 08:00-19:00 with at most 9 h of work each
        van = Van(
            id=f"wagen-{number}",
            name=f"Bestelwagen {number}",
            capacity_litres=12000,
            capacity_grams=1_000_000,
            start_depot_id=depot.id,
            end_depot_id=depot.id,
            shift_start="08:00",
            shift_end="19:00",
            max_working_minutes=540,
            fixed_cost_eur=50,
        )
        session.merge(van)
        vans.append(van)
    return vans


def _seed_shops(
    session: Session, area: AreaServices, source: Path, rng: random.Random
) -> list[str]:
    """21 independent shops, most in Hamme (whose platform it is), some in Zele and Waasmunster."""
    rows = [
        r for r in _read_csv(source / SHOPS_FILE)
        if not any(chain in r["name"].lower() for chain in CHAINS)
        and float(r["nearest_crab_dist_m"] or 999) < 40
    ]  # fmt: skip
    wanted = {"Hamme": 14, "Zele": 4, "Waasmunster": 3}
    chosen = []
    for municipality, count in wanted.items():
        local = sorted(
            (r for r in rows if r["municipality"] == municipality), key=lambda r: r["name"]
        )
        chosen += rng.sample(local, min(count, len(local)))
    ids = []
    for number, row in enumerate(chosen, start=1):
        street, house_number, postcode, municipality = _split_address(row["nearest_crab_address"])
        shop_id = f"shop-{number:03d}"
        save_shop(
            session,
            area,
            shop_id,
            ShopIn(
                name=row["name"],
                street=street,
                house_number=house_number,
                postcode=postcode,
                municipality=municipality,
                phone=f"+32 52 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                opening_hours=HOURS_BY_CLASS.get(row["class"], DEFAULT_HOURS),
            ),
        )
        ids.append(shop_id)
    return ids


def _split_address(text: str) -> tuple[str, str, str, str]:
    """'Filip De Pillecynlaan 8, 9220 Hamme' -> street, number, postcode, municipality."""
    match = re.match(r"^(.*\S)\s+(\S+),\s*(\d{4})\s+(.+)$", text)
    if not match:
        raise ValueError(f"cannot read the address {text!r}")
    street, number, postcode, municipality = match.groups()
    return street, number, postcode, municipality


def _messy(street: str, rng: random.Random) -> str:
    """Type a street as shoppers do, now and then."""
    roll = rng.random()
    if roll < 0.08 and street.endswith("straat"):
        return street[: -len("straat")] + "str."
    if roll < 0.14:
        return street.lower()
    return street


def _order_body(
    number: int,
    day: date,
    placed_at: datetime,
    shop_id: str,
    addresses: list[dict[str, str]],
    rng: random.Random,
    settings: Settings,
) -> dict[str, object]:
    address = rng.choice(addresses)
    slot_start, slot_end = rng.choice(settings.slot_windows)
    street = _messy(address["street"], rng)
    house_number = address["housenumber"]
    if number % 45 == 44:  # now and then a number the register does not know
        house_number = str(900 + number)
    items = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        description, litres, kg = rng.choice(ITEMS[:-1] if rng.random() > 0.03 else ITEMS)
        items.append({"description": description, "quantity": rng.choice((1, 1, 2)),
                      "volume_l": litres, "weight_kg": kg})  # fmt: skip
    return {
        "order": {
            "id": f"HM-{day:%Y}-{day:%m%d}{number:03d}",
            "placed_at": (placed_at + timedelta(minutes=rng.randint(-600, 200))).isoformat(),
            "shop": {"id": shop_id},
            "customer": {
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "street": street,
                "house_number": house_number,
                "postcode": address["postcode"],
                "municipality": address["municipality"],
                "phone": f"+32 47{rng.randint(0, 9)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
            },
            "delivery": {
                "date": day.isoformat(),
                "slot": {"start": slot_start.strftime("%H:%M"), "end": slot_end.strftime("%H:%M")},
            },
            "items": items,
        }
    }


def _seed_furniture_job(
    session: Session,
    area: AreaServices,
    depot: Depot,
    day: date,
    number: int,
    addresses: list[dict[str, str]],
    rng: random.Random,
) -> None:
    from dispatch.furniture import FurnitureJobIn, save_job

    address = rng.choice(addresses)
    piece, litres, kg = rng.choice(FURNITURE)
    window = rng.choice((("08:00", "12:00"), ("13:00", "17:00"), ("09:00", "16:00")))
    kind = "collection" if number % 5 < 3 else "sale_delivery"
    save_job(
        session,
        area,
        FurnitureJobIn(
            reference=f"KW-{day:%m%d}-{number + 1:02d}",
            kind=kind,
            job_date=day,
            depot_id=depot.id,
            customer_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            street=address["street"],
            house_number=address["housenumber"],
            postcode=address["postcode"],
            municipality=address["municipality"],
            description=piece,
            window_start=window[0],
            window_end=window[1],
            volume_litres=litres,
            weight_kg=kg,
            service_minutes=rng.choice((15, 20, 25)),
        ),
    )


__all__ = ["DemoResult", "FurnitureJob", "seed_demo"]
