"""The platform's order body exactly as the contract describes it, validated at the edge."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class ShopRef(_Body):
    id: str = Field(min_length=1, max_length=64)
    name: str | None = None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None
    municipality: str | None = None
    phone: str | None = None


class Customer(_Body):
    name: str = Field(min_length=1, max_length=200)
    street: str = Field(min_length=1, max_length=200)
    house_number: str = Field(min_length=1, max_length=20)
    box: str | None = Field(default=None, max_length=20)
    postcode: str = Field(pattern=r"^\d{4}$", description="Belgian postcode, four digits")
    municipality: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)


class Slot(_Body):
    start: str
    end: str

    @field_validator("start", "end")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        if not _TIME.match(value):
            raise ValueError(f"must be a time as HH:MM, got {value!r}")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Slot:
        if time.fromisoformat(self.end) <= time.fromisoformat(self.start):
            raise ValueError("the slot must end after it starts")
        return self


class Delivery(_Body):
    date: date
    slot: Slot
    instructions: str | None = Field(default=None, max_length=1000)


class Item(_Body):
    sku: str | None = None
    description: str = Field(min_length=1, max_length=300)
    quantity: int = Field(ge=1, le=1000)
    weight_kg: float | None = Field(default=None, ge=0, le=1000)
    volume_l: float | None = Field(default=None, ge=0, le=5000)


class Order(_Body):
    id: str = Field(min_length=1, max_length=64)
    placed_at: datetime
    shop: ShopRef
    customer: Customer
    delivery: Delivery
    items: list[Item] = Field(min_length=1, max_length=200)

    @field_validator("placed_at")
    @classmethod
    def _has_offset(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("must be ISO 8601 with an offset, e.g. 2026-12-03T21:14:05+01:00")
        return value


class OrderEnvelope(_Body):
    order: Order
