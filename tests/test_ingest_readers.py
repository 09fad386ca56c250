"""The file readers: every format, and every kind of bad input reported, never fatal."""

from __future__ import annotations

import json
from pathlib import Path

from entente.models import Article, derive_article_id
from ingest.formats import article_from, dedup_keys, text_problem
from ingest.readers import read_path

TEXT = ("Turkey bought S-400 missiles from Russia in a deal that angered Washington. "
        "The United States then imposed sanctions on Turkey over the purchase, officials said.")

HTML = f"""<!doctype html><html lang="en"><head><title>Deal angers Washington</title>
<meta property="article:published_time" content="2020-12-14"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Deal angers Washington</h1><p>{TEXT}</p>
<p>Analysts expect the dispute between the two allies to last for many months.</p></article>
<footer>Copyright 2020</footer></body></html>"""

RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>World wire</title>
<language>en-us</language><link>https://wire.example.org/</link>
<item><title>One</title><link>https://wire.example.org/1</link><guid>wire-1</guid>
<pubDate>Mon, 14 Dec 2020 10:00:00 GMT</pubDate>\
<description>&lt;p&gt;{TEXT}&lt;/p&gt;</description></item>
<item><title>Two</title><link>https://wire.example.org/2</link><guid>wire-2</guid>
<description>Japan and India signed an agreement on maritime security.</description></item>
<item><title>Empty</title><link>https://wire.example.org/3</link>\
<description>  </description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom wire</title><id>urn:atom-wire</id><updated>2021-01-02T00:00:00Z</updated>
<entry><title>A</title><id>urn:atom-wire:a</id><link href="https://atom.example.org/a"/>
<updated>2021-01-02T00:00:00Z</updated><content type="html" xml:lang="en">{TEXT}</content></entry>
</feed>"""


def _read(path: Path, **kw) -> list[tuple[str, Article | str]]:
    return list(read_path(path, **kw))


def test_html_page_gives_text_title_date_and_language(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    [(where, art)] = _read(tmp_path / "page.html")
    assert isinstance(art, Article), art
    assert art.lang == "en" and art.title == "Deal angers Washington"
    assert art.source_path == str((tmp_path / "page.html").resolve())
    assert art.id == derive_article_id(art.text, None, art.source_path)
    assert str(art.published) == "2020-12-14"
    assert "S-400" in art.text and "Home" not in art.text and "Copyright" not in art.text


def test_html_with_no_article_is_reported(tmp_path: Path) -> None:
    (tmp_path / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
        encoding="utf-8")
    [(where, err)] = _read(tmp_path / "nav.html")
    assert err == "no article found in the HTML page"


def test_rss_entries_are_articles_and_a_blank_entry_is_reported(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    got = _read(tmp_path / "wire.rss")
    assert len(got) == 3
    one, two, empty = (r for _, r in got)
    assert isinstance(one, Article) and one.lang == "en"
    assert one.url == "https://wire.example.org/1" and str(one.published) == "2020-12-14"
    # The id comes from the link: the same page gets it however it is read.
    assert one.id == derive_article_id("", "https://wire.example.org/1")
    assert one.id.startswith("wire.example.org-") and one.id != two.id
    assert "<p>" not in one.text and one.text.startswith("Turkey bought")
    assert isinstance(two, Article) and two.title == "Two"
    assert empty == "text is empty" and got[2][0].endswith("wire.rss[2]")


def test_atom_entry(tmp_path: Path) -> None:
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    [(where, art)] = _read(tmp_path / "wire.atom")
    assert isinstance(art, Article) and art.lang == "en"
    assert art.id == derive_article_id("", "https://atom.example.org/a")


def test_xml_that_is_not_a_feed_is_reported(tmp_path: Path) -> None:
    (tmp_path / "data.xml").write_text("<root><a>1</a></root>", encoding="utf-8")
    [(where, err)] = _read(tmp_path / "data.xml")
    assert isinstance(err, str) and "not an RSS/Atom feed" in err


def test_folder_reads_every_supported_file(tmp_path: Path) -> None:
    sub = tmp_path / "inbox" / "deep"
    sub.mkdir(parents=True)
    (tmp_path / "inbox" / "a.txt").write_text(TEXT, encoding="utf-8")
    (sub / "b.html").write_text(HTML, encoding="utf-8")
    (sub / "c.jsonl").write_text(json.dumps({"id": "c", "text": TEXT}) + "\n", encoding="utf-8")
    (sub / "ignored.png").write_bytes(b"\x89PNG\r\n")
    got = _read(tmp_path / "inbox")
    ids = sorted(r.id for _, r in got if isinstance(r, Article))
    assert len(ids) == 3 and "c" in ids and any(i.startswith("a-") for i in ids)


def test_bad_files_and_records_are_reported_by_place(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\xff")
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 d\u00e9j\u00e0".encode("latin-1"))
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"id": "x", "text": ', encoding="utf-8")
    (tmp_path / "batch.json").write_text(json.dumps([
        {"id": "ok", "text": TEXT}, {"id": "blank", "text": " \n "}, "not an object",
        {"text": "no id"}, {"id": "big", "text": "y" * 2000},
        {"id": "xx", "text": TEXT, "lang": "xx"},
    ]), encoding="utf-8")
    got = dict(_read(tmp_path, max_bytes=1000))
    assert got[str(tmp_path / "bin.txt")] == "binary file, not text"
    assert "not valid UTF-8" in got[str(tmp_path / "latin.txt")]
    assert "too large" in got[str(tmp_path / "big.txt")]
    assert got[str(tmp_path / "broken.json")].startswith("malformed JSON")
    b = str(tmp_path / "batch.json")
    assert isinstance(got[f"{b}[0]"], Article)
    assert got[f"{b}[1]"] == "text is empty"
    assert "expected a JSON object" in got[f"{b}[2]"]
    assert isinstance(got[f"{b}[3]"], Article)  # no id: one is derived
    assert "too large" in got[f"{b}[4]"]
    assert "not supported" in got[f"{b}[5]"]


def test_text_checks_and_dedup_keys() -> None:
    assert text_problem("   ") == "text is empty"
    assert text_problem("a" * 11, max_bytes=10).startswith("text is too large")
    assert "binary" in text_problem("abc\x00def")
    assert text_problem("\ud800 lone") is not None
    a = article_from({"id": "1", "text": "Some  text\n here", "url": "HTTPS://Ex.org/a/#top"})
    b = article_from({"id": "2", "text": "Some text here", "url": "https://ex.org/a"})
    assert isinstance(a, Article) and isinstance(b, Article)
    assert dedup_keys(a) == dedup_keys(b)


def test_two_text_files_of_one_name_get_different_stable_ids(tmp_path: Path) -> None:
    # A .txt file's id was its stem: b/note.txt replaced a/note.txt and its relations.
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "note.txt").write_text(TEXT, encoding="utf-8")
    first = {r.source_path: r.id for _, r in _read(tmp_path)}
    again = {r.source_path: r.id for _, r in _read(tmp_path)}
    assert len(set(first.values())) == 2 and first == again
    assert all(i.startswith("note-") for i in first.values())
    assert sorted(first) == sorted(str((tmp_path / f / "note.txt").resolve()) for f in "ab")


def test_ids_are_url_safe_given_or_derived() -> None:
    derived = article_from({"text": TEXT, "url": "https://www.News.example/2024/01/x?id=7#c"})
    assert isinstance(derived, Article)
    assert derived.id.startswith("news.example-")
    assert all(ch.isalnum() or ch in "._~-" for ch in derived.id)
    for bad in ("a/b", "https://x.org/1", "with space"):
        refused = article_from({"id": bad, "text": TEXT})
        assert isinstance(refused, str) and refused.startswith("id: must be URL-safe"), bad
    refused = article_from({"id": "nul\x00", "text": TEXT})
    assert isinstance(refused, str) and refused.startswith("id: control characters")


def test_a_partial_publication_date_does_not_refuse_the_article() -> None:
    for given, day in (("2016-04", "2016-04-01"), ("2016", "2016-01-01"),
                       ("2024-01-10T08:30:00Z", "2024-01-10")):
        art = article_from({"id": "p", "text": TEXT, "published": given})
        assert isinstance(art, Article), art
        assert str(art.published) == day
    assert isinstance(article_from({"id": "p", "text": TEXT, "published": "2016-13"}), str)
