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
    # A started request whose worker has not renewed its lease for this long is failed as interrupted (a worker
    # process on the same host that is gone is noticed at once); workers renew every request_heartbeat_s.
    request_lease_s: float = Field(default=30.0, gt=0)
    request_heartbeat_s: float = Field(default=5.0, gt=0)
    session_days: int = 14
    # argon2 cost; the defaults are argon2-cffi's recommended profile.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    default_page_size: int = 10
    max_page_size: int = 1000

    share_dir: Path | None = Field(default=None, description="Server share for `server_files`; defaults to data_dir/share")
    cache_size_bytes: int = Field(default=4 * 2**30, description="Size bound of the chunk cache")
    upload_max_bytes: int = Field(default=100 * 2**30, description="Largest single uploaded file")
    chunk_workers: int = Field(default=0, description="Processes that build chunks; 0 = one per core")
    # A larger frame's compressed version is halved until it fits (a JPEG is decoded at that scale), so
    # it costs at most 256 MiB to decode here and to hold in the browser; originals keep every pixel.
    compressed_max_pixels: int = Field(default=8192 * 8192, gt=0,
                                       description="Largest compressed frame, in pixels (larger ones are halved)")
    # remote_files downloads: private addresses are refused (SSRF) unless explicitly allowed.
    remote_allow_private: bool = False
    remote_max_file_bytes: int = Field(default=10 * 2**30, description="Largest single remote file")
    remote_max_total_bytes: int = Field(default=20 * 2**30, description="Largest total of one task's remote files")
    remote_timeout_s: float = Field(default=30.0, description="Limit on each network operation of a download")
    # A server that trickles bytes never lets remote_timeout_s expire: these bound the time of a task's downloads.
    remote_total_timeout_s: float = Field(default=3600.0, gt=0, description="Limit on all of one task's downloads")
    remote_min_bytes_per_s: float = Field(
        default=10240.0, ge=0, description="Slowest average of a file's transfer over each rate window (0: none)"
    )
    remote_rate_window_s: float = Field(
        default=30.0, gt=0, description="Window of the minimum rate; a file that arrives within the first is not judged"
    )
    remote_download_threads: int = Field(
        default=8, ge=1, description="Tasks a process downloads files for at once, in threads besides the queue's workers"
    )
    # Archive extraction limits; the ratio guards against zip bombs.
    archive_max_ratio: int = 100
    archive_max_total_bytes: int = 20 * 2**30
    archive_max_members: int = 200_000

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'contour.db').resolve()}"

    @property
    def resolved_share_dir(self) -> Path:
        return self.share_dir if self.share_dir is not None else self.data_dir / "share"

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
