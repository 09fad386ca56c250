"""One settings object for the whole service, read from the environment and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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

    # The managed server's jar cache; defaults to <data_dir>/neo4j-dist. Several data
    # directories (tests, benchmarks) can share one cache.
    neo4j_dist_dir: Path | None = None

    # The managed server's ports and memory, sized for a small machine.
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "512m"
    neo4j_pagecache: str = "256m"
    neo4j_start_timeout: float = 120.0

    # The HTTP API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    # Server processes for `entente serve`; two use both cores of a small machine.
    api_processes: int = Field(default=1, ge=1)
    # Keys accepted in the `X-API-Key` header, comma-separated in ENTENTE_API_KEYS.
    # Every write needs one; with no key configured, writes are refused.
    api_keys: Annotated[tuple[SecretStr, ...], NoDecode] = ()
    # Reads are open to anyone by default; false makes them need a key too.
    api_reads_open: bool = True
    # Origins allowed by CORS, comma-separated ("*" for any); none by default.
    api_cors_origins: Annotated[tuple[str, ...], NoDecode] = ()
    # How long one API query may run in Neo4j, and how long the driver keeps
    # retrying a transaction when the database is unreachable, in seconds.
    api_query_timeout: float = Field(default=15.0, gt=0)
    api_retry_time: float = Field(default=3.0, ge=0)
    # The Retry-After (seconds) sent with a 503 when Neo4j cannot be reached.
    api_retry_after: int = Field(default=5, ge=1)
    # Largest request body (POST /v1/articles) in bytes: a longer one is answered 413
    # before it is read (a batch is at most 1000 articles).
    api_max_body_bytes: int = Field(default=32_000_000, ge=1)
    # Cap on `max_hops` of /v1/paths and on `depth` of /v1/graph.
    api_max_hops: int = Field(default=4, ge=1, le=6)
    api_max_depth: int = Field(default=3, ge=1, le=4)
    # Query results and replies each API worker keeps (0: none; replies are kept only
    # while reads are open). A cached result is dropped when
    # the graph changes (its ingest stamp is checked every `api_cache_check` seconds,
    # so an answer lags an ingest by at most that) and in any case after `api_cache_ttl`.
    api_cache_size: int = Field(default=2048, ge=0)
    api_cache_ttl: float = Field(default=300.0, gt=0)
    api_cache_check: float = Field(default=1.0, gt=0)
    # Have Neo4j plan the common statements at start-up (planning one takes up to seconds).
    api_warm_up: bool = True

    # The ingest queue (Huey) and its job ledger: a SQLite file path or sqlite:///path
    # (default <data_dir>/queue/queue.db: embedded, durable, no extra service), or a
    # redis://host:port/db URL so that workers on several machines share the load.
    queue_url: str | None = None
    # An article's text over this many bytes (UTF-8) is refused.
    ingest_max_article_bytes: int = Field(default=1_000_000, ge=1)
    # Articles per queue task: a worker extracts a chunk and loads it in one transaction.
    ingest_chunk_size: int = Field(default=100, ge=1, le=5000)
    # Attempts of a chunk when Neo4j cannot be reached, with exponential backoff
    # (base * 2^(attempt-1) seconds, at most ingest_retry_max_delay); then `failed`.
    ingest_retries: int = Field(default=6, ge=0)
    ingest_retry_backoff: float = Field(default=2.0, gt=0)
    ingest_retry_max_delay: float = Field(default=120.0, gt=0)
    # A worker holds a lease on the chunk it processes and renews it (heartbeat); a lease
    # not renewed for this long means the worker died and the chunk is queued again.
    ingest_lease_seconds: float = Field(default=30.0, gt=0)
    # How often each worker looks for expired leases and lost tasks.
    ingest_sweep_interval: float = Field(default=10.0, gt=0)
    # A chunk whose worker died this many times is `failed` (a poison article), not retried.
    ingest_max_deaths: int = Field(default=3, ge=1)
    # Worker processes `entente worker` and `entente up` start.
    worker_concurrency: int = Field(default=2, ge=1)

    @field_validator("api_keys", "api_cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return value

    @property
    def neo4j_home(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def queue_location(self) -> str:
        """The queue URL with the default filled in: sqlite:///<path> or redis://..."""
        url = self.queue_url or str(self.data_dir / "queue" / "queue.db")
        return url if "://" in url else f"sqlite:///{url}"

    @property
    def neo4j_auth(self) -> tuple[str, str]:
        return (self.neo4j_user, self.neo4j_password.get_secret_value())


@lru_cache
def get_settings() -> Settings:
    return Settings()
