"""Typed settings read from CONTOUR_* environment variables; the only place that reads os.environ."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONTOUR_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Database, media and cache live here")
    database_url: str | None = Field(default=None, description="Defaults to SQLite in data_dir")
    redis_url: str | None = Field(
        default=None, description="When set, the queue lives in Redis and `contour worker` runs jobs"
    )
    host: str = "127.0.0.1"
    port: int = 8080
    web_dist: Path | None = Field(default=None, description="Built web app; defaults to web/dist")
    # In-process queue consumers (embedded mode only).
    embedded_workers: int = 2
    session_days: int = 14
    # argon2 cost; the defaults are argon2-cffi's recommended profile.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    default_page_size: int = 10
    max_page_size: int = 1000

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'contour.db').resolve()}"

    @property
    def resolved_web_dist(self) -> Path:
        if self.web_dist is not None:
            return self.web_dist
        return Path(__file__).resolve().parent.parent / "web" / "dist"


@lru_cache
def get_settings() -> Settings:
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings
