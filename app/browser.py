"""Neo4j Browser assets: Entente's GraSS style and guide, under /browser/.

The Browser fetches them from its own page (the Neo4j HTTP server's origin), so
these two files answer cross-origin requests from that origin: Neo4j's HTTP port
on this machine's names, plus the configured `api_cors_origins`. The guide's
fetch sends `pragma` and `cache-control` headers, hence a preflight (OPTIONS).

The files are public, read-only and hold no data; they are kept out of the
OpenAPI schema, which documents the data API.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.errors import NotFound
from entente.config import Settings
from graph.server import BROWSER_ASSETS_PATH, GUIDE_FILE, STYLE_FILE, api_url

router = APIRouter(prefix=BROWSER_ASSETS_PATH, include_in_schema=False)

ASSETS = {
    STYLE_FILE.name: (STYLE_FILE, "text/plain; charset=utf-8"),
    GUIDE_FILE.name: (GUIDE_FILE, "text/html; charset=utf-8"),
}
ALLOWED_HEADERS = ("pragma", "cache-control", "content-type")


def browser_origins(settings: Settings) -> set[str]:
    """The origins a Neo4j Browser page of this installation has."""
    hosts = {"127.0.0.1", "localhost", api_url(settings).split("://", 1)[1].rsplit(":", 1)[0]}
    origins = {f"{scheme}://{host}:{settings.neo4j_http_port}"
               for host in hosts for scheme in ("http", "https")}
    return origins | set(settings.api_cors_origins)


def _cors(request: Request, response: Response) -> Response:
    origin = request.headers.get("origin")
    allowed = browser_origins(request.app.state.settings)
    response.headers["Vary"] = "Origin"
    if origin and ("*" in allowed or origin in allowed):
        response.headers["Access-Control-Allow-Origin"] = origin
    return response


def _known(name: str) -> None:
    if name not in ASSETS:
        raise NotFound(f"no Browser asset {name!r}", {"assets": sorted(ASSETS)})


@router.get("/{name}")
async def asset(name: str, request: Request) -> Response:
    _known(name)
    path, media_type = ASSETS[name]
    response = Response(path.read_bytes(), media_type=media_type,
                        headers={"Cache-Control": "no-cache"})
    return _cors(request, response)


@router.options("/{name}")
async def preflight(name: str, request: Request) -> Response:
    _known(name)
    asked = [h.strip().lower() for h in
             request.headers.get("access-control-request-headers", "").split(",") if h.strip()]
    response = Response(status_code=204, headers={
        "Access-Control-Allow-Methods": "GET, OPTIONS",
        "Access-Control-Allow-Headers": ", ".join(h for h in asked if h in ALLOWED_HEADERS),
        "Access-Control-Max-Age": "600",
    })
    return _cors(request, response)
