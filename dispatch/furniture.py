"""The Kringwinkel's furniture jobs on the same vans: collections at homes, sold furniture out."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field, model_validator
from sqlmodel import Session, col, select

from dispatch.area_services import AreaServices
from dispatch.auth import DispatcherDep
from dispatch.deps import AreaDep, SessionDep
from dispatch.errors import InputError, NotFoundError
from dispatch.locating import LocationFix, place_address, resolve_fix
from dispatch.service_days import seconds_after_midnight
from dispatch.tables import Depot, FurnitureJob

router = APIRouter(tags=["furniture"])

_HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"
CSV_COLUMNS = ("reference", "kind", "job_date", "customer_name", "street", "house_number",
               "postcode", "municipality", "volume_litres", "weight_kg")  # fmt: skip


class FurnitureJobIn(BaseModel):
    reference: str = Field(min_length=1, max_length=64)
    kind: Literal["collection", "sale_delivery"]
    job_date: date
    depot_id: str = "kringwinkel"
    customer_name: str = Field(min_length=1)
    street: str = Field(min_length=1)
    house_number: str = Field(min_length=1)
    postcode: str = Field(pattern=r"^\d{4}$")
    municipality: str = Field(min_length=1)
    phone: str | None = None
    description: str = ""
    window_start: str = Field("08:00", pattern=_HHMM)
    window_end: str = Field("19:00", pattern=_HHMM)
    volume_litres: int = Field(gt=0, le=20000)
    weight_kg: float = Field(gt=0, le=2000)
    service_minutes: int = Field(15, ge=1, le=240)

    @model_validator(mode="after")
    def _window(self) -> FurnitureJobIn:
        start, end = (
            seconds_after_midnight(self.window_start),
            seconds_after_midnight(self.window_end),
        )
        if end - start < self.service_minutes * 60:
            raise ValueError("the agreed window is shorter than the job itself")
        return self


class FurnitureJobOut(BaseModel):
    id: int
    reference: str
    kind: str
    job_date: date
    customer_name: str
    street: str
    house_number: str
    postcode: str
    municipality: str
    window_start: str
    window_end: str
    volume_litres: int
    weight_grams: int
    service_seconds: int
    status: str
    status_reason: str | None
    lat: float | None
    lon: float | None


@router.get("/api/furniture-jobs", response_model=list[FurnitureJobOut])
def list_jobs(
    session: SessionDep, _dispatcher: DispatcherDep, day: Annotated[date, Query(alias="date")]
) -> list[FurnitureJob]:
    query = select(FurnitureJob).where(FurnitureJob.job_date == day)
    return list(session.exec(query.order_by(col(FurnitureJob.window_start))))


@router.post("/api/furniture-jobs", response_model=FurnitureJobOut, status_code=201)
def create_job(
    job: FurnitureJobIn, session: SessionDep, area: AreaDep, _dispatcher: DispatcherDep
) -> FurnitureJob:
    record = save_job(session, area, job)
    session.commit()
    return record


@router.post("/api/furniture-jobs/import", response_model=list[FurnitureJobOut])
def import_jobs_csv(
    file: Annotated[UploadFile, File(description="CSV with " + ", ".join(CSV_COLUMNS))],
    session: SessionDep,
    area: AreaDep,
    _dispatcher: DispatcherDep,
) -> list[FurnitureJob]:
    """Load jobs from a CSV; nothing is stored unless every row is valid."""
    reader = csv.DictReader(io.StringIO(file.file.read().decode("utf-8-sig")))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"The furniture CSV lacks the columns {', '.join(missing)}.")
    jobs = []
    for line, row in enumerate(reader, start=2):
        try:
            job_in = FurnitureJobIn.model_validate({k: v for k, v in row.items() if v})
        except ValueError as error:
            raise InputError(f"Furniture CSV line {line}: {error}") from error
        jobs.append(save_job(session, area, job_in))
    session.commit()
    return jobs


@router.post("/api/furniture-jobs/{reference}/location", response_model=FurnitureJobOut)
def fix_job_location(
    reference: str, fix: LocationFix, session: SessionDep, area: AreaDep,
    _dispatcher: DispatcherDep,
) -> FurnitureJob:  # fmt: skip
    """The dispatcher places a furniture job's address with a pin; then re-plan."""
    job = session.exec(select(FurnitureJob).where(FurnitureJob.reference == reference)).first()
    if job is None:
        raise NotFoundError(f"No furniture job {reference!r}.")
    job.lat, job.lon, job.geocode_precision = resolve_fix(fix, [], area)
    job.geocode_status, job.geocode_reason = "located", "Placed by the dispatcher."
    if job.status == "needs_review":
        job.status, job.status_reason = "received", None
    session.add(job)
    session.commit()
    return job


def save_job(session: Session, area: AreaServices, job: FurnitureJobIn) -> FurnitureJob:
    if session.get(Depot, job.depot_id) is None:
        raise InputError(f"Unknown depot {job.depot_id!r}.", field="depot_id")
    placement = place_address(
        area, street=job.street, house_number=job.house_number,
        postcode=job.postcode, municipality=job.municipality,
    )  # fmt: skip
    if placement.status == "outside_area":
        raise InputError(f"{job.reference}: outside the delivery area: {placement.reason}")
    record = session.exec(
        select(FurnitureJob).where(FurnitureJob.reference == job.reference)
    ).first() or FurnitureJob(reference=job.reference, kind=job.kind, job_date=job.job_date,
                              depot_id=job.depot_id, customer_name=job.customer_name,
                              street=job.street, house_number=job.house_number,
                              postcode=job.postcode, municipality=job.municipality,
                              volume_litres=job.volume_litres, weight_grams=0)  # fmt: skip
    data = job.model_dump(exclude={"weight_kg", "service_minutes"})
    for key, value in data.items():
        setattr(record, key, value)
    record.weight_grams = round(job.weight_kg * 1000)
    record.service_seconds = job.service_minutes * 60
    record.lat, record.lon = placement.lat, placement.lon
    record.geocode_status, record.geocode_precision = placement.status, placement.precision
    record.geocode_reason = placement.reason
    needs_review = placement.status == "needs_review"
    record.status = "needs_review" if needs_review else "received"
    record.status_reason = placement.reason if needs_review else None
    session.add(record)
    session.flush()
    return record
