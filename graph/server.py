"""Runs a real Neo4j Community server on this machine: no Docker, no neo4j.com.

Neo4j's tarball is not on Maven Central, but every jar in its lib/ is. `ensure_jars`
has Maven copy the jar set pinned in `graph/server/pom.xml` (the same dependencies the
official distribution is assembled from, plus Neo4j Browser) into a cache under
`data_dir/neo4j-dist/<version>/lib`, once. `start` then lays out a Neo4j home at
`settings.neo4j_home` (conf/, data/, logs/, run/, plugins/, import/), writes its
configuration, sets the initial password on a new database, and launches
`org.neo4j.server.CommunityEntryPoint` with the JVM flags the official `neo4j`
launcher would pass, detached from the caller, until Bolt answers. `stop` shuts it
down cleanly; the data stays in the home for the next start.

    st = start(settings)   # ServerStatus(running=True, pid=..., bolt_uri=..., browser_url=...)
    status(settings)
    stop(settings)
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from entente.config import Settings
from entente.errors import ConfigurationError, ServerError

POM = Path(__file__).resolve().parent / "server" / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
HOST = "127.0.0.1"
MIN_JAVA = 17
MARKER = "COMPLETE"  # in the dist dir: pom digest, then one jar name per line
LOG_TAIL_LINES = 40

# The JVM flags of the neo4j.conf that ships with Neo4j 5.26 (`server.jvm.additional`),
# which its `neo4j` launcher puts on the server's command line, plus -XX:+ExitOnOutOfMemoryError
# so that a managed server that runs out of heap exits (and `status` says so) instead of limping.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
)

# log4j2 configurations (Neo4j 5 reads them from server.logs.config / server.logs.user.config).
# `${config:...}` is resolved by Neo4j; `$${...}` defers the lookup to roll-over time.
SERVER_LOGS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by Entente (graph/server.py) on every start: edits here are lost. -->
<Configuration status="ERROR" packages="org.neo4j.logging.log4j">
  <Appenders>
    <RollingRandomAccessFile name="DebugLog" fileName="${config:server.directories.logs}/debug.log"
        filePattern="$${config:server.directories.logs}/debug.log.%02i">
      <Neo4jDebugLogLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p [%c{1.}] %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
    <RollingRandomAccessFile name="HttpLog" fileName="${config:server.directories.logs}/http.log"
        filePattern="$${config:server.directories.logs}/http.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="2"/>
    </RollingRandomAccessFile>
    <RollingRandomAccessFile name="QueryLog" fileName="${config:server.directories.logs}/query.log"
        filePattern="$${config:server.directories.logs}/query.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="2"/>
    </RollingRandomAccessFile>
    <RollingRandomAccessFile name="SecurityLog"
        fileName="${config:server.directories.logs}/security.log"
        filePattern="$${config:server.directories.logs}/security.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="2"/>
    </RollingRandomAccessFile>
  </Appenders>
  <Loggers>
    <Logger name="HttpLogger" level="INFO" additivity="false">
      <AppenderRef ref="HttpLog"/>
    </Logger>
    <Logger name="QueryLogger" level="INFO" additivity="false">
      <AppenderRef ref="QueryLog"/>
    </Logger>
    <Logger name="SecurityLogger" level="INFO" additivity="false">
      <AppenderRef ref="SecurityLog"/>
    </Logger>
    <Root level="INFO"><AppenderRef ref="DebugLog"/></Root>
  </Loggers>
</Configuration>
"""

USER_LOGS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by Entente (graph/server.py) on every start: edits here are lost. -->
<Configuration status="ERROR" packages="org.neo4j.logging.log4j">
  <Appenders>
    <RollingRandomAccessFile name="Neo4jLog" fileName="${config:server.directories.logs}/neo4j.log"
        filePattern="$${config:server.directories.logs}/neo4j.log.%02i">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy fileIndex="min" max="3"/>
    </RollingRandomAccessFile>
    <Console name="ConsoleAppender" target="SYSTEM_OUT">
      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="INFO">
      <AppenderRef ref="Neo4jLog"/>
      <AppenderRef ref="ConsoleAppender"/>
    </Root>
  </Loggers>
