"""Event dates: a date-like span found cheaply, resolved by dateparser against the
article's publication date ("29 September lalu", "last Tuesday", "Kamis (24/8)").

dateparser is slow, so it only ever sees the short spans `entente_dates` found, and
each (span, publication date) pair is resolved once.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?$")


class DateResolver:
    def __init__(self, languages: tuple[str, ...], past_words: tuple[str, ...] = ()) -> None:
        self.languages = list(languages)
        # "29 September lalu": the word only says "in the past", which is the default.
        self._past = re.compile(
            r"\s+(?:" + "|".join(re.escape(w) for w in past_words) + r")$", re.IGNORECASE
        ) if past_words else None
        self._resolve = lru_cache(maxsize=4096)(self._resolve_uncached)

    def resolve(self, text: str, published: dt.date | None) -> dt.date | None:
        text = text.strip()
        if self._past is not None:
            text = self._past.sub("", text)
        return self._resolve(text, published)

    def _resolve_uncached(self, text: str, published: dt.date | None) -> dt.date | None:
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
        elif not re.search(r"\d{4}", text):
            return None  # "Selasa" or "29 September" without a year or a base is no date
        parsed = dateparser.parse(text, languages=self.languages, settings=settings)
        return parsed.date() if parsed else None
