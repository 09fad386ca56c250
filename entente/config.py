"""One settings object for the whole service, read from the environment and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(user_data_dir("entente", appauthor=False))


class Settings(BaseSettings):
    """Every knob of Entente. Environment variables are prefixed `ENTENTE_`."""

    model_config = SettingsConfigDict(
        env_prefix="ENTENTE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Neo4j connection. The defaults point at the server `entente neo4j start` manages;
    # a neo4j+s:// URI (cluster, Aura) works unchanged through the driver's routing.
    neo4j_uri: str = "neo4j://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("entente-dev-password")
    neo4j_database: str = "neo4j"

    # Where the managed server lives (jars, conf, data, logs).
    data_dir: Path = Field(default_factory=_default_data_dir)

    # The managed server's ports and memory, sized for a small machine.
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "512m"
    neo4j_pagecache: str = "256m"
    neo4j_start_timeout: float = 120.0

    # The HTTP API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000

    @property
    def neo4j_home(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def neo4j_auth(self) -> tuple[str, str]:
        return (self.neo4j_user, self.neo4j_password.get_secret_value())


@lru_cache
def get_settings() -> Settings:
    return Settings()
