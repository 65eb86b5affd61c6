"""Jinja2 templates with the Belgian (nl-BE) formats the screens use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.templating import Jinja2Templates

from dispatch.formatting import format_date_long, format_km, format_money, format_time

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.filters["hhmm"] = format_time
templates.env.filters["km"] = format_km
templates.env.filters["eur"] = format_money
templates.env.filters["datum"] = format_date_long
templates.env.globals["today"] = date.today
