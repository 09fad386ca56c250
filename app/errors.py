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


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = "no such resource"
    return error_response(exc.status_code, code, message, None, dict(exc.headers or {}))


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("Neo4j unavailable: %s", exc)
    return error_response(
        503, "unavailable", "the graph database cannot be reached; try again later",
        None, _retry_after(request),
    )


async def _neo4j_client_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ClientError)
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
