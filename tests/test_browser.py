"""Neo4j Browser explains Entente's graph: a real headless Chromium drives it.

The session's managed Neo4j is started with `graph.server.project_conf`, whose
`browser.post_connect_cmd` applies Entente's style and opens Entente's guide on
connect; the guide comes from the API, served here over real HTTP on the port
the configuration names. The graph holds `seeds/`, loaded as `entente ingest`
loads it. The tests read what they check from the page: the guide's title, the
style's captions and colours in the drawn graph, the actors in the table view.

Screenshots go to a temporary directory, or to docs/img/ (the ones the docs
show) when ENTENTE_UPDATE_SCREENSHOTS=1.

Chromium is Debian's (`/usr/bin/chromium`, or ENTENTE_CHROMIUM); Playwright
only drives it and never downloads a browser.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from entente.config import Settings
from entente.models import ActorKind, Predicate
from graph import server
from tests.conftest import REPO
from tests.live import LiveServer

pytestmark = [pytest.mark.neo4j, pytest.mark.api, pytest.mark.browser]

CHROMIUM = os.environ.get("ENTENTE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1600, "height": 1000}
TIMEOUT_MS = 60_000
DOCS_IMG = REPO / "docs" / "img"
GUIDE_TITLE = "Entente: relations between states"
SANCTIONS_QUERY = "RETURN sanctioner, r, target"


# -- the guide, as the Browser reads it ------------------------------------------


class _Runnables(HTMLParser):
    """The text of every <pre class="runnable"> of the guide, as the Browser runs it."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self._text: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre" and "runnable" in (dict(attrs).get("class") or "").split():
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._text is not None:
            self.items.append(self._text.strip())
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text += data


def guide_runnables() -> list[str]:
    parser = _Runnables()
    parser.feed(server.GUIDE_FILE.read_text(encoding="utf-8"))
    return parser.items


def guide_defaults() -> dict[str, str]:
    """The parameters the guide's first page sets with `:params {...}`."""
    line = next(r for r in guide_runnables() if r.startswith(":params "))
    return dict(re.findall(r"(\w+): '([^']*)'", line))


# -- servers -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(driver: Driver, neo4j_server: Settings) -> Settings:
    """The session graph emptied, then loaded with seeds/ as `entente ingest seeds` does."""
    from entente.cli import SEEDS, ingest_paths

    db = neo4j_server.neo4j_database
    with driver.session(database=db) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    loaded, _, problems = ingest_paths(neo4j_server, [SEEDS], quiet=True)
    assert loaded == 1 and not problems, problems
    return neo4j_server


@pytest.fixture(scope="module")
def api(seeded: Settings) -> Iterator[str]:
    from app.main import create_app

    with LiveServer(create_app(seeded), seeded.api_port):
        yield server.api_url(seeded)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("ENTENTE_UPDATE_SCREENSHOTS") == "1":
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        return DOCS_IMG
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed (make install provides it)")
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make install provides it)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def page(chromium: Any, api: str, seeded: Settings) -> Iterator[Any]:
    """Neo4j Browser, connected through its connect form, showing Entente's guide."""
    context = chromium.new_context(viewport=VIEWPORT)
    # Hermetic: the Browser's calls to the internet (web fonts, feedback widgets) are cut
    # short instead of waiting on a network a CI machine may not have.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])"),
                  lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(server.browser_url(seeded))
        page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
        page.get_by_test_id("boltaddress").fill(f"127.0.0.1:{seeded.neo4j_bolt_port}")
        page.get_by_test_id("username").fill(seeded.neo4j_user)
        page.get_by_test_id("password").fill(seeded.neo4j_password.get_secret_value())
        page.get_by_test_id("connect").click()
        yield page
    finally:
        context.close()


def _guide(page: Any) -> Any:
    drawer = page.get_by_test_id("guidesDrawer")
    drawer.wait_for()
    return drawer


def _slide(drawer: Any, title: str) -> None:
    """Turn the guide to the page titled `title` (the pager shows only some numbers)."""
    drawer.get_by_test_id("pagination-1").click()
    for _ in range(12):
        if title in drawer.locator("h3").first.inner_text():
            return
        drawer.get_by_test_id("guideNextSlide").click()
    raise AssertionError(f"the guide has no page titled {title!r}")


