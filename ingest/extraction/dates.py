"""Event dates: a date-like span found cheaply, resolved by dateparser against the
article's publication date ("29 September lalu", "last Tuesday", "Kamis (24/8)").

dateparser is slow, so it only ever sees the short spans `entente_dates` found, and
each (span, publication date) pair is resolved once.

Two readings are ours rather than dateparser's:

- a weekday with an explicit date beside it ("Rabu (10/1/2024)", "Monday, March 4,
  2024", "Senin, 4 Maret 2024") is that date: the weekday only repeats it, and the
  date needs no publication date to resolve;
- a weekday alone ("on Monday", "pada Rabu") is the latest such day on or before the
  publication: news says "on Monday" of the day it is published, or of the days just
  before. (dateparser's "past" preference takes the one strictly before, a week early
  when the article appeared on that weekday.)

`span_pattern` is the spotter's regular expression, so that a weekday and the date
after it are found as one span.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?$")

# Weekday names of the languages served (Monday is 0), as news in them writes them.
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
    "senin": 0, "isnin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "khamis": 3, "jumat": 4,
    "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
}
# A weekday, then (after a comma or in parentheses) the date it names.
_WEEKDAY_FIRST = re.compile(r"^(?P<day>[^\W\d_]+(?:'[^\W\d_]+)?)\s*(?:,\s*|\s+|\(\s*)"
                            r"(?P<date>\S.*?)\s*\)?$")
_YEAR = re.compile(r"\d{4}")
_SUFFIX = re.compile(r"(?<=\w)['’]\w+$")


class DateResolver:
    def __init__(self, languages: tuple[str, ...], past_words: tuple[str, ...] = ()) -> None:
        self.languages = list(languages)
        # "29 September lalu": the word only says "in the past", which is the default.
        self._past = re.compile(
            r"\s+(?:" + "|".join(re.escape(w) for w in past_words) + r")$", re.IGNORECASE
        ) if past_words else None
        self._resolve = lru_cache(maxsize=4096)(self._resolve_uncached)

    def resolve(self, text: str, published: dt.date | None, lang: str | None = None
                ) -> dt.date | None:
        """The date a span names; `lang`, the article's language, is the one dateparser
        reads it in (with every language at once, Turkish "Mart" is read as the
        Marquesas time zone)."""
        text = " ".join(text.split())
        if self._past is not None:
            text = self._past.sub("", text)
        # A case suffix after an apostrophe ("12 Mart 2024'te") is no part of the date.
        text = _SUFFIX.sub("", text)
        return self._resolve(text, published, lang if lang in self.languages else None)

    def _resolve_uncached(self, text: str, published: dt.date | None,
                          lang: str | None = None) -> dt.date | None:
        weekday = WEEKDAYS.get(text.casefold())
        if weekday is not None:
            if published is None:
                return None  # "Selasa" without a base is no date
            return published - dt.timedelta(days=(published.weekday() - weekday) % 7)
        named = _WEEKDAY_FIRST.match(text)
        if named and named.group("day").casefold() in WEEKDAYS:
            # "Rabu (10/1/2024)": the date stated beside the weekday.
            return self._resolve(named.group("date").strip(" ,()"), published, lang)
        m = _NUMERIC.match(text)
        if m:
            # News "(24/8)" and "(31/7/2024)" are day/month in both languages served.
            day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
            y = int(year) if year else (published.year if published else None)
            if y is None:
                return None
            if y < 100:
                y += 2000
            try:
                return dt.date(y, month, day)
            except ValueError:
                return None
        import dateparser  # deferred: importing it costs more than extracting a page

        base = dt.datetime.combine(published, dt.time(12)) if published else None
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if base is not None:
            settings["RELATIVE_BASE"] = base
        elif not _YEAR.search(text):
            return None  # "29 September" without a year or a base is no date
        parsed = dateparser.parse(text, languages=[lang] if lang else self.languages,
                                  settings=settings)
        return parsed.date() if parsed else None


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def span_pattern(dates: Mapping[str, Iterable[str]]) -> re.Pattern[str]:
    """The regular expression that finds date-like spans, from a lexicon's `dates`
    (`months`, `weekdays`, `relative`, `past_suffix`).

    A weekday followed by a date ("Rabu (10/1/2024)", "Monday, March 4, 2024") is one
    span, so that the date is not lost to the weekday before it.
    """
    months = _alternatives(dates.get("months", ()))
    days = _alternatives(dates.get("weekdays", ()))
    rel = _alternatives(dates.get("relative", ()))
    past = _alternatives(dates.get("past_suffix", ()))
    numeric = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    named = ""
    if months:
        named = (rf"(?:\d{{1,2}}\s+(?:{months})\b(?:\s+\d{{4}})?"
                 rf"|(?:{months})\s+\d{{1,2}}\b(?:,?\s+\d{{4}})?)"
                 + (rf"(?:\s+(?:{past})\b)?" if past else ""))
    parts = []
    if days:
        stated = rf"\(\s*{numeric}\s*\)" + (rf"|,?\s+{named}" if named else "")
        parts.append(rf"\b(?:{days})\b(?:\s*(?:{stated}))?")
    parts.append(rf"\b{numeric}\b")
    if named:
        parts.append(rf"\b{named}")
    if rel:
        parts.append(rf"\b(?:{rel})\b")
    return re.compile("|".join(parts), re.IGNORECASE)
