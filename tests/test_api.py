"""The HTTP API through real HTTP: uvicorn serving the app, a real Neo4j behind it.

The graph holds a small synthetic world of fictional states (so that exact
answers can be asserted) next to `seeds/` and the dev corpus run through the
extractor (skipped when `ingest.extraction.pipeline` is absent). Extra app instances, on
ports of their own, cover what one configuration cannot: closed reads (401,
403, CORS), an unreachable database (503) and an unexpected exception (500).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI
from neo4j import Driver
from pydantic import SecretStr

from app.main import create_app
from app.search import escape_lucene, lucene_query
from entente.config import Settings
from entente.models import Actor, ActorKind, ExtractionResult, Predicate
from graph.loader import Loader
from tests.factories import make_doc
from tests.live import LiveServer

pytestmark = [pytest.mark.neo4j, pytest.mark.api]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def graph_counts(driver: Driver, database: str) -> dict[str, int]:
    """Node, relationship and property counts: equal counts mean an unchanged graph."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS node_props }"
        " CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS rel_props }"
        " RETURN nodes, node_props, rels, rel_props", database_=database)
    return dict(records[0])

# -- the synthetic world ---------------------------------------------------------

NAMES = {
    "BRD": "Borduria", "SYL": "Syldavia", "GNV": "Genovia", "KRK": "Krakozhia",
    "ELB": "Elbonia", **{f"Q{i:02d}": f"Quartania {i:02d}" for i in range(1, 13)},
}
PERSON = "person:zoltan-ozdemirovic"
ODD_NAME = "Robert'); MATCH (n) DETACH DELETE n //"
ODD_ALIAS = "' OR 1=1 //"


def _doc(article_id: str, triples: list[tuple[str, str, str | None]], *,
         published: dt.date, lang: str = "en", item: str | None = None) -> ExtractionResult:
    doc, _ = make_doc(article_id, triples, item=item, published=published)
    doc.article.lang = lang
    for actor in doc.actors:
        actor.name = NAMES.get(actor.key, actor.name)
    return doc


def synthetic_docs() -> list[ExtractionResult]:
    f1 = _doc("syn-f1", [("BRD", "SANCTIONS", "SYL"), ("SYL", "BUYS", "GNV"),
                         ("SYL", "MEETS", "GNV")], published=dt.date(2019, 7, 12), item="S-900")
    # The buyer is named as a person acting for Syldavia.
    f1.actors.append(Actor(key=PERSON, kind=ActorKind.PERSON, name="Zoltán Özdemirović",
                           state="SYL", aliases=["Ozdemirovic", "Zoltan Ozdemirovic"]))
    f1.relations[1] = f1.relations[1].model_copy(
        update={"subject_actor": PERSON, "subject_entity": "Özdemirović"})
    f2 = _doc("syn-f2", [("BRD", "SANCTIONS", "SYL"), ("GNV", "COOPERATES_ON", "SYL")],
              published=dt.date(2021, 3, 1), lang="id")
    f3 = _doc("syn-f3", [("BRD", "SANCTIONS", "KRK"), ("KRK", "SUPPORTS", "GNV"),
                         ("ELB", "BUYS", None)], published=dt.date(2023, 1, 10),
              item="Zephyr drones")
    odd = _doc("syn-odd", [("ODD", "CRITICIZES", "BRD")], published=dt.date(2022, 6, 1))
    odd.actors = [a if a.key != "ODD" else Actor(key="ODD", kind=ActorKind.ORGANIZATION,
                                                 name=ODD_NAME, aliases=[ODD_ALIAS])
                  for a in odd.actors]
    quartania = [
        _doc(f"syn-q{i:02d}", [(f"Q{i:02d}", "SANCTIONS", f"Q{j:02d}") for j in range(1, 13)
                               if j != i], published=dt.date(2020, 2, i))
        for i in range(1, 13)
    ]
    return [f1, f2, f3, odd, *quartania]


def corpus_docs() -> list[ExtractionResult]:
    """seeds/ and the dev corpus through the extractor; none when it is absent."""
    try:
        from ingest.extraction.pipeline import Extractor
        from ingest.readers import read_path
    except ImportError:
        return []
    paths = [REPO / "seeds", *sorted((SHARED / "corpus" / "dev").glob("*.jsonl"))]
    articles = {a.id: a for p in paths if p.exists() for _, a in read_path(p)
                if not isinstance(a, str)}
    extractor = Extractor()
    return [extractor.extract(a) for a in articles.values()]


# -- live servers ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def loaded(driver: Driver, neo4j_server: Settings) -> dict[str, Any]:
    """The graph emptied, then loaded with the synthetic world and the corpus."""
    db = neo4j_server.neo4j_database
    with driver.session(database=db) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    loader = Loader(driver, db)
    synthetic = synthetic_docs()
    report = loader.load_many(synthetic)
    assert not report.failed, report.failed
    corpus = corpus_docs()
    corpus_report = loader.load_many(corpus) if corpus else None
    return {"synthetic": synthetic, "corpus": corpus,
            "corpus_loaded": (corpus_report.articles if corpus_report else 0)}