</Configuration>
"""

_SIZE = re.compile(r"^\d+[kKmMgG]?$")
_CONF_KEY = re.compile(r"^[A-Za-z0-9_.\-]+$")

# Servers this process started: kept so that they can be reaped (no zombies, no warnings).
_children: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class ServerStatus:
    """Whether the managed server runs, and where to reach it."""

    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    home: Path


# -- paths ----------------------------------------------------------------------


def neo4j_version() -> str:
    """The Neo4j version pinned in graph/server/pom.xml (its `neo4j.version` property)."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    try:
        node = ET.parse(POM).find("m:properties/m:neo4j.version", ns)
    except (OSError, ET.ParseError) as exc:
        raise ServerError(f"cannot read the Neo4j jar list {POM}: {exc}") from exc
    if node is None or not (node.text or "").strip():
        raise ServerError(f"{POM} has no <neo4j.version> property")
    return (node.text or "").strip()


def dist_dir(settings: Settings) -> Path:
    """The jar cache of the pinned version: <neo4j_dist_dir or data_dir/neo4j-dist>/<version>."""
    return (settings.neo4j_dist_dir or settings.data_dir / "neo4j-dist") / neo4j_version()


def lib_dir(settings: Settings) -> Path:
    return dist_dir(settings) / "lib"


def _pid_file(settings: Settings) -> Path:
    return settings.neo4j_home / "run" / "neo4j.pid"


def _console_log(settings: Settings) -> Path:
    return settings.neo4j_home / "logs" / "console.log"


def bolt_uri(settings: Settings) -> str:
    return f"bolt://{HOST}:{settings.neo4j_bolt_port}"


def browser_url(settings: Settings) -> str:
    return f"http://{HOST}:{settings.neo4j_http_port}/browser/"


# -- tools ----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _java() -> str:
    """The java binary ($JAVA_HOME first), checked to be Java 17 or newer."""
    home = os.environ.get("JAVA_HOME")
    in_home = Path(home) / "bin" / "java" if home else None
    java = str(in_home) if in_home and in_home.is_file() else shutil.which("java")
    if not java:
        raise ServerError(
            "Java is not installed: Neo4j 5 needs Java 17 or 21 "
            "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless)"
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    major = int(found.group(1)) if found else 0
    if major == 1 and found and found.group(2):  # "1.8.0_..." style
        major = int(found.group(2))
    if major < MIN_JAVA:
        raise ServerError(
            f"{java} is Java {major or '?'}, Neo4j 5 needs Java {MIN_JAVA} or 21 "
            "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless, or set JAVA_HOME)"
        )
    return java


def _mvn() -> str:
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            "Maven is not installed: it fetches the Neo4j jars from Maven Central once "
            "(Debian/Ubuntu: apt-get install maven)"
        )
    return mvn


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"({path} is missing)"
    return "\n".join(text.splitlines()[-lines:]) or f"({path} is empty)"


# -- jars -----------------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path`, so two processes never fill one cache at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _cache_complete(dist: Path) -> bool:
    """True when the marker names this pom and every jar it lists is there."""
    try:
        digest, *jars = (dist / MARKER).read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return False
    lib = dist / "lib"
    return digest == _pom_digest() and bool(jars) and all((lib / j).is_file() for j in jars)


def _check_jars(lib: Path, version: str) -> list[str]:
    jars = sorted(p.name for p in lib.glob("*.jar"))
    needed = [f"{name}-{version}.jar" for name in ("neo4j", "neo4j-server", "neo4j-command-line")]
    missing = [j for j in needed if j not in jars]
    if not any(j.startswith("neo4j-browser-") for j in jars):
        missing.append("neo4j-browser-*.jar")
    if missing:
        raise ServerError(f"Maven finished but {lib} lacks {', '.join(missing)}")
    return jars


