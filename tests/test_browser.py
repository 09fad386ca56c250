"""Neo4j Browser explains Entente's graph: a real headless Chromium drives it.

The session's managed Neo4j is started with `graph.server.project_conf`, whose
`browser.post_connect_cmd` applies Entente's style and opens Entente's guide on
connect; the guide comes from the API, served here over real HTTP on the port
the configuration names. The graph holds `seeds/`, loaded as `entente ingest`
loads it. The tests read what they check from the page: the guide's title, a
stream cleared of the style sheet, the style's captions and colours in the drawn
graph, as many relationships drawn as the query returned (the seeds relate the
same actors in other ways, which "Connect result nodes" would add), the actors
in the table views. What to expect comes from the graph, through the guide's
own queries.

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
    assert loaded == len(list(SEEDS.glob("*.json"))) and not problems, problems
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


def _graph(page: Any, frame: Any, nodes: int, relationships: int) -> None:
    """Show `frame` as a graph; wait for its nodes, then check it draws `relationships`.

    The edges are counted once the layout has settled, after the Browser would have
    fetched the relationships between the drawn nodes had "Connect result nodes"
    been on: a graph with more edges than the query returned fails here.
    """
    from playwright.sync_api import Error, expect

    tab = frame.get_by_test_id("cypherFrameSidebarVisualization")
    try:
        tab.wait_for()
    except Error as exc:
        raise AssertionError(f"the query drew no graph:\n{frame.inner_text()}") from exc
    tab.click()
    expect(frame.locator("g.node")).to_have_count(nodes)
    page.wait_for_timeout(1500)  # let the force layout settle before a screenshot
    assert frame.locator("g.relationship").count() == relationships


def _hide_properties(page: Any, frame: Any) -> None:
    """Collapse the panel over a graph's right side; the Browser keeps it so for new frames."""
    toggle = frame.get_by_role("button", name=re.compile(r"^(Collapse|Expand) the node properties"))
    toggle.wait_for()
    if toggle.get_attribute("aria-label").startswith("Collapse"):
        toggle.click()
    page.wait_for_timeout(500)


def _sheet() -> dict[str, dict[str, str]]:
    return server.parse_grass(server.STYLE_FILE.read_text(encoding="utf-8"))


def _caption(template: str, props: dict[str, Any]) -> str:
    """A GraSS caption (`{code}`, `SANCTIONS ({mentions})`) filled in as the Browser does."""
    return re.sub(r"\{(\w+)\}", lambda m: str(props.get(m.group(1), "")), template)


def _kind(labels: list[str]) -> str:
    return next(label for label in labels if label != "Actor")


def _drawn(frame: Any, selector: str) -> list[str]:
    return [t.strip() for t in frame.locator(selector).all_text_contents() if t.strip()]


def _fits(drawn: str, caption: str) -> bool:
    """The Browser shortens a caption longer than its arrow, ending it with '…'."""
    return drawn == caption or (drawn.endswith("…") and caption.startswith(drawn[:-1]))


# -- tests -------------------------------------------------------------------------


def test_style_covers_every_kind_and_predicate() -> None:
    sheet = _sheet()
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
    assert commands[0] == "config autoComplete: false"  # "Connect result nodes" off
    assert commands[1].startswith("style {")
    assert commands[2:] == ["clear", f"guide {guide}"]
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


def test_browser_opens_the_guide_beside_an_empty_stream(page: Any, shots: Path) -> None:
    from playwright.sync_api import expect

    # The guide opened by itself on connect: fetched from the API, past the allow-list and CORS.
    drawer = _guide(page)
    assert GUIDE_TITLE in drawer.inner_text()
    # The frames of the connect commands are cleared, the style sheet's among them; the one
    # left is `:config`'s (the Browser prints it last), showing "Connect result nodes" off.
    frames = page.get_by_test_id("frame")
    expect(frames).to_have_count(1)
    expect(frames.first).to_contain_text('"autoComplete": false')
    assert "node.State" not in frames.first.inner_text()
    page.screenshot(path=str(shots / "browser-on-connect.png"))
    frames.first.get_by_title("Close", exact=True).click()  # as the docs suggest
    expect(frames).to_have_count(0)


