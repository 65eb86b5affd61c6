"""Shops' opening hours: parsed from a short text form and read per date."""

from __future__ import annotations

import re
from datetime import date

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY_NL = {
    "ma": "mon",
    "di": "tue",
    "wo": "wed",
    "do": "thu",
    "vr": "fri",
    "za": "sat",
    "zo": "sun",
}
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")

OpeningHours = dict[str, list[list[str]]]


def parse_opening_hours(text: str) -> OpeningHours:
    """'mon-fri 09:00-12:00,13:30-18:00; sat 09:00-17:00' -> {"mon": [["09:00","12:00"], ...]}.

    Dutch day abbreviations (ma, di, wo, do, vr, za, zo) are accepted too. Raises ValueError with
    the part that could not be read.
    """
    hours: OpeningHours = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        days_text, _, spans_text = part.partition(" ")
        days = _expand_days(days_text.strip().lower())
        spans = []
        for span in filter(None, (s.strip() for s in spans_text.split(","))):
            match = _SPAN.match(span)
            if not match:
                raise ValueError(f"cannot read the opening time {span!r} (use 09:00-12:00)")
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            if (h2, m2) <= (h1, m1) or h2 > 24:
                raise ValueError(f"the opening time {span!r} must end after it starts")
            spans.append([f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"])
        if not spans:
            raise ValueError(f"no opening times given for {days_text!r}")
        for day in days:
            hours[day] = sorted(spans)
    return hours


def _expand_days(text: str) -> list[str]:
    def one(name: str) -> int:
        key = _DAY_NL.get(name[:2], name[:3])
        if key not in DAYS:
            raise ValueError(f"unknown day {name!r} (use mon..sun or ma..zo)")
        return DAYS.index(key)

    result: list[str] = []
    for piece in text.split(","):
        first, _, last = piece.partition("-")
        start = one(first)
        end = one(last) if last else start
        result.extend(DAYS[start : end + 1])
    return result


def spans_on(hours: OpeningHours, day: date) -> list[tuple[str, str]]:
    """The opening spans of a date (empty when closed)."""
    return [(s, e) for s, e in hours.get(DAYS[day.weekday()], [])]


def format_opening_hours(hours: OpeningHours) -> str:
    return "; ".join(
        f"{day} " + ",".join(f"{s}-{e}" for s, e in spans)
        for day, spans in sorted(hours.items(), key=lambda kv: DAYS.index(kv[0]))
    )
