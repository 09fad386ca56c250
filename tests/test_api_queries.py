"""Queries that say what they mean, over real HTTP against a real Neo4j.

Filters recompute what they filter; actors are found by any name, everywhere alike;
people and agencies can be asked about; paths are distinct routes; counts per period;
the bulk export and the changes feed; the OpenAPI schema states the server's limits.

A small world of fictional states, loaded once for the module, with dates and
confidences chosen so that every expected figure can be worked out by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr

from app.main import create_app
from entente.config import Settings
from entente.models import Actor, ActorKind, ExtractionResult
from graph.loader import Loader
from tests.factories import make_doc
from tests.live import LiveServer
from tests.test_api import assert_error, page_all

pytestmark = [pytest.mark.neo4j, pytest.mark.api]

NAMES = {"BRD": "Borduria", "SYL": "Syldavia", "GNV": "Genovia", "KRK": "Krakozhia"}
ALIASES = {"SYL": ["Syldavian Kingdom"], "BRD": ["Bordurian Republic"]}
PERSON = "person:zoltan-ozdemirovic"
AGENCY = "agency:syldavian-arms"
CONF = 0.8  # every claim of tests.factories.make_doc


def _doc(article_id: str, triples: list[tuple[str, str, str | None]], published: dt.date,
         lang: str = "en") -> ExtractionResult:
    doc, _ = make_doc(article_id, triples, published=published, item="S-900")
    doc.article.lang = lang
    for actor in doc.actors:
        actor.name = NAMES.get(actor.key, actor.name)
        actor.aliases = ALIASES.get(actor.key, [])
    return doc


def _name(doc: ExtractionResult, index: int, role: str, actor: Actor) -> None:
    """The `index`-th claim of `doc` names `actor` (a person, an agency) as its `role`."""
    doc.actors.append(actor)
    field = "subject_actor" if role == "subject" else "object_actor"
    doc.relations[index] = doc.relations[index].model_copy(update={field: actor.key})


ZOLTAN = Actor(key=PERSON, kind=ActorKind.PERSON, name="Zoltán Özdemirović", state="SYL",
               aliases=["Ozdemirovic"])
ARMS = Actor(key=AGENCY, kind=ActorKind.AGENCY, name="Syldavian Arms", state="SYL")


def world() -> list[ExtractionResult]:
    # BRD sanctions SYL in 2019, 2021 and 2023: one sentence a year.
    d1 = _doc("q-2019", [("BRD", "SANCTIONS", "SYL"), ("SYL", "BUYS", "GNV"),
                         ("SYL", "MEETS", "GNV")], dt.date(2019, 7, 12))
    _name(d1, 1, "subject", ZOLTAN)  # Zoltán, for Syldavia, buys from Genovia
    d2 = _doc("q-2021", [("BRD", "SANCTIONS", "SYL"), ("GNV", "COOPERATES_ON", "SYL"),
                         ("SYL", "BUYS", "GNV")], dt.date(2021, 3, 1), lang="id")
    _name(d2, 2, "subject", ARMS)  # the agency buys this time
    d3 = _doc("q-2023", [("BRD", "SANCTIONS", "SYL"), ("BRD", "SANCTIONS", "KRK"),
                         ("KRK", "SUPPORTS", "GNV"), ("BRD", "CRITICIZES", "SYL"),
                         ("SYL", "BUYS", "GNV")], dt.date(2023, 1, 10))
    _name(d3, 4, "subject", ZOLTAN)
    # Two days of one week, and the next month, for the series.
    d4 = _doc("q-2023b", [("BRD", "SANCTIONS", "KRK")], dt.date(2023, 1, 12))
    d5 = _doc("q-2023c", [("BRD", "SANCTIONS", "KRK")], dt.date(2023, 2, 20))
    return [d1, d2, d3, d4, d5]


def confidence(n: int, c: float = CONF) -> float:
    return round(1 - (1 - c) ** n, 6)


@pytest.fixture(scope="module")
def loaded(driver: Driver, neo4j_server: Settings) -> list[ExtractionResult]:
    db = neo4j_server.neo4j_database
    with driver.session(database=db) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    docs = world()
    loader = Loader(driver, db)
    for doc in docs:  # one at a time: each its own ingest, in this order
        loader.load(doc)
    return docs


@pytest.fixture(scope="module")
def settings(neo4j_server: Settings) -> Settings:
    return neo4j_server.model_copy(update={
        "api_keys": (SecretStr("key-one"),), "api_max_depth": 2, "api_max_hops": 3,
        "api_port": neo4j_server.api_port + 1})


@pytest.fixture(scope="module")
def client(loaded: list[ExtractionResult], settings: Settings) -> Iterator[httpx.Client]:
    with LiveServer(create_app(settings), settings.api_port) as server, \
            httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def get(client: httpx.Client, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def one_relation(client: httpx.Client, **params: Any) -> dict[str, Any]:
    items = get(client, "/v1/relations", **params)["items"]
    assert len(items) == 1, items
    return dict(items[0])


# -- filters recompute what they filter ---------------------------------------------------


def test_relations_in_a_window_count_the_evidence_in_it(client: httpx.Client) -> None:
    every = one_relation(client, subject="BRD", predicate="SANCTIONS", object="SYL")
    assert (every["mentions"], every["first_seen"], every["last_seen"]) == (
        3, "2019-07-12", "2023-01-10")
    assert every["confidence"] == pytest.approx(confidence(3), abs=1e-6)
    window = one_relation(client, subject="BRD", predicate="SANCTIONS", object="SYL",
                          since="2021-01-01")
    assert (window["mentions"], window["first_seen"], window["last_seen"]) == (
        2, "2021-03-01", "2023-01-10")
    assert window["confidence"] == pytest.approx(confidence(2), abs=1e-6)
    # min_confidence tests the confidence within the window: two sentences (0.96) pass
    # 0.95, one sentence (0.8) does not.
    assert one_relation(client, subject="BRD", object="SYL", predicate="SANCTIONS",
                        since="2021", min_confidence=0.95)["mentions"] == 2
    assert get(client, "/v1/relations", subject="BRD", object="SYL", predicate="SANCTIONS",
               since="2022", min_confidence=0.9)["items"] == []
    lang = one_relation(client, subject="BRD", object="SYL", predicate="SANCTIONS", lang="id")
    assert (lang["mentions"], lang["first_seen"]) == (1, "2021-03-01")


def test_pair_in_a_window_counts_the_evidence_in_it(client: httpx.Client) -> None:
    every = get(client, "/v1/pairs/BRD/SYL")
    assert (every["mentions"], every["first_seen"]) == (4, "2019-07-12")
    view = get(client, "/v1/pairs/BRD/SYL", since="2022-01-01")
    assert (view["mentions"], view["first_seen"], view["last_seen"]) == (
        2, "2023-01-10", "2023-01-10")
    groups = {g["predicate"]: g for g in view["predicates"]}
    assert groups["SANCTIONS"]["mentions"] == 1
    assert groups["SANCTIONS"]["relations"][0]["confidence"] == pytest.approx(CONF)
    assert [(p["date"], p["mentions"]) for p in view["timeline"]] == [("2023-01-10", 1)] * 2


def test_purchases_and_subgraph_in_a_window(client: httpx.Client) -> None:
    bought = get(client, "/v1/actors/SYL/purchases", until="2021")["items"]
    assert [(t["seller"]["key"], t["mentions"], t["last_seen"]) for t in bought] == [
        ("GNV", 2, "2021-03-01")]
    edges = get(client, "/v1/graph", actor="KRK", since="2023-02")["edges"]
    assert [(e["source"], e["target"], e["mentions"], e["first_seen"]) for e in edges] == [
        ("BRD", "KRK", 1, "2023-02-20")]


def test_min_confidence_on_evidence_is_a_sentence_s(client: httpx.Client) -> None:
    rel = one_relation(client, subject="BRD", predicate="SANCTIONS", object="SYL")
    url = rel["evidence_url"]
    assert len(get(client, url)["items"]) == 3
    assert get(client, url, min_confidence=0.81)["items"] == []
    assert len(get(client, url, min_confidence=0.8)["items"]) == 3
    assert len(get(client, url, since="2020", until="2021-12")["items"]) == 1


@pytest.mark.parametrize(("since", "until", "mentions"), [
    ("2021", None, 2), ("2019-07", "2019-07", 1), (None, "2021-02", 1), ("2019", "2023", 3),
    (None, "2023-01-09", 2),
])
def test_partial_dates_are_whole_periods(client: httpx.Client, since: str | None,
                                         until: str | None, mentions: int) -> None:
    params = {k: v for k, v in (("since", since), ("until", until)) if v}
    assert one_relation(client, subject="BRD", predicate="SANCTIONS", object="SYL",
                        **params)["mentions"] == mentions


@pytest.mark.parametrize("query", [
    "until=0", "until=1.6e-286", "since=2022-02-30", "since=2022-13", "since=22",
    "since=2022-1-5", "until=yesterday", "since=2023&until=2022", "updated_since=2025-01-01T00:00",
    "updated_since=soon",
])
def test_bad_filter_values_are_422_with_a_clear_message(client: httpx.Client, query: str) -> None:
    for path in ("/v1/relations", "/v1/pairs/BRD/SYL", "/v1/articles"):
        if "updated_since" in query and path == "/v1/pairs/BRD/SYL":
            continue
        err = assert_error(client.get(f"{path}?{query}"), 422, "invalid_parameter")
        assert err["detail"]
        name = query.split("=")[0]
        assert name in err["message"] or name in json.dumps(err["detail"]), err


# -- actors by any name ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["SYL", "syl", "Syldavia", "syldavia", "Syldavian Kingdom",
                                  " SYLDAVIA "])
def test_actors_by_any_name_everywhere(client: httpx.Client, name: str) -> None:
    assert one_relation(client, subject="Borduria", predicate="sanctions",
                        object=name)["object"]["key"] == "SYL"
    assert get(client, f"/v1/actors/{name}")["key"] == "SYL"
    assert get(client, f"/v1/pairs/Bordurian Republic/{name}")["b"]["key"] == "SYL"
    assert get(client, f"/v1/pairs/{name}/BRD/timeline")["items"]
    assert get(client, "/v1/graph", actor=name)["center"]["key"] == "SYL"
    assert get(client, "/v1/paths", **{"from": name, "to": "krakozhia"})["hops"] == 2
    assert get(client, f"/v1/actors/{name}/purchases")["items"]
    assert get(client, "/v1/series", actor=name)["actor"]["key"] == "SYL"


@pytest.mark.parametrize("path", [
    "/v1/relations?subject=Sildavya", "/v1/relations?object=Sildavya",
    "/v1/relations?actor=Sildavya", "/v1/actors/Sildavya", "/v1/actors/Sildavya/purchases",
    "/v1/actors/Sildavya/sales", "/v1/pairs/BRD/Sildavya", "/v1/pairs/Sildavya/BRD/timeline",
    "/v1/paths?from=Sildavya&to=BRD", "/v1/paths?from=BRD&to=Sildavya",
    "/v1/graph?actor=Sildavya", "/v1/series?actor=Sildavya", "/v1/series?a=BRD&b=Sildavya",
])
def test_unknown_actor_is_the_same_404_with_suggestions_everywhere(
        client: httpx.Client, path: str) -> None:
    err = assert_error(client.get(path), 404, "not_found")
    assert err["message"] == "unknown actor"
    assert err["detail"]["key"] == "Sildavya"
    assert "SYL" in [s["key"] for s in err["detail"]["suggestions"]]


def test_predicates_in_any_case(client: httpx.Client) -> None:
    upper = get(client, "/v1/relations", predicate="SANCTIONS")["items"]
    assert upper and get(client, "/v1/relations", predicate="Sanctions")["items"] == upper
    assert get(client, "/v1/pairs/BRD/SYL", predicate="criticizes")["predicates"][0][
        "predicate"] == "CRITICIZES"
    assert_error(client.get("/v1/relations?predicate=loves"), 422, "invalid_parameter")


# -- people and agencies ---------------------------------------------------------------


def test_what_a_person_did_beside_the_state_relation(client: httpx.Client) -> None:
    for name in (PERSON, "Zoltán Özdemirović", "ozdemirovic"):
        item = one_relation(client, subject=name)
        assert (item["subject"]["key"], item["predicate"], item["object"]["key"]) == (
            "SYL", "BUYS", "GNV")
        # The state-level relation has three sentences; two of them name Zoltán.
        assert item["mentions"] == 3
        named = item["named"]
        assert named["actor"]["key"] == PERSON and named["mentions"] == 2
        assert (named["first_seen"], named["last_seen"]) == ("2019-07-12", "2023-01-10")
        assert named["confidence"] == pytest.approx(confidence(2), abs=1e-6)
    assert get(client, "/v1/relations", object=PERSON)["items"] == []
    assert one_relation(client, actor=PERSON)["named"]["mentions"] == 2
    window = one_relation(client, subject=PERSON, since="2020")
    assert (window["mentions"], window["named"]["mentions"]) == (2, 1)
    agency = one_relation(client, actor="Syldavian Arms")
    assert agency["named"]["mentions"] == 1 and agency["predicate"] == "BUYS"
    assert one_relation(client, subject=PERSON, object="Genovia")["named"]["mentions"] == 2
    assert get(client, "/v1/relations", subject=PERSON, object="BRD")["items"] == []
    # A state-level query lists the relation as itself.
    assert one_relation(client, subject="SYL", predicate="BUYS")["named"] is None


def test_actor_filter_is_either_side(client: httpx.Client) -> None:
    items = page_all(client, "/v1/relations", {"actor": "KRK"}, limit=1)
    assert sorted((i["subject"]["key"], i["predicate"], i["object"]["key"]) for i in items) == [
        ("BRD", "SANCTIONS", "KRK"), ("KRK", "SUPPORTS", "GNV")]
    assert_error(client.get("/v1/relations?actor=KRK&subject=BRD"), 422, "invalid_parameter")


# -- distinct routes ----------------------------------------------------------------


def test_paths_are_distinct_routes_with_parallel_relations_grouped(client: httpx.Client) -> None:
    body = get(client, "/v1/paths", **{"from": "BRD", "to": "GNV"})
    assert body["hops"] == 2
    routes = [[n["key"] for n in p["nodes"]] for p in body["items"]]
    assert routes == [["BRD", "KRK", "GNV"], ["BRD", "SYL", "GNV"]]
    via_syl = body["items"][1]["steps"]
    assert [(s["source"], s["target"]) for s in via_syl] == [("BRD", "SYL"), ("SYL", "GNV")]
    assert sorted(r["predicate"] for r in via_syl[0]["relations"]) == ["CRITICIZES", "SANCTIONS"]
    assert sorted(r["predicate"] for r in via_syl[1]["relations"]) == [
        "BUYS", "COOPERATES_ON", "MEETS"]
    for step in via_syl:
        ids = [r["id"] for r in step["relations"]]
        assert ids == sorted(set(ids))
    paged = page_all(client, "/v1/paths", {"from": "BRD", "to": "GNV"}, limit=1)
    assert [[n["key"] for n in p["nodes"]] for p in paged] == routes


# -- time series --------------------------------------------------------------------


def test_series_per_day_week_and_month(client: httpx.Client) -> None:
    def points(**params: Any) -> list[tuple[str, str, int]]:
        body = get(client, "/v1/series", **params)
        return [(p["period"], p["predicate"], p["mentions"]) for p in body["items"]]

    krk = {"actor": "KRK", "predicate": "sanctions"}
    assert points(interval="day", **krk) == [
        ("2023-01-10", "SANCTIONS", 1), ("2023-01-12", "SANCTIONS", 1),
        ("2023-02-20", "SANCTIONS", 1)]
    assert points(interval="week", **krk) == [  # 2023-01-09 is a Monday
        ("2023-01-09", "SANCTIONS", 2), ("2023-02-20", "SANCTIONS", 1)]
    assert points(**krk) == [("2023-01-01", "SANCTIONS", 2), ("2023-02-01", "SANCTIONS", 1)]
    pair = get(client, "/v1/series", a="Syldavia", b="GNV", interval="month", until="2021")
    assert (pair["a"]["key"], pair["b"]["key"], pair["actor"]) == ("SYL", "GNV", None)
    assert [(p["period"], p["predicate"], p["mentions"], p["articles"]) for p in pair["items"]] == [
        ("2019-07-01", "BUYS", 1, 1), ("2019-07-01", "MEETS", 1, 1),
        ("2021-03-01", "BUYS", 1, 1), ("2021-03-01", "COOPERATES_ON", 1, 1)]
    assert points(actor=PERSON) == [("2019-07-01", "BUYS", 1), ("2023-01-01", "BUYS", 1)]
    everyone = get(client, "/v1/series", interval="month", predicate="SANCTIONS")["items"]
    assert sum(p["mentions"] for p in everyone) == 6
    assert_error(client.get("/v1/series?interval=year"), 422, "invalid_parameter")
    assert_error(client.get("/v1/series?a=BRD"), 422, "invalid_parameter")
    assert_error(client.get("/v1/series?a=BRD&b=SYL&actor=GNV"), 422, "invalid_parameter")


# -- export and sync ----------------------------------------------------------------


def test_export_every_relation_and_claim_as_ndjson_and_csv(
        client: httpx.Client, loaded: list[ExtractionResult]) -> None:
    listed = page_all(client, "/v1/relations", limit=3)
    with client.stream("GET", "/v1/export/relations") as r:
        assert r.status_code == 200 and r.headers["content-type"] == "application/x-ndjson"
        rows = [json.loads(line) for line in r.iter_lines() if line]
    assert sorted(x["id"] for x in rows) == sorted(x["id"] for x in listed)
    assert all(x["updated_at"] for x in rows)
    by_id = {x["id"]: x for x in listed}
    for x in rows:
        assert x["mentions"] == by_id[x["id"]]["mentions"]
    r = client.get("/v1/export/relations", params={"format": "csv", "predicate": "sanctions"})
    assert r.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert {(t["subject"], t["object"], t["mentions"]) for t in table} == {
        ("BRD", "SYL", "3"), ("BRD", "KRK", "3")}
    claims = sum(len(d.relations) for d in loaded)
    r = client.get("/v1/export/claims")
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert len(lines) == claims == len({x["id"] for x in lines})
    assert {x["article_id"] for x in lines} == {d.article.id for d in loaded}
    r = client.get("/v1/export/claims", params={"format": "csv"})
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert len(table) == claims and table[0]["sentence"]


def test_export_streams_in_chunks(client: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.routers import bulk

    whole = client.get("/v1/export/claims").text
    relations = client.get("/v1/export/relations").text
    monkeypatch.setattr(bulk, "CHUNK", 2)  # many chunks, each after the one before
    assert client.get("/v1/export/claims").text == whole
    assert client.get("/v1/export/relations").text == relations


def test_updated_since_keeps_what_a_later_ingest_changed(client: httpx.Client) -> None:
    articles = get(client, "/v1/articles")["items"]
    stamps = sorted(a["ingested_at"] for a in articles)
    assert len(stamps) == 5 and stamps[0]
    last = stamps[-1]  # q-2023c: one sentence, BRD sanctions KRK
    assert [a["id"] for a in get(client, "/v1/articles", updated_since=last)["items"]] == [
        "q-2023c"]
    changed = get(client, "/v1/relations", updated_since=last)["items"]
    assert [(x["subject"]["key"], x["object"]["key"]) for x in changed] == [("BRD", "KRK")]
    # q-2023c names no one: what Zoltán did was not changed by it.
    assert get(client, "/v1/relations", subject=PERSON, updated_since=last)["items"] == []
    assert get(client, "/v1/relations", subject=PERSON, updated_since=stamps[2])["items"]
    r = client.get("/v1/export/claims", params={"updated_since": last})
    assert [json.loads(x)["article_id"] for x in r.text.splitlines()] == ["q-2023c"]
    r = client.get("/v1/export/relations", params={"updated_since": last, "format": "csv"})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 1


@pytest.mark.parametrize("path", ["/v1/relations", "/v1/articles", "/v1/export/claims",
                                  "/v1/export/relations"])
def test_updated_since_with_any_offset_is_a_time(client: httpx.Client, path: str) -> None:
    # An offset Neo4j does not take (beyond 18 hours) once gave a 500.
    r = client.get(path, params={"updated_since": "1044-08-08T20:52:29.056-19:37"})
    assert r.status_code == 200, r.text


def test_changes_feed_keeps_a_copy_in_step(client: httpx.Client, driver: Driver,
                                           neo4j_server: Settings,
                                           loaded: list[ExtractionResult]) -> None:
    copy: dict[str, list[str]] = {}  # article id -> its claims' ids, as a client keeps them
    seqs: list[int] = []
    cursor = None

    def follow() -> None:
        nonlocal cursor
        while True:
            body = get(client, "/v1/changes", limit=2, **({"cursor": cursor} if cursor else {}))
            assert body["next_cursor"]
            cursor = body["next_cursor"]
            for item in body["items"]:
                copy[item["article"]["id"]] = [c["id"] for c in item["claims"]]
                seqs.append(item["seq"])
            if not body["items"]:
                return

    follow()
    assert list(copy) == [d.article.id for d in loaded]  # in ingest order
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert sum(map(len, copy.values())) == sum(len(d.relations) for d in loaded)
    # q-2019 loaded again with one sentence fewer: it comes again, after the others.
    again = world()[0]
    again.relations = again.relations[:2]
    Loader(driver, neo4j_server.neo4j_database).load(again)
    before = len(seqs)
    deadline = time.monotonic() + 15  # replies are cached until the graph's stamp is checked
    while len(seqs) == before:
        assert time.monotonic() < deadline, "the feed did not show the new ingest"
        time.sleep(0.2)
        follow()
    assert len(seqs) == before + 1 and seqs[-1] > seqs[-2]
    assert len(copy["q-2019"]) == 2
    exported = {json.loads(x)["id"] for x in client.get("/v1/export/claims").text.splitlines()}
    assert exported == {c for claims in copy.values() for c in claims}
    assert_error(client.get("/v1/changes?cursor=bm90LWEtY3Vyc29y"), 422, "invalid_parameter")


# -- OpenAPI, docs, home ------------------------------------------------------------------


def test_openapi_states_the_server_s_limits_and_stable_operation_ids(
        client: httpx.Client, settings: Settings) -> None:
    schema = get(client, "/openapi.json")
    params = {(path, p["name"]): p["schema"] for path, item in schema["paths"].items()
              for op in item.values() for p in op.get("parameters", [])}
    assert params[("/v1/graph", "depth")]["maximum"] == settings.api_max_depth == 2
    assert params[("/v1/paths", "max_hops")]["maximum"] == settings.api_max_hops == 3
    ops = {op["operationId"]: (path, method) for path, item in schema["paths"].items()
           for method, op in item.items()}
    for name in ("list_relations", "pair_view", "shortest_paths", "series", "export_claims",
                 "changes", "get_job", "submit_articles"):
        assert name in ops
    assert schema["paths"]["/v1/jobs/{job_id}"]["get"]["security"] == [{"APIKeyHeader": []}]
    body = schema["paths"]["/v1/articles"]["post"]["requestBody"]["content"]["application/json"]
    # An article, a list of them, or {"articles": [...]}: an article needs only text.
    shapes = body["schema"]["anyOf"]
    assert any(s.get("type") == "object" and s.get("required") == ["text"] for s in shapes)
    assert any(s.get("type") == "array" for s in shapes)
    # The limit stated is the one applied.
    assert_error(client.get("/v1/graph?actor=SYL&depth=3"), 422, "invalid_parameter")
    assert get(client, "/v1/graph", actor="SYL", depth=2)["edges"]


def test_docs_work_offline_and_home_points_at_them(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "http://" not in page.text.replace(
        "http://www.w3.org", "")
    assets = [a for a in page.text.split('"') if a.endswith((".js", ".css"))]
    assert assets
    for asset in assets:
        r = client.get(asset)
        assert r.status_code == 200 and len(r.content) > 1000, asset
    assert client.get("/redoc").status_code == 200
    home = get(client, "/")
    assert home["docs"] == "/docs" and home["openapi"] == "/openapi.json"

