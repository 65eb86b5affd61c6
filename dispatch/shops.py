"""The connected shops: where orders are picked up, during their opening hours."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session, col, select

from dispatch.area_services import AreaServices
from dispatch.auth import DispatcherDep
from dispatch.deps import AreaDep, SessionDep
from dispatch.errors import InputError, NotFoundError
from dispatch.locating import place_address
from dispatch.opening_hours import DAYS, OpeningHours, parse_opening_hours
from dispatch.tables import Shop

router = APIRouter(tags=["shops"])

CSV_COLUMNS = ("id", "name", "street", "house_number", "postcode", "municipality", "opening_hours")


class ShopIn(BaseModel):
    name: str = Field(min_length=1)
    street: str = Field(min_length=1)
    house_number: str = Field(min_length=1)
    postcode: str = Field(pattern=r"^\d{4}$")
    municipality: str = Field(min_length=1)
    phone: str | None = None
    lat: float | None = None
    lon: float | None = None
    opening_hours: OpeningHours
    setup_seconds: int = Field(180, ge=0, le=3600)
    per_order_seconds: int = Field(30, ge=0, le=3600)
    active: bool = True

    @field_validator("opening_hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_opening_hours(value)
        if isinstance(value, dict) and any(day not in DAYS for day in value):
            raise ValueError(f"days must be among {', '.join(DAYS)}")
        return value


class ShopOut(ShopIn):
    id: str


@router.get("/api/shops", response_model=list[ShopOut])
def list_shops(session: SessionDep, _dispatcher: DispatcherDep) -> list[Shop]:
    return list(session.exec(select(Shop).order_by(col(Shop.name))))


@router.put("/api/shops/{shop_id}", response_model=ShopOut)
def put_shop(
    shop_id: str, shop: ShopIn, session: SessionDep, area: AreaDep, _dispatcher: DispatcherDep
) -> Shop:
    """Create or replace a shop; its address is placed when no coordinates are given."""
    record = save_shop(session, area, shop_id, shop)
    session.commit()
    return record


@router.delete("/api/shops/{shop_id}", response_model=ShopOut)
def deactivate_shop(shop_id: str, session: SessionDep, _dispatcher: DispatcherDep) -> Shop:
    """Shops are deactivated, not deleted: their past orders keep pointing at them."""
    shop = session.get(Shop, shop_id)
    if shop is None:
        raise NotFoundError(f"No shop {shop_id!r}.")
    shop.active = False
    session.add(shop)
    session.commit()
    return shop


@router.post("/api/shops/import", response_model=list[ShopOut])
def import_shops_csv(
    file: Annotated[UploadFile, File(description="CSV with " + ", ".join(CSV_COLUMNS))],
    session: SessionDep,
    area: AreaDep,
    _dispatcher: DispatcherDep,
) -> list[Shop]:
    """Load shops from a CSV; nothing is stored unless every row is valid."""
    text = file.file.read().decode("utf-8-sig")
    shops = load_shops_csv(session, area, text)
    session.commit()
    return shops


def load_shops_csv(session: Session, area: AreaServices, text: str) -> list[Shop]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"The shops CSV lacks the columns {', '.join(missing)}.")
    result = []
    for line, row in enumerate(reader, start=2):
        values = {k: v for k, v in row.items() if v not in (None, "") and k != "id"}
        try:
            shop_in = ShopIn.model_validate(values)
        except ValueError as error:
            raise InputError(f"Shops CSV line {line}: {error}") from error
        result.append(save_shop(session, area, row["id"], shop_in))
    return result


def save_shop(session: Session, area: AreaServices, shop_id: str, shop: ShopIn) -> Shop:
    lat, lon = shop.lat, shop.lon
    if lat is None or lon is None:
        placement = place_address(
            area, street=shop.street, house_number=shop.house_number,
            postcode=shop.postcode, municipality=shop.municipality,
        )  # fmt: skip
        if placement.lat is None or placement.status == "outside_area":
            raise InputError(
                f"Shop {shop_id}: the address could not be placed ({placement.reason}); "
                "give lat and lon.",
                field="street",
            )
        lat, lon = placement.lat, placement.lon
    record = session.get(Shop, shop_id) or Shop(
        id=shop_id, name=shop.name, street=shop.street, house_number=shop.house_number,
        postcode=shop.postcode, municipality=shop.municipality,
    )  # fmt: skip
    for key, value in shop.model_dump().items():
        setattr(record, key, value)
    record.lat, record.lon = lat, lon
    session.add(record)
    session.flush()
    return record