def _run(page: Any, drawer: Any, text: str) -> Any:
    """Click the play icon of the guide's runnable that contains `text`; its new frame."""
    from playwright.sync_api import expect

    frames = page.get_by_test_id("frame")
    before = frames.count()
    drawer.locator("pre.runnable", has_text=text).locator("i.fa-play-circle-o").click()
    expect(frames).to_have_count(before + 1)
    return frames.first  # the stream shows the newest frame first


def _graph(page: Any, frame: Any, nodes: int) -> None:
    """Show `frame` as a graph and wait for its `nodes` nodes to be drawn and laid out."""
    from playwright.sync_api import Error, expect

    tab = frame.get_by_test_id("cypherFrameSidebarVisualization")
    try:
        tab.wait_for()
    except Error as exc:
        raise AssertionError(f"the query drew no graph:\n{frame.inner_text()}") from exc
    tab.click()
    expect(frame.locator("g.node")).to_have_count(nodes)
    page.wait_for_timeout(1500)  # let the force layout settle before a screenshot


# -- tests -------------------------------------------------------------------------


def test_style_covers_every_kind_and_predicate() -> None:
    sheet = server.parse_grass(server.STYLE_FILE.read_text(encoding="utf-8"))
    kinds = [k.value for k in ActorKind]
    for label in [*kinds, "Item", "Article", "Claim"]:
        assert sheet[f"node.{label}"].get("caption"), label
    colours = [sheet[f"node.{k}"]["color"].upper() for k in kinds]
    assert len(set(colours)) == len(colours), "two actor kinds share a colour"
    for p in Predicate:
        rule = sheet[f"relationship.{p.value}"]
        assert rule["caption"].startswith(p.value.replace("_", " ")), p
        assert "{mentions}" in rule["caption"], p
    assert "{item}" in sheet["relationship.BUYS"]["caption"]
    assert "{topic}" in sheet["relationship.COOPERATES_ON"]["caption"]


