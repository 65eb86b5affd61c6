"""One settings object for the whole service, read from DISPATCH_* environment variables or .env."""

from __future__ import annotations

from datetime import time
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "change-me"


class Settings(BaseSettings):
    """Configuration of one running service; see .env.example for each variable."""

    model_config = SettingsConfigDict(env_prefix="DISPATCH_", env_file=".env", extra="ignore")

    environment: str = Field("development", description="development, test or production")
    database_url: str = Field(
        "", description="SQLAlchemy URL; empty means the SQLite file under var/"
    )
    data_dir: Path = Field(
        PROJECT_ROOT / "var", description="where imported area data and the DB live"
    )
    geodata_dir: Path = Field(
        PROJECT_ROOT.parent / "shared" / "geodata",
        description="source files for `dispatch import` (OSM, address register, boundaries)",
    )
    osrm_url: str | None = Field(
        None, description="an osrm-routed server to use instead of in-process"
    )
    van_speed_factor: float = Field(0.9, gt=0.1, le=1.5, description="van speed relative to a car")
    timezone: str = "Europe/Brussels"
    webhook_secret: str = PLACEHOLDER
    platform_api_token: str = PLACEHOLDER
    dispatcher_username: str = "dispatcher"
    dispatcher_password_hash: str = Field(
        "", description="argon2 hash (`dispatch hash-password`); empty only in development"
    )
    dispatcher_password: str = Field(
        PLACEHOLDER, description="plain password, development only; production needs the hash"
    )
    session_secret: str = PLACEHOLDER
    solver_time_limit: float = Field(10.0, gt=0, description="seconds per planning run")
    solve_in_subprocess: bool = Field(True, description="keep the web server responsive")
    slots: str = Field("13:00-15:00,15:00-17:00,17:00-19:00", description="delivery slots")
    delivery_days: str = Field("mon,tue,wed,thu,fri,sat", description="weekdays served")
    delivery_service_seconds: int = Field(240, ge=0, description="at the customer's door")
    default_item_litres: float = Field(2.0, ge=0, description="an item without a volume")
    default_item_kg: float = Field(0.5, ge=0, description="an item without a weight")
    public_base_url: str = "http://127.0.0.1:8000"
    map_tiles_url: str | None = Field(
        None, description="XYZ tile URL for the map background; none: boundaries and main roads"
    )
    map_tiles_attribution: str | None = Field(
        None, description="the credit the tile source requires, shown on the map"
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (KeyError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (e.g. Europe/Brussels)") from error
        return value

    @model_validator(mode="after")
    def _no_placeholders_outside_development(self) -> Settings:
        if self.environment in ("development", "test"):
            return self
        placeholders = [
            name
            for name in ("webhook_secret", "platform_api_token", "session_secret")
            if getattr(self, name) == PLACEHOLDER
        ]
        if not self.dispatcher_password_hash:
            placeholders.append("dispatcher_password_hash")
        if placeholders:
            raise ValueError(
                "refusing to start in "
                f"{self.environment!r} with placeholder secrets: set DISPATCH_"
                + ", DISPATCH_".join(p.upper() for p in placeholders)
            )
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def area_dir(self) -> Path:
        """Where `dispatch import` keeps the area data (roads, addresses, boundaries)."""
        return self.data_dir / "geodata"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'dispatch.sqlite3'}"

    @property
    def delivery_weekdays(self) -> set[int]:
        """Served weekdays as numbers, Monday = 0."""
        names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        return {names.index(d.strip()[:3].lower()) for d in self.delivery_days.split(",")}

    @property
    def slot_windows(self) -> list[tuple[time, time]]:
        """The configured delivery slots as (start, end) local times."""
        windows = []
        for part in self.slots.split(","):
            start, end = part.strip().split("-")
            windows.append((time.fromisoformat(start), time.fromisoformat(end)))
        return windows


@lru_cache
def get_settings() -> Settings:
    return Settings()
