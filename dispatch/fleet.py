"""The fleet: Spoor2's vans with their crews' shifts, and the depots they start from."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field, model_validator
from sqlmodel import col, select

from dispatch.auth import DispatcherDep
from dispatch.deps import SessionDep
from dispatch.errors import InputError
from dispatch.service_days import seconds_after_midnight
from dispatch.tables import Depot, Van

router = APIRouter(tags=["fleet"])

_HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class DepotIn(BaseModel):
    name: str = Field(min_length=1)
    address: str = Field(min_length=1)
    postcode: str = Field(pattern=r"^\d{4}$")
    municipality: str
    lat: float = Field(ge=50.9, le=51.3)
    lon: float = Field(ge=3.8, le=4.4)
    unload_seconds: int = Field(600, ge=0, le=7200)


class DepotOut(DepotIn):
    id: str


class VanIn(BaseModel):
    name: str = Field(min_length=1)
    capacity_litres: int = Field(gt=0, le=60000)
    capacity_grams: int = Field(gt=0, le=5_000_000)
    start_depot_id: str
    end_depot_id: str
    shift_start: str = Field("08:00", pattern=_HHMM)
    shift_end: str = Field("19:00", pattern=_HHMM)
    max_working_minutes: int = Field(540, gt=0, le=24 * 60)
    break_minutes: int = Field(30, ge=0, le=180)
    break_earliest: str = Field("11:30", pattern=_HHMM)
    break_latest: str = Field("13:30", pattern=_HHMM)
    fixed_cost_eur: float = Field(0.0, ge=0)
    cost_per_km_eur: float = Field(0.35, ge=0)
    cost_per_hour_eur: float = Field(32.0, ge=0)
    active: bool = True

    @model_validator(mode="after")
    def _times_in_order(self) -> VanIn:
        if seconds_after_midnight(self.shift_end) <= seconds_after_midnight(self.shift_start):
            raise ValueError("the shift must end after it starts")
        if seconds_after_midnight(self.break_latest) < seconds_after_midnight(self.break_earliest):
            raise ValueError("break_latest must not be before break_earliest")
        return self


class VanOut(VanIn):
    id: str


@router.get("/api/depots", response_model=list[DepotOut])
def list_depots(session: SessionDep, _dispatcher: DispatcherDep) -> list[Depot]:
    return list(session.exec(select(Depot).order_by(col(Depot.id))))


@router.put("/api/depots/{depot_id}", response_model=DepotOut)
def put_depot(
    depot_id: str, depot: DepotIn, session: SessionDep, _dispatcher: DispatcherDep
) -> Depot:
    record = session.get(Depot, depot_id) or Depot(id=depot_id, **depot.model_dump())
    for key, value in depot.model_dump().items():
        setattr(record, key, value)
    session.add(record)
    session.commit()
    return record


@router.get("/api/vans", response_model=list[VanOut])
def list_vans(session: SessionDep, _dispatcher: DispatcherDep) -> list[Van]:
    return list(session.exec(select(Van).order_by(col(Van.id))))


@router.put("/api/vans/{van_id}", response_model=VanOut)
def put_van(van_id: str, van: VanIn, session: SessionDep, _dispatcher: DispatcherDep) -> Van:
    """Create or replace a van; it joins the next planning run."""
    for depot_id in {van.start_depot_id, van.end_depot_id}:
        if session.get(Depot, depot_id) is None:
            raise InputError(f"Unknown depot {depot_id!r}.", field="start_depot_id")
    record = session.get(Van, van_id) or Van(id=van_id, **van.model_dump())
    for key, value in van.model_dump().items():
        setattr(record, key, value)
    session.add(record)
    session.commit()
    return record
