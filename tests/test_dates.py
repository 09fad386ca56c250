"""Event dates: weekdays in the right week, explicit dates beside weekdays, and dates
that need no publication date; on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extraction.dates import DateResolver, span_pattern
from ingest.extraction.lexicon import load_lexicon

D = dt.date


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver(("en", "id"), ("lalu", "ago"))


@pytest.mark.parametrize(("text", "published", "expected"), [
    # The weekday of publication is that very day, not the one a week before.
    ("Monday", D(2024, 3, 4), D(2024, 3, 4)),
    ("Friday", D(2024, 3, 4), D(2024, 3, 1)),
    ("Sunday", D(2024, 3, 4), D(2024, 3, 3)),
    ("Rabu", D(2024, 1, 10), D(2024, 1, 10)),
    ("Rabu", D(2024, 1, 11), D(2024, 1, 10)),
    ("Selasa", D(2024, 1, 10), D(2024, 1, 9)),
])
def test_a_weekday_alone_is_the_latest_on_or_before_publication(
        resolver: DateResolver, text: str, published: dt.date, expected: dt.date) -> None:
    assert resolver.resolve(text, published) == expected


@pytest.mark.parametrize(("text", "published"), [
    ("Rabu (10/1/2024)", D(2024, 1, 17)),  # published a week later, also a Wednesday
    ("Rabu (10/1/2024)", None),
    ("Wednesday, January 10, 2024", D(2024, 2, 1)),
    ("Rabu, 10 Januari 2024", None),
])
def test_a_weekday_with_its_date_is_that_date(resolver: DateResolver, text: str,
                                              published: dt.date | None) -> None:
    assert resolver.resolve(text, published) == D(2024, 1, 10)


def test_explicit_dates_need_no_publication_date(resolver: DateResolver) -> None:
    assert resolver.resolve("Senin (4/3/2024)", None) == D(2024, 3, 4)
    assert resolver.resolve("Monday, March 4, 2024", None) == D(2024, 3, 4)
    assert resolver.resolve("4 Maret 2024", None) == D(2024, 3, 4)
    # With nothing to count from, a weekday or a day without a year is no date.
    assert resolver.resolve("Senin", None) is None
    assert resolver.resolve("4 Maret", None) is None


@pytest.mark.parametrize(("lang", "sentence", "span"), [
    ("id", "Kedua menteri bertemu di Jakarta pada Rabu (10/1/2024) untuk membahas perbatasan.",
     "Rabu (10/1/2024)"),
    ("id", "Pertemuan itu digelar Senin (4/3/2024) malam.", "Senin (4/3/2024)"),
    ("id", "Perjanjian diteken pada Senin, 4 Maret 2024 di Hanoi.", "Senin, 4 Maret 2024"),
    ("en", "The envoys met on Monday, March 4, 2024, in Geneva.", "Monday, March 4, 2024"),
    ("en", "The envoys met in Geneva on Monday to talk about grain.", "Monday"),
    ("id", "Kapal itu tiba pada 29 September lalu.", "29 September lalu"),
])
def test_a_weekday_and_the_date_after_it_are_one_span(lang: str, sentence: str,
                                                      span: str) -> None:
    found = span_pattern(load_lexicon(lang).dates).search(sentence)
    assert found is not None and found.group(0) == span


def test_the_extractor_dates_a_relation_by_the_weekday_and_its_date(extractor) -> None:
    from entente.models import Article

    text = "Pada Rabu (10/1/2024), Malaysia mengecam serangan Israel di Gaza."
    # Published a week later (also a Wednesday): the stated date wins over the weekday.
    result = extractor.extract(Article(id="d", lang="id", text=text, published="2024-01-17"))
    assert {str(r.date) for r in result.relations} == {"2024-01-10"}
    text = "On Monday, March 4, 2024, Canada condemned Russia's strikes on Kharkiv."
    result = extractor.extract(Article(id="e", lang="en", text=text))
    assert {str(r.date) for r in result.relations} == {"2024-03-04"}
