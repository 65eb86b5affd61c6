"""Getting a service ready to serve: schema, area data, and a demo day on an empty database."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dispatch.db import migrate
from dispatch.settings import Settings
from dispatch.tables import Van

log = logging.getLogger(__name__)


def import_area_with_progress(source_dir: Path, data_dir: Path, **options: Any) -> Any:
    """Run the geodata import with a progress bar on the terminal."""
    from tqdm import tqdm

    from geodata.importer import import_area

    with tqdm(total=100, unit="%", desc="import", bar_format="{desc}: {bar} {n:.0f}%") as bar:

        def progress(step: str, fraction: float) -> None:
            bar.set_description_str(step)
            bar.update(max(0.0, fraction * 100 - bar.n))

        return import_area(source_dir, data_dir, progress=progress, **options)


def prepare(
    settings: Settings, engine: Engine, *, with_demo: bool, say: Callable[[str], None]
) -> None:
    """Migrate; import area data when present and not yet imported; seed a demo day if empty."""
    migrate(engine)
    say("Database: schema up to date.")
    from geodata.importer import is_imported

    area_dir = settings.area_dir
    if is_imported(area_dir):
        say(f"Area data: already imported ({area_dir.name}/).")
    elif settings.geodata_dir.is_dir():
        say("Area data: importing roads, addresses and boundaries (once)...")
        import_area_with_progress(
            settings.geodata_dir, area_dir, van_speed_factor=settings.van_speed_factor
        )
    else:
        say(
            "Area data: none imported and DISPATCH_GEODATA_DIR not found; "
            "travel times fall back to straight lines."
        )
    if with_demo and _database_is_empty(engine):
        from dispatch.area_services import AreaServices
        from dispatch.demo import seed_demo

        say("Demo: seeding shops, fleet and a day of orders, then planning it...")
        area = AreaServices(area_dir, settings.osrm_url)
        say(str(seed_demo(engine, area, settings, plan=True)))


def _database_is_empty(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.exec(select(Van).limit(1)).first() is None
