"""Builds Neo4j drivers from the settings: one place that knows how to connect."""

from __future__ import annotations

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    Driver,
    GraphDatabase,
    NotificationMinimumSeverity,
)
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from entente.config import Settings
from entente.errors import GraphUnavailableError

# Every statement sent through these drivers is fixed and reviewed: server notifications
# would only be noise. They are not harmless noise either: a plan cached before a
# property key existed (the loader's skip check on a fresh database) repeats its
# "unknown property key" warning on every batch, and the driver logs each one.
QUIET = NotificationMinimumSeverity.OFF


def driver(settings: Settings) -> Driver:
    """A synchronous driver (command line, loader); the caller owns it and closes it."""
    return GraphDatabase.driver(
        settings.neo4j_uri, auth=settings.neo4j_auth, notifications_min_severity=QUIET,
    )


def unavailable_reason(settings: Settings, exc: BaseException) -> str | None:
    """What a person should read when `exc` means Neo4j is out of reach, else None."""
    if isinstance(exc, AuthError):
        return (f"Neo4j at {settings.neo4j_uri} does not accept the password configured for "
                f"user {settings.neo4j_user!r} (ENTENTE_NEO4J_PASSWORD)")
    if isinstance(exc, ServiceUnavailable | OSError) or (
            isinstance(exc, DriverError) and not isinstance(exc, Neo4jError)):
        return (f"Neo4j cannot be reached at {settings.neo4j_uri}: start it with "
                "`entente neo4j start` (or `entente up`), or set ENTENTE_NEO4J_URI")
    return None


def connect(settings: Settings) -> Driver:
    """A synchronous driver checked to reach Neo4j with the configured credentials.

    Without the check, the first managed transaction on a server that is down retries
    for the driver's 30 s before it fails; the command line must say so at once.
    """
    drv = driver(settings)
    try:
        drv.verify_connectivity()
    except (DriverError, Neo4jError, OSError) as exc:
        drv.close()
        reason = unavailable_reason(settings, exc)
        if reason is None:
            raise
        raise GraphUnavailableError(reason) from exc
    return drv


def worker_driver(settings: Settings) -> Driver:
    """The synchronous driver of an ingest worker: a short retry window, beyond which
    the queue's own backoff takes over."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=settings.neo4j_auth,
        max_transaction_retry_time=5.0,
        connection_acquisition_timeout=20.0,
        notifications_min_severity=QUIET,
    )


def async_driver(settings: Settings) -> AsyncDriver:
    """The asynchronous driver of the API, opened once in the app's lifespan.

    It gives up quickly: a managed transaction retries an unreachable database
    for `api_retry_time` seconds (the driver's default is 30) before the API
    answers 503, and connecting gives up after a few seconds.
    """
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=settings.neo4j_auth,
        max_connection_pool_size=64,
        max_transaction_retry_time=settings.api_retry_time,
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        notifications_min_severity=QUIET,
    )
