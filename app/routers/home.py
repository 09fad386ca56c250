"""`/`: where to start, for a person or a client that opens the bare address."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.schemas import API_PREFIX
from entente import __version__

router = APIRouter(tags=["health"])


class Home(BaseModel):
    name: str
    version: str
    docs: str = Field(description="interactive documentation (works offline)")
    redoc: str
    openapi: str = Field(description="the OpenAPI schema")
    api: str = Field(description="prefix of the data API")


@router.get("/", response_model=Home, summary="Where the documentation is")
async def home() -> Home:
    """Links to the interactive docs and the OpenAPI schema."""
    return Home(name="Entente", version=__version__, docs="/docs", redoc="/redoc",
                openapi="/openapi.json", api=API_PREFIX)
