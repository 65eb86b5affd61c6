"""Which dates are served and the order cutoff: placed before local midnight, next working day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dispatch.settings import Settings


def local_date(moment: datetime, settings: Settings) -> date:
    """The calendar date at Spoor2 (Europe/Brussels, daylight saving included) of a moment."""
    return moment.astimezone(settings.tz).date()


def is_served_day(day: date, settings: Settings) -> bool:
    return day.weekday() in settings.delivery_weekdays


def next_served_day(after: date, settings: Settings) -> date:
    day = after + timedelta(days=1)
    while not is_served_day(day, settings):
        day += timedelta(days=1)
    return day


def earliest_delivery_date(placed_at: datetime, settings: Settings) -> date:
    """An order placed on local day D is for the first served day after D."""
    return next_served_day(local_date(placed_at, settings), settings)


def order_deadline(day: date, settings: Settings) -> datetime:
    """The first moment too late to order for `day`: local midnight at its start."""
    return datetime.combine(day, time(0, 0), tzinfo=settings.tz)


def seconds_after_midnight(hh_mm: str) -> int:
    """'13:30' -> 48600, the time unit of plans and of `routing/`."""
    hours, minutes = hh_mm.split(":")
    return int(hours) * 3600 + int(minutes) * 60
