"""Shared fixtures: one Extractor for the session, built on a copy of the data files
plus a small people/agencies/items table written here (the real ones are maintained
separately and may be partial)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from entente.models import Article
from ingest.gazetteer import DATA_DIR
from ingest.pipeline import Extractor

OWN_FILES = ("state_aliases.csv", "organizations.csv", "places.csv")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("data")
    for name in OWN_FILES:
        shutil.copy(DATA_DIR / name, d / name)
    (d / "people.csv").write_text(
        "key,name,state,role,start,end,aliases,source\n"
        "person:recep_tayyip_erdogan,Recep Tayyip Erdogan,TUR,President,2014-08-28,,Erdogan;Erdoğan,test\n"
        "person:joko_widodo,Joko Widodo,IDN,President,2014-10-20,2024-10-20,Jokowi,test\n"
        "person:vladimir_putin,Vladimir Putin,RUS,President,2012-05-07,,Putin,test\n",
        encoding="utf-8",
    )
    (d / "agencies.csv").write_text(
        "key,name,state,kind,aliases,source\n"
        "agency:rosoboronexport,Rosoboronexport,RUS,arms exporter,,test\n",
        encoding="utf-8",
    )
    (d / "items.csv").write_text(
        "name,aliases,category,origin,source\nS-400,S-400 Triumf,air defence,RUS,test\n",
        encoding="utf-8",
    )
    return d


@pytest.fixture(scope="session")
def extractor(data_dir: Path) -> Extractor:
    return Extractor(data_dir=data_dir)


def triples(extractor: Extractor, text: str, lang: str, **kw) -> set[tuple[str, str, str | None]]:
    result = extractor.extract(Article(id="t", text=text, lang=lang, **kw))
    return {(r.subject, r.predicate.value, r.object) for r in result.relations}
