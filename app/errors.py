"""One error shape for every failure: `{"error": {"code", "message", "detail"}}`.

Routes raise `ApiError` (or a child); the handlers here turn it, request
validation errors, unknown routes, an unreachable Neo4j and anything
unexpected into that shape. A 500 never carries a stack trace: the trace goes
to the log only.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from entente.errors import EntenteError

log = logging.getLogger("entente.api")


class ErrorBody(BaseModel):
    code: str = Field(description="stable machine-readable code", examples=["not_found"])
    message: str = Field(description="what went wrong, for people")
    detail: Any = Field(default=None, description="more about it: offending parameters, ...")


class ErrorResponse(BaseModel):
    """The shape of every error reply."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"error": {"code": "not_found", "message": "unknown actor",
                           "detail": {"key": "XXX"}}}
            ]
        }
    )

    error: ErrorBody


class ApiError(EntenteError):
    """An error the API reports on purpose, with its status and code."""

    status = 400
    code = "bad_request"

    def __init__(
        self, message: str, detail: Any = None, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.headers = headers or {}


class NotFound(ApiError):
    status = 404
    code = "not_found"


class InvalidParameter(ApiError):
    status = 422
    code = "invalid_parameter"


class Unauthorized(ApiError):
    status = 401
    code = "unauthorized"


class Forbidden(ApiError):
    status = 403
    code = "forbidden"


class Unavailable(ApiError):
    status = 503
    code = "unavailable"


class TooLarge(ApiError):
    status = 413
    code = "too_large"


class InvalidArticles(ApiError):
    status = 422
    code = "invalid_articles"


_STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
    415: "unsupported_media_type", 422: "invalid_parameter", 429: "too_many_requests",
}


def error_response(
    status: int, code: str, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, detail=detail))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _retry_after(request: Request) -> dict[str, str]:
    settings = getattr(request.app.state, "settings", None)
    return {"Retry-After": str(settings.api_retry_after if settings else 5)}


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = dict(exc.headers)
    if exc.status == 503:
        headers.setdefault("Retry-After", _retry_after(request)["Retry-After"])
    if exc.status == 401:
        headers.setdefault("WWW-Authenticate", "ApiKey")
    return error_response(exc.status, exc.code, exc.message, exc.detail, headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
         "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    return error_response(422, "invalid_parameter", "invalid request parameters", detail)


def _allowed_methods(request: Request) -> str:
    """Every method the API takes on this path: Starlette's own `Allow` names only
    the first route's (`/v1/articles` is GET in one router, POST in another). Read from
    the OpenAPI paths, the one public list of every route with its methods."""
    path = request.url.path
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if compile_path(template)[0].match(path):
            methods |= {m.upper() for m in operations if m.upper() in _HTTP_METHODS}
    return ", ".join(sorted(methods))


_HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = "no such resource"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    return error_response(exc.status_code, code, message, None, headers)


def _refused_credentials(exc: Exception) -> bool:
    """A wrong password, or the lock Neo4j puts on a user after too many of them."""
    code = getattr(exc, "code", None) or ""
    return isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security.")


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("Neo4j unavailable: %s", exc)
    if _refused_credentials(exc):
        return error_response(
            503, "unavailable",
            "the graph database refuses the API's credentials: check the configured "
            "Neo4j user and password (ENTENTE_NEO4J_USER, ENTENTE_NEO4J_PASSWORD)",
            {"reason": "neo4j_authentication"}, _retry_after(request))
    return error_response(
        503, "unavailable", "the graph database cannot be reached; try again later",
        None, _retry_after(request),
    )


async def _neo4j_client_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ClientError)
    if _refused_credentials(exc):
        return await _unavailable(request, exc)
    if exc.code and "TransactionTimedOut" in exc.code:
        return error_response(
            503, "query_timeout", "the query took too long; narrow it or try again later",
            None, _retry_after(request),
        )
    return await _internal(request, exc)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal", "internal error", None)


def install(app: FastAPI) -> None:
    """Register the handlers: the one place that turns exceptions into replies."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for exc in (ServiceUnavailable, SessionExpired, TransientError, AuthError):
        app.add_exception_handler(exc, _unavailable)
    app.add_exception_handler(ClientError, _neo4j_client_error)
    app.add_exception_handler(Exception, _internal)


_ERROR = {"model": ErrorResponse}

# Documented on every route: what any request may meet.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {**_ERROR, "description": "invalid parameters"},
    503: {
        **_ERROR,
        "description": "the graph database cannot be reached (see Retry-After)",
        "headers": {"Retry-After": {"description": "seconds to wait",
                                    "schema": {"type": "integer"}}},
    },
}
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {**_ERROR, "description": "no API key given"},
    403: {**_ERROR, "description": "the API key is not valid"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {**_ERROR, "description": "unknown resource"}}
