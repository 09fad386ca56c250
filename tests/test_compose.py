"""docker-compose.yml is valid for Docker Compose (checked without a Docker engine)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO


def test_compose_file_is_valid() -> None:
    exe = shutil.which("docker-compose")
    if exe is None:
        pytest.fail("docker-compose is not installed (make install provides it)")
    done = subprocess.run([exe, "-f", str(REPO / "docker-compose.yml"), "config", "-q"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr


def test_compose_services_share_the_settings() -> None:
    exe = shutil.which("docker-compose")
    if exe is None:
        pytest.fail("docker-compose is not installed (make install provides it)")
    done = subprocess.run([exe, "-f", str(REPO / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, cwd=REPO, timeout=60, check=True)
    config = done.stdout
    assert "neo4j:5.26-community" in config
    for var in ("ENTENTE_NEO4J_URI", "ENTENTE_NEO4J_PASSWORD", "ENTENTE_NEO4J_DATABASE"):
        assert config.count(var) >= 2, f"{var} is not given to both the api and the worker"