def ensure_jars(settings: Settings) -> Path:
    """The lib dir of the pinned Neo4j, filled by Maven on first use; no network after that."""
    dist = dist_dir(settings)
    lib = dist / "lib"
    if _cache_complete(dist):
        return lib
    with _locked(dist / ".lock"):
        if _cache_complete(dist):  # another process filled it while we waited
            return lib
        _java()
        partial = dist / "lib.partial"
        shutil.rmtree(partial, ignore_errors=True)
        cmd = [
            _mvn(), "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
            f"-DoutputDirectory={partial}", "-DincludeScope=runtime", "-DexcludeTypes=pom",
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ServerError("Maven took over 30 minutes to fetch the Neo4j jars") from exc
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
            raise ServerError(
                f"Maven could not fetch the Neo4j jars (exit {done.returncode}; "
                f"is Maven Central reachable?):\n{tail}"
            )
        jars = _check_jars(partial, neo4j_version())
        shutil.rmtree(lib, ignore_errors=True)
        partial.rename(lib)
        (dist / MARKER).write_text("\n".join([_pom_digest(), *jars]) + "\n", encoding="utf-8")
    return lib


# -- configuration -----------------------------------------------------------------


def _check_settings(settings: Settings) -> None:
    for name in ("neo4j_heap", "neo4j_pagecache"):
        value = getattr(settings, name)
        if not _SIZE.match(value):
            raise ConfigurationError(f"{name} must be a size like 512m or 2g, not {value!r}")
    ports = (settings.neo4j_bolt_port, settings.neo4j_http_port)
    if ports[0] == ports[1] or not all(0 < p < 65536 for p in ports):
        raise ConfigurationError(
            f"neo4j_bolt_port and neo4j_http_port must be two different valid ports, not {ports}"
        )
    if len(settings.neo4j_password.get_secret_value()) < 8:
        raise ConfigurationError("neo4j_password must have at least 8 characters (Neo4j's minimum)")


# -- Neo4j Browser: Entente's style and guide -------------------------------------
# The files live in graph/browser/; the API serves them under /browser/ (app/browser.py).

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
STYLE_FILE = BROWSER_DIR / "entente.grass"
GUIDE_FILE = BROWSER_DIR / "guide.html"
BROWSER_ASSETS_PATH = "/browser"
_WILDCARD_HOSTS = {"", "0.0.0.0", "::", "[::]"}


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """A GraSS style sheet as the Browser reads it: {selector: {property: value}}.

    Mirrors Neo4j Browser's own parser (quotes delimit values that hold braces and
    are dropped; a property is `name: value`), so what passes here loads there.
    """
    blocks: dict[str, str] = {}
    selector, body, in_block, quoted = "", "", False, False
    for ch in text:
        if ch in "'\"":
            quoted = not quoted
        elif ch == "{" and not quoted:
            if in_block:
                raise ConfigurationError(f"GraSS: nested '{{' in {selector!r}")
            in_block = True
        elif ch == "}" and not quoted:
            if not in_block or not selector:
                raise ConfigurationError("GraSS: '}' without a selector")
            blocks[selector], selector, body, in_block = body, "", "", False
        elif in_block:
            body += ch
        elif not ch.isspace():
            selector += ch
    if in_block or quoted or selector:
        raise ConfigurationError("GraSS: unterminated rule or quote")
    sheet: dict[str, dict[str, str]] = {}
    for sel, decls in blocks.items():
        props = {}
        for decl in filter(str.strip, decls.split(";")):
            name, sep, value = decl.partition(":")
            if not sep or ":" in value:
                raise ConfigurationError(f"GraSS: {sel} has a bad property {decl.strip()!r}")
            props[name.strip()] = value.strip()
        sheet[sel] = props
    return sheet


def api_url(settings: Settings) -> str:
    """The API's base URL as a browser on this machine reaches it."""
    host = settings.api_host.strip()
    if host in _WILDCARD_HOSTS:
        host = HOST
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{settings.api_port}"


def post_connect_commands(style: str, guide: str) -> list[str]:
    """The Browser commands run on connect, without their colon, in order.

    `config autoComplete: false` turns off the Browser's "Connect result nodes",
    which would draw every relationship between the nodes a query returns (with a
    few hundred articles, "who sanctioned whom" would show meetings, purchases
    and the rest between the same states). Without braces `:config` updates that
    one setting and keeps the user's others. `clear` then empties the stream of
    the frames printed so far (the whole style sheet among them). `:config` prints
    its own frame, the settings, only after the other commands have run, so that
    short frame is the one the guide opens beside; the Browser has no quieter way
    to change a setting.
    """
    return ["config autoComplete: false", f"style {style}", "clear", f"guide {guide}"]


def browser_conf(settings: Settings) -> dict[str, str]:
    """neo4j.conf lines that give every Browser session Entente's style and guide.

    On connect the Browser runs `browser.post_connect_cmd`, `;`-separated commands
    without their colon (`post_connect_commands`): among them `:style` with the
    GraSS sheet inline (as JSON, which the Browser accepts, so the style needs
    nothing but Neo4j) and `:guide` with the guide the API serves. Neo4j 5.26 still names the host allow-list setting
    `..._whitelist` (there is no `..._allowlist`); the Browser fetches a remote
    guide only from a host on it, and the API allows the Browser's origin (CORS).
    """
    style = json.dumps(parse_grass(STYLE_FILE.read_text(encoding="utf-8")),
                       separators=(",", ":"))
    api = api_url(settings)
    hosts = ["guides.neo4j.com", "localhost", HOST]
    api_host = api.split("://", 1)[1].rsplit(":", 1)[0]
    if api_host not in hosts:
        hosts.append(api_host)
    return {
        "browser.post_connect_cmd": "; ".join(post_connect_commands(
            style, f"{api}{BROWSER_ASSETS_PATH}/{GUIDE_FILE.name}")),
        "browser.remote_content_hostname_whitelist": ",".join(hosts),
    }


def project_conf(settings: Settings) -> dict[str, str]:
    """Extra neo4j.conf lines the project always wants (e.g. browser.post_connect_cmd).

    THE PLACE FOR PROJECT-WIDE CONF LINES: add them here (or pass `extra` to
    `write_conf` / `start` for one-off lines, which win over these).
    """
    return {
        # No usage data leaves the Browser (as dbms.usage_report.enabled=false for the server).
        "client.allow_telemetry": "false",
        **browser_conf(settings),
    }


def _conf_lines(settings: Settings, lib: Path) -> dict[str, str]:
    home = settings.neo4j_home
    bolt = f"{HOST}:{settings.neo4j_bolt_port}"
    http = f"{HOST}:{settings.neo4j_http_port}"
    return {
        "initial.dbms.default_database": settings.neo4j_database,
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.import": str(home / "import"),
        "server.directories.lib": str(lib),
        "server.logs.config": str(home / "conf" / "server-logs.xml"),
        "server.logs.user.config": str(home / "conf" / "user-logs.xml"),
        # The heap is set on the java command line (-Xms/-Xmx); these keep conf and JVM in step.
        "server.memory.heap.initial_size": settings.neo4j_heap,
        "server.memory.heap.max_size": settings.neo4j_heap,
        "server.memory.pagecache.size": settings.neo4j_pagecache,
        # Transaction log files are preallocated: 64M each instead of 256M keeps a fresh home small.
        "db.tx_log.rotation.size": "64M",
        "db.tx_log.rotation.retention_policy": "1 days 512M",
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.default_listen_address": HOST,
        "server.default_advertised_address": HOST,
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": bolt,
        "server.bolt.advertised_address": bolt,
        "server.http.enabled": "true",
        "server.http.listen_address": http,
        "server.http.advertised_address": http,
        "server.https.enabled": "false",
        # Bolt's Netty pools wait 5 s for quiet, twice, after the databases are already closed:
        # 1 s brings a clean stop from ~10 s to ~2 s.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "1",
    }


def write_conf(settings: Settings, extra: Mapping[str, str] | None = None) -> Path:
    """Lay out the home and write conf/neo4j.conf and the log configs; returns the conf dir.

    `extra` lines (plus `project_conf`) go after Entente's own and win over them.
    """
    _check_settings(settings)
    home = settings.neo4j_home
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    lines = _conf_lines(settings, lib_dir(settings))
    added = {**project_conf(settings), **(extra or {})}
    for key, value in added.items():
        if not _CONF_KEY.match(key) or "\n" in str(value) or "\r" in str(value):
            raise ConfigurationError(f"invalid neo4j.conf line {key}={value!r}")
    body = [
        "# Written by Entente (graph/server.py) on every start: edits here are lost.",
        f"# Neo4j {neo4j_version()} Community, home {home}",
        *(f"{k}={v}" for k, v in lines.items() if k not in added),
        # For the official launcher (bin/neo4j); CommunityEntryPoint gets them from graph/server.py.
        *(f"server.jvm.additional={flag}" for flag in JVM_FLAGS),
        "",
        "# -- extra lines: project_conf() and write_conf(extra=...) --",
        *(f"{k}={v}" for k, v in added.items()),
    ]
    conf = home / "conf"
    (conf / "neo4j.conf").write_text("\n".join(body) + "\n", encoding="utf-8")
    (conf / "server-logs.xml").write_text(SERVER_LOGS_XML, encoding="utf-8")
    (conf / "user-logs.xml").write_text(USER_LOGS_XML, encoding="utf-8")
    return conf


def _classpath(settings: Settings, lib: Path) -> str:
    home = settings.neo4j_home
    return f"{home / 'plugins'}/*:{home / 'conf'}/*:{lib}/*"


def _env(settings: Settings) -> dict[str, str]:
    home = settings.neo4j_home
    return {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}


def is_initialised(settings: Settings) -> bool:
    """True once the DBMS has users (data/dbms/auth*), i.e. the password is set."""
    return any((settings.neo4j_home / "data" / "dbms").glob("auth*"))


def set_initial_password(settings: Settings, lib: Path) -> bool:
    """Set the neo4j user's password on a new database; False if it was already initialised."""
    if is_initialised(settings):
        return False
    cmd = [
        _java(), "-Xmx256m", *[f for f in JVM_FLAGS if f.startswith("--")],
        "-cp", _classpath(settings, lib), ADMIN_TOOL,
        "dbms", "set-initial-password", settings.neo4j_password.get_secret_value(),
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=_env(settings),
                              timeout=300, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ServerError("neo4j-admin set-initial-password did not finish in 5 minutes") from exc
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
        raise ServerError(
            f"could not set the initial Neo4j password (exit {done.returncode}):\n{tail}"
        )
    return True


# -- processes ----------------------------------------------------------------------


def _alive(pid: int) -> bool:
    child = _children.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        _children.pop(pid, None)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead for our purposes
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_ours(pid: int, settings: Settings) -> bool:
    """The pid runs CommunityEntryPoint on this home (guards against a reused pid)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _alive(pid)  # no /proc (macOS): trust the pid file
    home_arg = f"--home-dir={settings.neo4j_home}".encode()
    return ENTRY_POINT.encode() in argv and home_arg in argv


def _read_pid(settings: Settings) -> int | None:
    try:
        return int(_pid_file(settings).read_text().strip())
    except (OSError, ValueError):
        return None


def _running_pid(settings: Settings) -> int | None:
    """The pid of our server if it runs; a stale pid file is removed."""
    pid = _read_pid(settings)
    if pid is None:
        return None
    if _alive(pid) and _is_ours(pid, settings):
        return pid
    _pid_file(settings).unlink(missing_ok=True)
    return None


def status(settings: Settings) -> ServerStatus:
    """Whether the managed server runs (per its pid file and process), and its URLs."""
    pid = _running_pid(settings)
    return ServerStatus(running=pid is not None, pid=pid, bolt_uri=bolt_uri(settings),
                        browser_url=browser_url(settings), home=settings.neo4j_home)


def _check_port_free(port: int, what: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            raise ServerError(
                f"port {port} ({what}) on {HOST} is already in use by another process "
                f"({exc.strerror}); stop it or set ENTENTE_NEO4J_{what.upper()}_PORT"
            ) from exc


def java_command(settings: Settings, lib: Path) -> list[str]:
    """The server's command line, as the official launcher builds it."""
    home = settings.neo4j_home
    return [
        _java(), f"-Xms{settings.neo4j_heap}", f"-Xmx{settings.neo4j_heap}", *JVM_FLAGS,
        "-Dfile.encoding=UTF-8", "-cp", _classpath(settings, lib), ENTRY_POINT,
        f"--home-dir={home}", f"--config-dir={home / 'conf'}", "--console-mode",
    ]


def _spawn(settings: Settings, lib: Path) -> subprocess.Popen[bytes]:
    log = _console_log(settings)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            java_command(settings, lib), stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT, cwd=settings.neo4j_home, env=_env(settings),
            start_new_session=True, close_fds=True,
        )
    _children[proc.pid] = proc
    _pid_file(settings).write_text(f"{proc.pid}\n")
    return proc


def _password_refused(settings: Settings) -> ServerError:
    return ServerError(
        f"Neo4j rejects the configured password for {settings.neo4j_user!r}: "
        f"the database in {settings.neo4j_home / 'data'} was initialised with another "
        "one; set ENTENTE_NEO4J_PASSWORD to it (or remove that data directory)"
    )


def _check_password(settings: Settings) -> None:
    """A server found running must accept our password: otherwise nothing will work."""
    with GraphDatabase.driver(bolt_uri(settings), auth=settings.neo4j_auth,
                              connection_timeout=5.0) as driver:
        try:
            driver.verify_connectivity()
        except AuthError as exc:
            raise _password_refused(settings) from exc
        except Exception:  # noqa: BLE001, S110 - still starting, or busy: not a password fault
            pass


def _wait_ready(settings: Settings, proc: subprocess.Popen[bytes]) -> None:
    """Until Bolt answers a query on the default database; ServerError if it never does."""
    deadline = time.monotonic() + settings.neo4j_start_timeout
    last: Exception | None = None
    with GraphDatabase.driver(bolt_uri(settings), auth=settings.neo4j_auth,
                              connection_timeout=2.0, max_connection_lifetime=30) as driver:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise ServerError(
                    f"Neo4j exited with code {proc.returncode} while starting; "
                    f"end of {_console_log(settings)}:\n{_tail(_console_log(settings))}"
                )
            try:
                driver.verify_connectivity()
                driver.execute_query("RETURN 1", database_=settings.neo4j_database)
                return
            except AuthError as exc:
                raise _password_refused(settings) from exc
            except Exception as exc:  # any other failure means "not up yet"
                last = exc
            time.sleep(0.5)
    raise ServerError(
        f"Neo4j did not answer on {bolt_uri(settings)} within {settings.neo4j_start_timeout:.0f}s "
        f"(last error: {last}); end of {_console_log(settings)}:\n{_tail(_console_log(settings))}"
    )


def start(settings: Settings, extra_conf: Mapping[str, str] | None = None) -> ServerStatus:
    """Start the managed server (or find it running) and wait until Bolt answers.

    On first use this fetches the jars with Maven and sets the initial password.
    """
    current = status(settings)
    if current.running:
        _check_password(settings)
        return current
    _check_settings(settings)
    _check_port_free(settings.neo4j_bolt_port, "bolt")
    _check_port_free(settings.neo4j_http_port, "http")
    lib = ensure_jars(settings)
    write_conf(settings, extra_conf)
    set_initial_password(settings, lib)
    proc = _spawn(settings, lib)
    try:
        _wait_ready(settings, proc)
    except BaseException:
        _terminate(proc.pid, timeout=30.0)
        _pid_file(settings).unlink(missing_ok=True)
        raise
    return status(settings)


def _wait_gone(pid: int, timeout: float) -> bool:
    child = _children.get(pid)
    if child is not None:
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        _children.pop(pid, None)
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.2)
    return not _alive(pid)


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM (Neo4j shuts down cleanly), then SIGKILL after `timeout`; True if it was clean."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        _children.pop(pid, None)
        return True
    if _wait_gone(pid, timeout):
        return True
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _wait_gone(pid, 10.0)
    return False


def stop(settings: Settings, timeout: float = 60.0) -> bool:
    """Stop the managed server: clean shutdown, killed after `timeout` s. False if none ran."""
    pid = _running_pid(settings)
    if pid is None:
        return False
    clean = _terminate(pid, timeout)
    _pid_file(settings).unlink(missing_ok=True)
    if not clean:
        raise ServerError(
            f"Neo4j (pid {pid}) did not stop within {timeout:.0f}s and was killed; "
            "it will recover its transaction log on the next start"
        )
    return True