def test_browser_shows_who_sanctioned_whom(page: Any, shots: Path, driver: Driver,
                                          seeded: Settings) -> None:
    query = next(r for r in guide_runnables() if SANCTIONS_QUERY in r)
    rows, _, _ = driver.execute_query(
        query.replace(SANCTIONS_QUERY, "RETURN sanctioner{.*, labels: labels(sanctioner)} AS s,"
                      " r{.*} AS r, target{.*, labels: labels(target)} AS t"),
        database_=seeded.neo4j_database)
    actors = {a["key"]: a for row in rows for a in (row["s"], row["t"])}
    pairs = {(row["s"]["code"], row["t"]["code"]) for row in rows}
    # The seeds relate these actors in other ways too: with "Connect result nodes" on,
    # the Browser would draw those edges as well.
    others, _, _ = driver.execute_query(
        "MATCH (a:Actor)-[o]->(b:Actor) WHERE a.key IN $keys AND b.key IN $keys"
        " AND type(o) <> 'SANCTIONS' RETURN count(o) AS n",
        keys=list(actors), database_=seeded.neo4j_database)
    assert len(rows) >= 4 and others[0]["n"] > 0

    drawer = _guide(page)
    _slide(drawer, "Who sanctioned whom")
    frame = _run(page, drawer, SANCTIONS_QUERY)
    _graph(page, frame, nodes=len(actors), relationships=len(rows))

    # The style is applied: actors are captioned and coloured by kind, and each arrow says
    # what it is and how many sentences back it.
    sheet = _sheet()
    assert set(_drawn(frame, "g.node text.caption")) == {
        _caption(sheet[f"node.{_kind(a['labels'])}"]["caption"], a) for a in actors.values()}
    fills = {f.upper() for f in frame.locator("g.node circle.b-outline").evaluate_all(
        "els => els.map(e => e.getAttribute('fill'))")}
    assert fills == {sheet[f"node.{_kind(a['labels'])}"]["color"].upper()
                     for a in actors.values()}
    arrows = [_caption(sheet["relationship.SANCTIONS"]["caption"], row["r"]) for row in rows]
    drawn = _drawn(frame, "g.relationship text")
    assert len(drawn) == len(arrows) and all(any(_fits(d, a) for a in arrows) for d in drawn), (
        drawn, arrows)
    _hide_properties(page, frame)
    page.screenshot(path=str(shots / "browser-who-sanctioned-whom.png"))

    # The table view names who sanctioned (first column) and whom (third column).
    frame.get_by_test_id("cypherFrameSidebarTable").click()
    table = frame.locator("table")
    table.locator("tbody tr").first.wait_for()
    assert table.locator("tbody tr").count() == len(rows)
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    shown = set()
    for tr in table.locator("tbody tr").all():
        row = dict(zip(headers, tr.locator("td").all_inner_texts(), strict=True))
        assert '"type": "SANCTIONS"' in row["r"], row
        codes = [re.search(r'"code": "(\w+)"', row[col]) for col in ("sanctioner", "target")]
        assert all(codes), row
        shown.add((codes[0].group(1), codes[1].group(1)))
    assert shown == pairs

    # The page's table query: one readable row per relation, the best-supported first.
    query = next(r for r in guide_runnables() if "AS relation_id" in r)
    expected, _, _ = driver.execute_query(query, database_=seeded.neo4j_database)
    frame = _run(page, drawer, "AS relation_id")
    table = frame.locator("table")
    table.locator("tbody tr").first.wait_for()
    trs = table.locator("tbody tr")
    assert trs.count() == len(expected) >= len(rows)
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    for tr, want in zip(trs.all(), expected, strict=True):
        cells = [c.strip().strip('"') for c in tr.locator("td").all_inner_texts()]
        row = dict(zip(headers, cells, strict=True))
        assert [row["sanctioner"], row["target"], row["sentences"]] == [
            want["sanctioner"], want["target"], str(want["sentences"])], row
    frame.screenshot(path=str(shots / "browser-who-sanctioned-whom-table.png"))


def test_browser_shows_how_two_states_are_connected(page: Any, shots: Path, driver: Driver,
                                                   seeded: Settings) -> None:
    from playwright.sync_api import expect

    defaults = guide_defaults()
    source, target = defaults["source"], defaults["target"]
    query = next(r for r in guide_runnables() if "allShortestPaths" in r)
    head, returned = query.rsplit("RETURN", 1)
    assert "route" in returned and "relations" in returned
    [found], _, _ = driver.execute_query(
        f"{head}RETURN collect(DISTINCT r) AS rels, [n IN collect(DISTINCT a) + collect(DISTINCT b)"
        " | n.code] AS codes", source=source, target=target, database_=seeded.neo4j_database)
    codes = set(found["codes"])
    # Routes through other actors, with several relations along them: worth a picture.
    assert {source, target} < codes and len(found["rels"]) > len(codes) - 1

    drawer = _guide(page)
    _slide(drawer, "How are two states connected")
    box = drawer.locator("input[value-for=target]")
    box.fill("")
    box.press_sequentially(target)  # the guide copies the input into its :param line
    assert f"'{target}'" in drawer.locator("pre.runnable", has_text=":param target").inner_text()
    for name, value in (("source", source), ("target", target)):
        done = _run(page, drawer, f":param {name}")
        expect(done).to_contain_text(f'"{name}": "{value}"')
    frame = _run(page, drawer, "allShortestPaths")
    _graph(page, frame, nodes=len(codes), relationships=len(found["rels"]))
    assert set(_drawn(frame, "g.node text.caption")) == codes
    _hide_properties(page, frame)
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
