"""Settings: environment (INCIDENTS_*) and defaults.  Nothing connects at import."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INCIDENTS_", extra="ignore")

    data_dir: Path = DEFAULT_DATA_DIR
    # Empty means the embedded SQLite file under data_dir.
    db_url: str = ""
    # Permalinks in exports and citations: f"{base_url}?id={public_id}".
    base_url: str = "http://localhost:8501/"
    # Directory for derived caches (gazetteer index, online-geocoder answers).
    cache_dir: Path | None = None
    # Optional online geocoder (geopy); off by default: the gazetteer is offline.
    online_geocoder: str = ""  # e.g. "nominatim"
    geocoder_user_agent: str = "incidents-db"
    geocoder_min_delay_seconds: float = Field(default=1.0, ge=0)
    # Editor mode password (Streamlit secrets take precedence in the app).
    editor_password: str = ""

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.data_dir / 'incidents.db'}"

    @property
    def cache_path(self) -> Path:
        return self.cache_dir or (self.data_dir / "cache")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