@pytest.fixture(scope="module")
def api_settings(neo4j_server: Settings) -> Settings:
    return neo4j_server.model_copy(update={"api_keys": (SecretStr("key-one"),)})


@pytest.fixture(scope="module")
def live_app(api_settings: Settings) -> FastAPI:
    return create_app(api_settings)


@pytest.fixture(scope="module")
def live(loaded: dict[str, Any], live_app: FastAPI, api_settings: Settings) -> Iterator[str]:
    with LiveServer(live_app, api_settings.api_port) as server:
        yield server.url


@pytest.fixture(scope="module")
def client(live: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def closed(api_settings: Settings) -> Iterator[httpx.Client]:
    """An instance whose reads need a key, with CORS open to one origin."""
    settings = api_settings.model_copy(update={
        "api_reads_open": False, "api_keys": (SecretStr("key-one"), SecretStr("key-two")),
        "api_cors_origins": ("https://analyst.example",), "api_cache_size": 0,
        "api_warm_up": False})
    with LiveServer(create_app(settings)) as server, httpx.Client(base_url=server.url,
                                                                  timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def unreachable(api_settings: Settings) -> Iterator[httpx.Client]:
    """An instance whose Neo4j is not there."""
    port = _free_port()
    settings = api_settings.model_copy(update={
        "neo4j_uri": f"neo4j://127.0.0.1:{port}", "api_retry_time": 0.0, "api_retry_after": 7,
        "api_warm_up": False})
    with LiveServer(create_app(settings)) as server, httpx.Client(base_url=server.url,
                                                                  timeout=30) as c:
        yield c


def page_all(client: httpx.Client, path: str, params: dict[str, Any] | None = None,
             limit: int = 5) -> list[dict[str, Any]]:
    """Every item of a list, followed page by page through `next_cursor`."""
    items: list[dict[str, Any]] = []
    params = {**(params or {}), "limit": limit}
    for _ in range(1000):
        r = client.get(path, params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        if body["next_cursor"] is None:
            return items
        assert len(body["items"]) == limit  # only the last page may be short
        params["cursor"] = body["next_cursor"]
    raise AssertionError("pagination does not end")


def assert_error(r: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    assert "Traceback" not in r.text
    return body["error"]


def relation(client: httpx.Client, subject: str, predicate: str, object_: str,
             **params: Any) -> list[dict[str, Any]]:
    r = client.get("/v1/relations", params={"subject": subject, "predicate": predicate,
                                            "object": object_, **params})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


# -- health ------------------------------------------------------------------------


def test_healthz_and_readyz(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    deadline = time.monotonic() + 120
    while (r := client.get("/readyz")).status_code == 503:  # still planning the queries
        assert r.json()["error"]["detail"] == {"warming_up": True}
        assert time.monotonic() < deadline, r.text
        time.sleep(0.5)
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ready", "missing": []}


def test_openapi_documents_every_endpoint_with_examples(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    expected = {"/v1/relations", "/v1/relations/{relation_id}/evidence", "/v1/actors",
                "/v1/actors/{key}", "/v1/actors/{key}/purchases", "/v1/actors/{key}/sales",
                "/v1/pairs/{a}/{b}", "/v1/pairs/{a}/{b}/timeline", "/v1/paths", "/v1/graph",
                "/v1/articles", "/v1/articles/{article_id}", "/v1/stats", "/healthz", "/readyz"}
    assert expected <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    for path in expected:
        item = spec["paths"][path]
        ok = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        name = ok["$ref"].rsplit("/", 1)[-1]
        assert schemas[name].get("examples"), f"{path}: no example"
        if path.startswith("/v1"):
            err = item["get"]["responses"]["422"]["content"]["application/json"]["schema"]
            assert err["$ref"].endswith("/ErrorResponse")
    assert client.get("/docs").status_code == 200


# -- relations ---------------------------------------------------------------------


def test_relations_who_sanctioned_whom(client: httpx.Client) -> None:
    items = relation(client, "BRD", "SANCTIONS", "SYL")
    assert len(items) == 1
    rel = items[0]
    assert rel["subject"] == {"key": "BRD", "code": "BRD", "name": "Borduria", "type": "State"}
    assert rel["object"]["name"] == "Syldavia"
    assert rel["predicate"] == "SANCTIONS" and rel["mentions"] == 2
    assert rel["first_seen"] == "2019-07-12" and rel["last_seen"] == "2021-03-01"
    assert rel["confidence"] == pytest.approx(1 - 0.2 * 0.2)
    assert rel["evidence_url"] == f"/v1/relations/{rel['id']}/evidence"
    assert rel["item"] is None and rel["topic"] is None
    # Any filter may be left out.
    by_subject = client.get("/v1/relations", params={"subject": "BRD"}).json()["items"]
    assert {(r["predicate"], r["object"]["key"]) for r in by_subject} == {
        ("SANCTIONS", "SYL"), ("SANCTIONS", "KRK")}
    to_brd = client.get("/v1/relations", params={"object": "brd"}).json()["items"]
    assert [(r["subject"]["key"], r["predicate"]) for r in to_brd] == [("ODD", "CRITICIZES")]


def test_relations_item_topic_and_symmetric_either_way(client: httpx.Client) -> None:
    buys = relation(client, "SYL", "BUYS", "GNV")
    assert [r["item"] for r in buys] == ["S-900"]
    # Stored GNV -> SYL (code order), found from either side.
    for s, o in (("SYL", "GNV"), ("GNV", "SYL")):
        meets = relation(client, s, "MEETS", o)
        assert len(meets) == 1 and meets[0]["subject"]["key"] == "GNV"
    coop = relation(client, "SYL", "COOPERATES_ON", "GNV")
    assert coop[0]["topic"] == "defense"


def test_relations_filters_on_evidence_dates_language_and_confidence(
        client: httpx.Client) -> None:
    assert relation(client, "BRD", "SANCTIONS", "SYL", since="2021-01-01")
    assert relation(client, "BRD", "SANCTIONS", "SYL", until="2019-12-31")
    assert relation(client, "BRD", "SANCTIONS", "SYL", since="2019-07-12", until="2019-07-12")
    assert not relation(client, "BRD", "SANCTIONS", "SYL", since="2021-03-02")
    assert not relation(client, "BRD", "SANCTIONS", "SYL", since="2020-01-01", until="2020-12-31")
    assert relation(client, "BRD", "SANCTIONS", "SYL", lang="id")
    assert not relation(client, "BRD", "SANCTIONS", "KRK", lang="id")
    assert relation(client, "BRD", "SANCTIONS", "SYL", min_confidence=0.95)
    assert not relation(client, "BRD", "SANCTIONS", "KRK", min_confidence=0.95)
    # Filters without subject/object, over every type.
    items = page_all(client, "/v1/relations", {"lang": "id"}, limit=50)
    synthetic = {(r["subject"]["key"], r["predicate"], r["object"]["key"]) for r in items
                 if r["subject"]["key"] in NAMES}
    assert synthetic == {("BRD", "SANCTIONS", "SYL"), ("GNV", "COOPERATES_ON", "SYL")}


def test_relations_pages_neither_repeat_nor_skip(client: httpx.Client, driver: Driver,
                                                 neo4j_server: Settings) -> None:
    db = neo4j_server.neo4j_database
    for predicate in ("SANCTIONS", None):
        params = {"predicate": predicate} if predicate else {}
        items = page_all(client, "/v1/relations", params, limit=7)
        ids = [r["id"] for r in items]
        assert len(ids) == len(set(ids)), "a relation came twice"
        assert ids == sorted(ids)
        types = [predicate] if predicate else [p.value for p in Predicate]
        records, _, _ = driver.execute_query(
            "MATCH ()-[r]->() WHERE type(r) IN $types RETURN collect(r.id) AS ids",
            types=types, database_=db)
        assert set(ids) == set(records[0]["ids"]), "a relation was skipped"
    assert len([i for i in ids if i]) >= 132 + 8


def test_relation_evidence_with_articles_and_offsets(client: httpx.Client,
                                                     loaded: dict[str, Any]) -> None:
    rel = relation(client, "SYL", "BUYS", "GNV")[0]
    r = client.get(rel["evidence_url"])
    assert r.status_code == 200, r.text
    [claim] = r.json()["items"]
    assert claim["relation_id"] == rel["id"] and claim["predicate"] == "BUYS"
    assert claim["article"]["id"] == "syn-f1" and claim["article"]["published"] == "2019-07-12"
    assert claim["article"]["url"] == "https://example.org/syn-f1"
    assert claim["actors"] == [{"role": "subject", "surface": "Özdemirović", "key": PERSON,
                                "name": "Zoltán Özdemirović", "type": "Person"}]
    assert claim["sentence"] == "SYL buys GNV in sentence 1."
    assert claim["end"] - claim["start"] == len(claim["sentence"])
    # Paged, and filtered like the relations.
    sanctions = relation(client, "BRD", "SANCTIONS", "SYL")[0]
    claims = page_all(client, sanctions["evidence_url"], limit=1)
    assert sorted(c["article"]["id"] for c in claims) == ["syn-f1", "syn-f2"]
    only_id = client.get(sanctions["evidence_url"], params={"lang": "id"}).json()["items"]
    assert [c["article"]["id"] for c in only_id] == ["syn-f2"]


def test_unknown_relation_is_404(client: httpx.Client) -> None:
    assert_error(client.get("/v1/relations/0123456789abcdef/evidence"), 404, "not_found")


# -- actors ------------------------------------------------------------------------


def test_actor_search_tolerates_spelling_accents_and_codes(client: httpx.Client) -> None:
    def keys(q: str, **params: Any) -> list[str]:
        r = client.get("/v1/actors", params={"q": q, **params})
        assert r.status_code == 200, r.text
        return [a["key"] for a in r.json()["items"]]

    assert keys("Zoltán Özdemirović")[0] == PERSON
    assert keys("zoltan ozdemirovic")[0] == PERSON  # no accents
    assert keys("ozdemirovc")[0] == PERSON  # a letter missing
    assert keys("ozdemir")[0] == PERSON  # a prefix
    assert keys("syldavai")[0] == "SYL"  # letters swapped
    assert keys("syl")[0] == "SYL"  # the code, any case
    assert PERSON not in keys("ozdemirovic", type="State")
    hit = client.get("/v1/actors", params={"q": "Ozdemirovic"}).json()["items"][0]
    assert set(hit["aliases"]) >= {"Ozdemirovic", "Zoltan Ozdemirovic"} and hit["score"] > 0


def test_actor_search_pages(client: httpx.Client) -> None:
    everything = client.get("/v1/actors", params={"q": "quartania", "limit": 100}).json()
    paged = page_all(client, "/v1/actors", {"q": "quartania"}, limit=5)
    assert [a["key"] for a in paged] == [a["key"] for a in everything["items"]]
    assert {f"Q{i:02d}" for i in range(1, 13)} <= {a["key"] for a in paged}


def test_actor_profile(client: httpx.Client) -> None:
    r = client.get("/v1/actors/syl")
    assert r.status_code == 200, r.text
    syl = r.json()
    assert (syl["key"], syl["name"], syl["type"], syl["acts_for"]) == (
        "SYL", "Syldavia", "State", None)
    assert syl["relations_in"]["SANCTIONS"] == 1 and syl["relations_out"]["SANCTIONS"] == 0
    assert syl["relations_out"]["BUYS"] == 1
    assert syl["relations_out"]["MEETS"] == syl["relations_in"]["MEETS"] == 1
    assert syl["agents"] == 1 and syl["claims"] == 5
    assert set(syl["relations_out"]) == {p.value for p in Predicate}
    person = client.get(f"/v1/actors/{PERSON}").json()
    assert person["type"] == "Person" and person["acts_for"]["key"] == "SYL"
    assert person["named_in"] == 1 and person["code"] is None


def test_purchases_and_sales(client: httpx.Client) -> None:
    [bought] = client.get("/v1/actors/SYL/purchases").json()["items"]
    assert (bought["seller"]["key"], bought["item"], bought["mentions"]) == ("GNV", "S-900", 1)
    assert bought["evidence_url"] == f"/v1/relations/{bought['id']}/evidence"
    [no_seller] = client.get("/v1/actors/ELB/purchases").json()["items"]
    assert no_seller["seller"] is None and no_seller["item"] == "Zephyr drones"
    assert no_seller["first_seen"] == "2023-01-10" and no_seller["buyer"]["key"] == "ELB"
    [sold] = client.get("/v1/actors/GNV/sales").json()["items"]
    assert sold["buyer"]["key"] == "SYL" and sold["id"] == bought["id"]
    assert client.get("/v1/actors/SYL/purchases", params={"since": "2020-01-01"}).json() == {
        "items": [], "next_cursor": None}
    assert client.get("/v1/actors/SYL/sales").json()["items"] == []


# -- pairs -------------------------------------------------------------------------


def test_pair_view_both_directions_grouped(client: httpx.Client) -> None:
    r = client.get("/v1/pairs/SYL/GNV")
    assert r.status_code == 200, r.text
    pair = r.json()
    assert pair["a"]["key"] == "SYL" and pair["b"]["key"] == "GNV"
    assert {g["predicate"] for g in pair["predicates"]} == {"BUYS", "MEETS", "COOPERATES_ON"}
    assert pair["mentions"] == 3 and pair["items"] == ["S-900"] and pair["topics"] == ["defense"]
    assert (pair["first_seen"], pair["last_seen"]) == ("2019-07-12", "2021-03-01")
    assert pair["timeline"] == [
        {"date": "2019-07-12", "predicate": "BUYS", "mentions": 1},
        {"date": "2019-07-12", "predicate": "MEETS", "mentions": 1},
        {"date": "2021-03-01", "predicate": "COOPERATES_ON", "mentions": 1},
    ]
    reverse = client.get("/v1/pairs/GNV/SYL").json()
    assert reverse["mentions"] == 3 and reverse["a"]["key"] == "GNV"
    only = client.get("/v1/pairs/SYL/GNV", params={"predicate": ["BUYS", "MEETS"],
                                                   "until": "2020-01-01"}).json()
    assert {g["predicate"] for g in only["predicates"]} == {"BUYS", "MEETS"}
    nothing = client.get("/v1/pairs/SYL/ELB").json()
    assert nothing["predicates"] == [] and nothing["mentions"] == 0 and nothing["b"]["key"] == "ELB"


def test_pair_timeline_pages_in_date_order(client: httpx.Client) -> None:
    events = page_all(client, "/v1/pairs/SYL/GNV/timeline", limit=1)
    assert [(e["date"], e["predicate"]) for e in events] == [
        ("2019-07-12", "BUYS"), ("2019-07-12", "MEETS"), ("2021-03-01", "COOPERATES_ON")]
    assert all(e["article"]["id"] in {"syn-f1", "syn-f2"} for e in events)
    brd = page_all(client, "/v1/pairs/BRD/SYL/timeline", {"lang": "en"}, limit=1)
    assert [e["article"]["id"] for e in brd] == ["syn-f1"]


# -- paths and graph -----------------------------------------------------------------


def test_paths_shortest_and_paged(client: httpx.Client) -> None:
    r = client.get("/v1/paths", params={"from": "BRD", "to": "GNV"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["hops"] == 2
    # One route per sequence of actors, the parallel relations of a step grouped.
    via = [(p["nodes"][1]["key"], sorted(r["predicate"] for r in p["steps"][1]["relations"]))
           for p in body["items"]]
    assert via == [("KRK", ["SUPPORTS"]), ("SYL", ["BUYS", "COOPERATES_ON", "MEETS"])]
    for p in body["items"]:
        assert [n["key"] for n in p["nodes"]][::2] == ["BRD", "GNV"]
        assert len(p["steps"]) == 2
    paged = page_all(client, "/v1/paths", {"from": "BRD", "to": "GNV"}, limit=1)
    assert paged == body["items"]
    only = client.get("/v1/paths", params={"from": "BRD", "to": "GNV",
                                           "predicate": ["SANCTIONS", "SUPPORTS"]}).json()
    assert [p["nodes"][1]["key"] for p in only["items"]] == ["KRK"]
    far = client.get("/v1/paths", params={"from": "BRD", "to": "GNV", "max_hops": 1}).json()
    assert far == {"items": [], "next_cursor": None, "hops": None}


def test_graph_json_graphml_csv(client: httpx.Client) -> None:
    one = client.get("/v1/graph", params={"actor": "SYL"}).json()
    assert one["center"]["key"] == "SYL"
    assert {n["key"] for n in one["nodes"]} == {"SYL", "BRD", "GNV"}
    assert {(e["source"], e["predicate"], e["target"]) for e in one["edges"]} == {
        ("BRD", "SANCTIONS", "SYL"), ("SYL", "BUYS", "GNV"), ("GNV", "MEETS", "SYL"),
        ("GNV", "COOPERATES_ON", "SYL")}
    two = client.get("/v1/graph", params={"actor": "SYL", "depth": 2}).json()
    assert {n["key"] for n in two["nodes"]} == {"SYL", "BRD", "GNV", "KRK", "ODD"}
    assert len(two["edges"]) == 7
    paged: list[dict[str, Any]] = []
    params: dict[str, Any] = {"actor": "SYL", "depth": 2, "limit": 3}
    while True:
        page = client.get("/v1/graph", params=params).json()
        paged += page["edges"]
        if not page["next_cursor"]:
            break
        params["cursor"] = page["next_cursor"]
    assert sorted(e["id"] for e in paged) == sorted(e["id"] for e in two["edges"])
    sanctions = client.get("/v1/graph", params={"actor": "SYL", "predicate": "SANCTIONS"}).json()
    assert [e["predicate"] for e in sanctions["edges"]] == ["SANCTIONS"]

    xml = client.get("/v1/graph", params={"actor": "ODD", "format": "graphml"})
    assert xml.status_code == 200 and xml.headers["content-type"].startswith(
        "application/graphml+xml")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml.text)  # well-formed despite the quotes and brackets in a name
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    names = [d.text for d in root.iterfind(".//g:node/g:data[@key='n_name']", ns)]
    assert ODD_NAME in names
    assert len(root.findall(".//g:edge", ns)) == 1

    csv_reply = client.get("/v1/graph", params={"actor": "SYL", "format": "csv", "limit": 2})
    assert csv_reply.headers["content-type"].startswith("text/csv")
    assert csv_reply.headers["x-next-cursor"]
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(csv_reply.text)))
    assert len(rows) == 2 and {"source", "predicate", "target", "mentions"} <= set(rows[0])


# -- articles and stats --------------------------------------------------------------


def test_articles_list_and_detail(client: httpx.Client, loaded: dict[str, Any]) -> None:
    articles = page_all(client, "/v1/articles", limit=4)
    ids = [a["id"] for a in articles]
    assert ids == sorted(set(ids))
    expected = {d.article.id for d in loaded["synthetic"]} | {
        d.article.id for d in loaded["corpus"]}
    assert set(ids) == expected
    assert [a["id"] for a in page_all(client, "/v1/articles", {"lang": "id", "until": "2022-01-01"})
            if a["id"].startswith("syn")] == ["syn-f2"]
    r = client.get("/v1/articles/syn-f1")
    assert r.status_code == 200, r.text
    art = r.json()
    assert art["title"] == "Article syn-f1" and art["lang"] == "en"
    assert [c["predicate"] for c in art["claims"]] == ["SANCTIONS", "BUYS", "MEETS"]
    assert [c["start"] for c in art["claims"]] == sorted(c["start"] for c in art["claims"])


def test_corpus_articles_and_their_evidence(client: httpx.Client, loaded: dict[str, Any]) -> None:
    if not loaded["corpus"]:
        pytest.skip("no extractor to run the corpus through")
    assert loaded["corpus_loaded"] == len(loaded["corpus"])
    texts = {}
    for path in [REPO / "seeds", *(SHARED / "corpus" / "dev").glob("*.jsonl")]:
        from ingest.readers import read_path

        texts |= {a.id: a.text for _, a in read_path(path) if not isinstance(a, str)}
    claims = 0
    for doc in loaded["corpus"]:
        r = client.get(f"/v1/articles/{quote(doc.article.id, safe='')}")
        assert r.status_code == 200, r.text
        for claim in r.json()["claims"]:
            claims += 1
            assert texts[doc.article.id][claim["start"]:claim["end"]] == claim["sentence"]
            # Every extracted claim carries its event code, as stored in the graph.
            rel = next(x for x in doc.relations if x.evidence == claim["sentence"]
                       and x.predicate.value == claim["predicate"]
                       and (x.subject, x.object) == (claim["subject"], claim["object"]))
            assert (claim["cameo"], claim["plover"], claim["goldstein"]) == (
                rel.cameo, rel.plover, rel.goldstein), claim
            if claim["predicate"] != "BUYS":  # the one predicate with no CAMEO root
                assert claim["cameo"] and -10 <= claim["goldstein"] <= 10, claim
    assert claims > 0
    # The seed article's Turkey-Russia relations show in the pair view and the timeline.
    pair = client.get("/v1/pairs/TUR/RUS").json()
    assert pair["mentions"] > 0
    assert client.get("/v1/pairs/TUR/RUS/timeline").json()["items"]
    # Any name in a supported language, and a misspelling.
    for q in ("Türkiye", "turkiye", "tur", "Turki", "Turkey", "Turky"):
        hits = client.get("/v1/actors", params={"q": q}).json()["items"]
        assert "TUR" in [h["key"] for h in hits[:3]], (q, hits[:3])
    hits = client.get("/v1/actors", params={"q": "Amerika Serikat"}).json()["items"]
    assert hits[0]["key"] == "USA", hits[:3]


def test_stats(client: httpx.Client, loaded: dict[str, Any]) -> None:
    stats = client.get("/v1/stats").json()
    assert stats["labels"]["Article"] == len(loaded["synthetic"]) + len(loaded["corpus"])
    assert stats["labels"]["Person"] >= 1 and stats["labels"]["Claim"] > 0
    assert stats["relations"]["SANCTIONS"] >= 132 + 2
    assert set(stats["relations"]) == {p.value for p in Predicate}
    assert dt.datetime.fromisoformat(stats["last_ingest"]).year >= 2025


# -- errors ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/v1/actors/XXX", "/v1/actors/person:nobody", "/v1/actors/XXX/purchases",
    "/v1/actors/XXX/sales", "/v1/pairs/SYL/XXX", "/v1/pairs/XXX/SYL/timeline",
    "/v1/paths?from=XXX&to=SYL", "/v1/graph?actor=XXX", "/v1/relations?subject=XXX%20b",
    "/v1/articles/no-such-article",
    "/v1/nowhere",
])
def test_unknown_things_are_404(client: httpx.Client, path: str) -> None:
    err = assert_error(client.get(path), 404, "not_found")
    if "XXX" in path:
        assert "XXX" in json.dumps(err["detail"])


@pytest.mark.parametrize("path", [
    "/v1/relations?predicate=LOVES", "/v1/relations?limit=0", "/v1/relations?limit=100000",
    "/v1/relations?cursor=not-a-cursor", "/v1/relations?since=2022-01-01&until=2021-01-01",
    "/v1/relations?since=yesterday", "/v1/relations?min_confidence=2",
    "/v1/relations?lang=english", "/v1/actors",
    "/v1/actors?q=", "/v1/pairs/SYL/SYL", "/v1/paths?from=SYL&to=SYL", "/v1/paths?from=SYL",
    "/v1/paths?from=SYL&to=GNV&max_hops=99", "/v1/paths?from=SYL&to=GNV&max_hops=6",
    "/v1/graph", "/v1/graph?actor=SYL&depth=4", "/v1/graph?actor=SYL&format=pdf",
    "/v1/articles?cursor=" + quote(base64.urlsafe_b64encode(b'["rel","x"]').decode()),
])
def test_bad_parameters_are_422(client: httpx.Client, path: str) -> None:
    err = assert_error(client.get(path), 422, "invalid_parameter")
    assert err["detail"]


def test_wrong_method_is_405_in_the_error_shape(client: httpx.Client) -> None:
    assert_error(client.delete("/v1/relations"), 405, "method_not_allowed")


def test_reads_closed_need_a_key(closed: httpx.Client) -> None:
    err = assert_error(closed.get("/v1/stats"), 401, "unauthorized")
    assert "X-API-Key" in err["message"]
    assert closed.get("/v1/stats").headers["www-authenticate"] == "ApiKey"
    assert_error(closed.get("/v1/stats", headers={"X-API-Key": "wrong"}), 403, "forbidden")
    assert_error(closed.get("/v1/stats", headers={"X-API-Key": ""}), 401, "unauthorized")
    for key in ("key-one", "key-two"):
        assert closed.get("/v1/stats", headers={"X-API-Key": key}).status_code == 200
    assert closed.get("/healthz").status_code == 200  # probes stay open
    spec = closed.get("/openapi.json").json()
    assert "401" in spec["paths"]["/v1/stats"]["get"]["responses"]


def test_cors_is_configurable(closed: httpx.Client, client: httpx.Client) -> None:
    preflight = {"Origin": "https://analyst.example", "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "X-API-Key"}
    r = closed.options("/v1/relations", headers=preflight)
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "https://analyst.example"
    r = closed.get("/v1/stats", headers={"Origin": "https://analyst.example",
                                         "X-API-Key": "key-one"})
    assert r.headers["access-control-allow-origin"] == "https://analyst.example"
    r = closed.options("/v1/relations", headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    # The default: no CORS headers at all.
    r = client.get("/v1/stats", headers={"Origin": "https://analyst.example"})
    assert "access-control-allow-origin" not in r.headers


def test_configured_cors_leaves_the_browser_assets_to_the_browser_origin(
    closed: httpx.Client, api_settings: Settings
) -> None:
    # The Browser's guide fetch is preflighted; the configured origins do not list
    # the Browser's, and need not.
    origin = f"http://127.0.0.1:{api_settings.neo4j_http_port}"
    r = closed.options("/browser/guide.html", headers={
        "Origin": origin, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "pragma,cache-control"})
    assert r.status_code == 204 and r.headers["access-control-allow-origin"] == origin
    r = closed.get("/browser/guide.html", headers={"Origin": origin})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == origin
    r = closed.options("/v1/relations", headers={
        "Origin": origin, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in r.headers  # the data API stays as configured


def test_unreachable_neo4j_is_503_with_retry_after(unreachable: httpx.Client) -> None:
    for path in ("/v1/relations?predicate=SANCTIONS", "/v1/actors/TUR", "/v1/stats",
                 "/v1/actors?q=turkey", "/readyz"):
        r = unreachable.get(path)
        assert_error(r, 503, "unavailable")
        assert r.headers["retry-after"] == "7"
    assert unreachable.get("/healthz").status_code == 200


def test_unexpected_errors_are_500_without_a_trace(api_settings: Settings) -> None:
    app = create_app(api_settings)

    @app.get("/boom")
    async def boom() -> dict[str, str]:
        raise RuntimeError("secret internals: /etc/passwd at line 42")

    with LiveServer(app) as server, httpx.Client(base_url=server.url) as c:
        r = c.get("/boom")
    assert_error(r, 500, "internal")
    assert "secret" not in r.text and "passwd" not in r.text


# -- injection ---------------------------------------------------------------------

ATTACKS = [
    "' OR 1=1 //", "\" OR \"\"=\"", "TUR'}) MATCH (n) DETACH DELETE n //",
    "x` RETURN 1 UNION MATCH (n) DETACH DELETE n //", "$limit", "}{", "\\", "%00",
    "name:* OR *:*", "a AND (b", "\"unterminated", "/regex.*/", "~~~", "*",
    "+-&&||!(){}[]^\"~*?:\\/",
    "CALL db.index.fulltext.queryNodes('actor_names', '*')",
]


def test_injection_is_treated_as_data(client: httpx.Client, driver: Driver,
                                      neo4j_server: Settings) -> None:
    db = neo4j_server.neo4j_database
    before = graph_counts(driver, db)
    all_actors = driver.execute_query("MATCH (a:Actor) RETURN count(a) AS n",
                                      database_=db).records[0]["n"]
    for attack in ATTACKS:
        r = client.get("/v1/actors", params={"q": attack})
        assert r.status_code in (200, 422), (attack, r.text)
        if r.status_code == 200:
            assert len(r.json()["items"]) < all_actors or all_actors <= 50
        for path, params in [
            ("/v1/relations", {"cursor": attack}), ("/v1/relations", {"predicate": attack}),
            ("/v1/relations", {"lang": attack}), ("/v1/articles", {"since": attack}),
        ]:
            r = client.get(path, params=params)
            assert_error(r, 422)
        # An actor parameter is a name to look up: unknown (404), or found as text
        # (the attack that is ODD's name finds ODD).
        for path, params in [
            ("/v1/relations", {"subject": attack}), ("/v1/paths", {"from": attack, "to": "SYL"}),
            ("/v1/graph", {"actor": attack}),
        ]:
            r = client.get(path, params=params)
            if r.status_code != 200:
                assert_error(r, 404 if len(attack) <= 200 else 422)
        for path in (f"/v1/actors/{quote(attack, safe='')}",
                     f"/v1/articles/{quote(attack, safe='')}",
                     f"/v1/relations/{quote(attack, safe='')}/evidence",
                     f"/v1/pairs/SYL/{quote(attack, safe='')}"):
            r = client.get(path)
            # (`' OR 1=1 //` is an alias of ODD: an actor found by that name.)
            assert r.status_code in (200, 404, 422), (path, r.text)
            if r.status_code != 200:
                assert_error(r, r.status_code)
    # A well-formed cursor carrying an attack is only a key to continue after.
    forged = base64.urlsafe_b64encode(json.dumps(["rel", ATTACKS[2]]).encode()).decode()
    r = client.get("/v1/relations", params={"cursor": forged, "limit": 3})
    assert r.status_code == 200 and all(i["id"] > ATTACKS[2] for i in r.json()["items"])
    # Names made of Cypher and Lucene are found as text.
    odd = client.get("/v1/actors", params={"q": "DETACH DELETE"}).json()["items"]
    assert odd[0]["key"] == "ODD" and odd[0]["name"] == ODD_NAME
    assert client.get("/v1/actors", params={"q": ODD_ALIAS}).json()["items"][0]["key"] == "ODD"
    assert client.get("/v1/actors/odd").json()["aliases"] == [ODD_ALIAS]
    assert graph_counts(driver, db) == before


# -- units: the search query and cursors ---------------------------------------------


@pytest.mark.parametrize("text", ATTACKS)
def test_lucene_query_escapes_everything(text: str) -> None:
    query = lucene_query(text)
    if query is None:
        return
    for word in query.replace("(", " ").replace(")", " ").split():
        if word == "OR":
            continue
        body = word.split("^")[0].split("~")[0].removesuffix("*")
        assert body.isalnum() or "_" in body, word


def test_escape_lucene() -> None:
    assert escape_lucene('a+b-c:d"e*f?g~h^i\\j/k(l)m[n]o{p}q!r&s|t') == (
        'a\\+b\\-c\\:d\\"e\\*f\\?g\\~h\\^i\\\\j\\/k\\(l\\)m\\[n\\]o\\{p\\}q\\!r\\&s\\|t')
    assert lucene_query("Erdoğan  NOT") == (
        "(erdoğan^4 OR erdoğan*^2 OR erdoğan~2) (not^4 OR not*^2)")
    assert lucene_query("!!!") is None


def test_relation_model_has_no_stray_fields() -> None:
    # The contract of the relation items the issue lists.
    from app.schemas import RelationOut

    fields = set(RelationOut.model_json_schema(mode="serialization")["properties"])
    assert fields == {"id", "subject", "object", "predicate", "item", "topic", "first_seen",
                      "last_seen", "mentions", "articles", "sources", "confidence",
                      "evidence_url"}



# -- the OpenAPI contract, fuzzed ------------------------------------------------------
# Schemathesis generates requests from the live app's /openapi.json. Its pytest plugin
# does not run on pytest 9 yet, so each operation is a plain test driving Hypothesis.

import schemathesis  # noqa: E402
from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CONTRACT_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
                   response_headers_conformance, response_schema_conformance]
SPEC = create_app(Settings()).openapi()
OPERATIONS = [
    pytest.param(path, method.upper(), mode, id=f"{method.upper()} {path} {mode.value}")
    for path, item in SPEC["paths"].items() for method, op in item.items()
    for mode in GenerationMode if mode is GenerationMode.POSITIVE or op.get("parameters")
]


@pytest.fixture(scope="module")
def api_schema(live: str) -> Any:
    return schemathesis.openapi.from_url(f"{live}/openapi.json")


def test_live_schema_is_the_apps(client: httpx.Client) -> None:
    assert client.get("/openapi.json").json() == SPEC


@pytest.mark.parametrize(("path", "method", "mode"), OPERATIONS)
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
def test_openapi_contract(api_schema: Any, live: str, path: str, method: str,
                          mode: GenerationMode) -> None:
    """Generated requests, valid and invalid: no 5xx, and every reply (errors included)
    has a documented status, content type, headers and schema."""
    operation = api_schema[path][method]

    @hypothesis_settings(max_examples=15, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: Any) -> None:
        case.call_and_validate(base_url=live, checks=CONTRACT_CHECKS)

    check()



# -- last: the cache follows the graph -------------------------------------------------


def test_cached_answers_follow_an_ingest(client: httpx.Client, live_app: FastAPI,
                                         driver: Driver, neo4j_server: Settings) -> None:
    """Repeated questions are answered from the cache; an ingest empties it within
    `api_cache_check` seconds. (Last in the module: it adds an article.)"""
    cache = live_app.state.reader.cache
    path = "/v1/relations?subject=ELB&predicate=SANCTIONS"
    first = client.get(path)
    assert first.json()["items"] == []
    hits = cache.hits
    again = client.get(path)  # the same reply, from the cache
    assert cache.hits == hits + 1
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    Loader(driver, neo4j_server.neo4j_database).load(
        _doc("syn-late", [("ELB", "SANCTIONS", "BRD")], published=dt.date(2024, 1, 1)))
    deadline = time.monotonic() + 10
    while not (items := client.get(path).json()["items"]):
        assert time.monotonic() < deadline, "the cache kept a stale answer"
        time.sleep(0.2)
    assert items[0]["object"]["key"] == "BRD"
