"""Reporting periods: parse the forms a fact base may use, order them, word them in house style."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

MONTHS = (
    "January February March April May June July August September October November December"
).split()

_FINANCIAL = re.compile(r"^(\d{4})/(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_ENDING = re.compile(r"^year ending (\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})$")

FORMS = ("2023/24", "2024", "year ending 31 March 2024", "2024-Q1")
"""The recognised forms of a period label, one example of each."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period, ordered by end date then start, so history sorts oldest first."""

    end: date
    start: date
    label: str = field(compare=False)

    @property
    def is_financial_year(self) -> bool:
        """True for a year running 1 April to 31 March, however it was written."""
        return self.start.month == 4 and self.start.day == 1 and self.end.month == 3

    def financial_year(self) -> str:
        """The period as `2023/24` where it is a financial year, else as written."""
        if not self.is_financial_year:
            return self.label
        return f"{self.start.year}/{str(self.end.year)[2:]}"

    def year_ending(self) -> str:
        """The period as `year ending 31 March 2024`."""
        return f"year ending {long_date(self.end)}"


def long_date(day: date) -> str:
    """A date in house style: `31 March 2024`, no leading zero."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def published_long(text: str) -> str:
    """A publication date as `30 January 2025`, or `November 2024` when only the month is known."""
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return f"{MONTHS[int(text[5:]) - 1]} {text[:4]}"
    try:
        return long_date(date.fromisoformat(text))
    except ValueError:
        return text


@functools.lru_cache(maxsize=4096)  # a base repeats its few labels thousands of times
def parse_period(label: str) -> Period | None:
    """Read a period label in one of the recognised FORMS, or return None."""
    text = str(label).strip()
    if match := _FINANCIAL.match(text):
        first = int(match[1])
        if (first + 1) % 100 != int(match[2]):
            return None
        return Period(date(first + 1, 3, 31), date(first, 4, 1), text)
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(date(year, 12, 31), date(year, 1, 1), text)
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
        return Period(end, start, text)
    if match := _YEAR_ENDING.match(text):
        try:
            end = date(int(match[3]), MONTHS.index(match[2]) + 1, int(match[1]))
        except ValueError:
            return None
        # A year back from 29 February has no same day: the year then starts on 1 March.
        start = (
            date(end.year - 1, 3, 1)
            if (end.month, end.day) == (2, 29)
            else (end.replace(year=end.year - 1) + timedelta(days=1))
        )
        return Period(end, start, text)
    return None
