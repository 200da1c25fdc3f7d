"""Settings from the environment (12-factor): DATABASE_URL, SECRET_KEY, ENV, pool sizes, matching weights."""
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.matching.engine import Weights

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'mekong.db'}"
    secret_key: str = DEFAULT_SECRET_KEY
    db_pool_size: int = 5
    db_max_overflow: int = 10
    session_max_age_s: int = 14 * 24 * 3600
    token_max_age_s: int = 24 * 3600
    # Request bodies above this are refused with 413 before being read whole (no form needs 1 MiB).
    max_body_bytes: int = 1024 * 1024
    # Failed logins allowed in the window, per account and per client address.
    login_window_s: int = 15 * 60
    login_max_failures_per_account: int = 5
    login_max_failures_per_ip: int = 20
    # Default matching weights, e.g. MATCH_WEIGHTS='{"sector": 0.5, "text": 0}'; names not given keep
    # the engine's defaults (sector 0.40, corridor 0.25, deal 0.25, text 0.10). Forums may override.
    match_weights: dict[str, float] = {}
    # Outgoing mail for meeting changes; without SMTP_HOST messages wait in the organizers' outbox.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "Mekong Match <no-reply@mekong-match.example>"
    smtp_starttls: bool = True

    @model_validator(mode="after")
    def refuse_default_key_in_production(self) -> "Settings":
        if self.env == "production" and self.secret_key == DEFAULT_SECRET_KEY:
            raise ValueError("SECRET_KEY must be set to a random value when ENV=production")
        return self

    @field_validator("match_weights")
    @classmethod
    def known_weights(cls, value: dict[str, float]) -> dict[str, float]:
        Weights.from_mapping(value)  # unknown names, values outside 0–1 or all zero: refuse to start
        return value

    @cached_property  # read for every pair explained on a page
    def weights(self) -> Weights:
        return Weights.from_mapping(self.match_weights)

    @property
    def is_development(self) -> bool:
        return self.env != "production"


@lru_cache
def get_settings() -> Settings:
    return Settings()
