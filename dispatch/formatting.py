"""Belgian screen formats: "vr 4 dec. 2026", "14:20", "12,5 km", "€ 3,40"."""

from __future__ import annotations

from datetime import date

_DAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
_DAYS_LONG = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
_MONTHS = [
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
]
_MONTHS_LONG = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


def format_date(day: date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date_long(day: date) -> str:
    return f"{_DAYS_LONG[day.weekday()]} {day.day} {_MONTHS_LONG[day.month - 1]}"


def format_time(seconds_after_midnight: int | None) -> str:
    if seconds_after_midnight is None:
        return "–"
    minutes = round(seconds_after_midnight / 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_duration(seconds: int) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} u {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


def format_km(metres: int) -> str:
    return f"{metres / 1000:.1f}".replace(".", ",") + " km"


def format_money(euros: float) -> str:
    return "€ " + f"{euros:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
