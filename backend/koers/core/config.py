"""One settings object for the whole application, read from the environment (prefix-free names).

Every variable is documented in the README's "Configuration" section.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-insecure-secret-change-me-0123456789abcdef"  # noqa: S105 - refused outside development
DEV_DATA_KEY = "ZGV2LWluc2VjdXJlLWRhdGEta2V5LTAxMjM0NTY3ODk="


class Settings(BaseSettings):
    """Application settings.

    Raises ``ValueError`` at start-up when ``KOERS_ENV`` is not ``development`` or ``test`` and a
    default secret is still in place (a production server must never sign tokens with a public key).
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    koers_env: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("data")
    database_url: str = ""
    secret_key: str = DEV_SECRET
    # Fernet key(s) for confidential text at rest, comma-separated: the first encrypts, all decrypt.
    data_encryption_keys: str = DEV_DATA_KEY
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=14, ge=1, le=365)
    redis_url: str | None = None
    login_rate_per_account: str = "10/minute"
    login_rate_per_address: str = "30/minute"
    cors_origins: list[str] = []
    frontend_dist: Path | None = None
    log_level: str = "INFO"
    # Argon2 cost parameters (RFC 9106); lower only for tests.
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536
    import_max_bytes: int = 200 * 1024 * 1024
    import_worker: bool = True

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Settings:
        if self.koers_env == "production":
            if self.secret_key == DEV_SECRET or len(self.secret_key) < 32:
                raise ValueError("SECRET_KEY must be set to a random value of 32+ characters in production")
            if DEV_DATA_KEY in self.data_encryption_keys.split(","):
                raise ValueError("DATA_ENCRYPTION_KEYS must be set to your own Fernet key in production")
        return self

    @property
    def effective_database_url(self) -> str:
        """The SQLAlchemy URL: ``DATABASE_URL`` or a SQLite file under ``DATA_DIR`` (created on demand)."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://") :]
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            return url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'koers.sqlite3').resolve()}"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached; tests clear the cache after changing the environment)."""
    return Settings()