def test_conf_applies_style_and_guide_on_connect(neo4j_server: Settings) -> None:
    text = (neo4j_server.neo4j_home / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    conf = dict(line.split("=", 1) for line in text.splitlines() if "=" in line
                and not line.startswith("#"))
    commands = [c.strip() for c in conf["browser.post_connect_cmd"].split(";")]
    guide = f"{server.api_url(neo4j_server)}/browser/guide.html"
    assert commands[0].startswith("style {") and commands[1] == f"guide {guide}"
    assert "127.0.0.1" in conf["browser.remote_content_hostname_whitelist"].split(",")


def test_guide_queries_run_on_the_seeds(seeded: Settings, driver: Driver) -> None:
    params: dict[str, Any] = dict(guide_defaults())
    records, _, _ = driver.execute_query(
        "MATCH (:State {code: 'USA'})-[r:SANCTIONS]->(:State {code: 'TUR'}) RETURN r.id AS id",
        database_=seeded.neo4j_database)
    params["rel"] = records[0]["id"]
    queries = [r for r in guide_runnables() if not r.startswith(":")]
    assert len(queries) >= 10
    for query in queries:
        used = set(re.findall(r"\$(\w+)", query))
        assert used <= set(params), f"the first page does not set {used - set(params)}"
        rows, _, _ = driver.execute_query(query, {k: params[k] for k in used},
                                          database_=seeded.neo4j_database)
        if "$since" not in query:  # the seed's sentences carry no date
            assert rows, f"no rows for the guide's query:\n{query}"


def test_api_serves_style_and_guide_to_the_browser_origin(api: str, seeded: Settings) -> None:
    origin = f"http://127.0.0.1:{seeded.neo4j_http_port}"
    with httpx.Client(base_url=api, timeout=10) as client:
        guide = client.get("/browser/guide.html", headers={"Origin": origin})
        assert guide.status_code == 200 and f"<title>{GUIDE_TITLE}</title>" in guide.text
        assert guide.headers["access-control-allow-origin"] == origin
        pre = client.options("/browser/guide.html", headers={
            "Origin": origin, "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control"})
        assert pre.status_code == 204
        assert pre.headers["access-control-allow-origin"] == origin
        assert {"pragma", "cache-control"} <= {
            h.strip() for h in pre.headers["access-control-allow-headers"].split(",")}
        style = client.get("/browser/entente.grass")
        assert style.status_code == 200 and "node.State" in style.text
        assert server.parse_grass(style.text)
        foreign = client.get("/browser/guide.html", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in foreign.headers
        assert client.get("/browser/neo4j.conf").status_code == 404


def test_browser_shows_who_sanctioned_whom(page: Any, shots: Path) -> None:
    # The guide opened by itself on connect: fetched from the API, past the allow-list and CORS.
    drawer = _guide(page)
    assert GUIDE_TITLE in drawer.inner_text()
    _slide(drawer, "Who sanctioned whom")
    frame = _run(page, drawer, SANCTIONS_QUERY)
    _graph(page, frame, nodes=2)

    # The style is applied: states are captioned by code, in the State colour, and the
    # arrow says what it is and how many sentences back it.
    sheet = server.parse_grass(server.STYLE_FILE.read_text(encoding="utf-8"))
    captions = {t.strip() for t in frame.locator("g.node text.caption").all_text_contents()}
    assert captions == {"USA", "TUR"}
    fills = {f.upper() for f in frame.locator("g.node circle.b-outline").evaluate_all(
        "els => els.map(e => e.getAttribute('fill'))")}
    assert fills == {sheet["node.State"]["color"].upper()}
    assert "SANCTIONS (1)" in frame.locator("g.relationship text").all_text_contents()
    page.screenshot(path=str(shots / "browser-who-sanctioned-whom.png"))

    # The table view names who sanctioned (first column) and whom (third column).
    frame.get_by_test_id("cypherFrameSidebarTable").click()
    table = frame.locator("table")
    table.locator("tbody tr").first.wait_for()
    assert table.locator("tbody tr").count() == 1
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    cells = table.locator("tbody tr").first.locator("td").all_inner_texts()
    row = dict(zip(headers, cells, strict=True))
    assert '"code": "USA"' in row["sanctioner"], row
    assert '"type": "SANCTIONS"' in row["r"], row
    assert '"code": "TUR"' in row["target"], row
    frame.screenshot(path=str(shots / "browser-who-sanctioned-whom-table.png"))


def test_browser_shows_how_two_states_are_connected(page: Any, shots: Path) -> None:
    from playwright.sync_api import expect

    drawer = _guide(page)
    _slide(drawer, "How are two states connected")
    target = drawer.locator("input[value-for=target]")
    target.fill("")
    target.press_sequentially("RUS")  # the guide copies the input into its :param line
    assert "'RUS'" in drawer.locator("pre.runnable", has_text=":param target").inner_text()
    for name, value in (("source", "USA"), ("target", "RUS")):
        done = _run(page, drawer, f":param {name}")
        expect(done).to_contain_text(f'"{name}": "{value}"')
    frame = _run(page, drawer, "allShortestPaths")
    _graph(page, frame, nodes=3)
    captions = {t.strip() for t in frame.locator("g.node text.caption").all_text_contents()}
    assert captions == {"USA", "TUR", "RUS"}
    frame.get_by_role("button", name="Collapse the node properties display").click()
    frame.get_by_test_id("frameCommand").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "browser-connected-states.png"))


def test_browser_loads_the_style_file_by_url(page: Any, api: str) -> None:
    # docker-compose.yml points the Browser at the file the API serves, not at inline JSON.
    from playwright.sync_api import expect

    frames = page.get_by_test_id("frame")
    before = frames.count()
    page.get_by_test_id("activeEditor").click()
    page.keyboard.type(f":style {api}/browser/entente.grass")
    page.get_by_test_id("editor-Run").click()
    expect(frames).to_have_count(before + 1)
    frame = frames.first
    expect(frame).to_contain_text("node.State")
    expect(frame).to_contain_text("BUYS {item} ({mentions})")
    assert "error" not in frame.inner_text().lower()
