"""House style for figures, dates and periods, as Jinja filters and as plain functions."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from drafter.facts.model import Number, PeriodValue, Source
from drafter.facts.period import Period, long_date, parse_period


def number(value: Number) -> str:
    """`1698` as `1,698`; a whole float without its `.0`."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def figures(value: PeriodValue) -> str:
    """A period's figures as one line, e.g. `police officers 66; police staff 37`."""
    parts = [f"{category} {number(figure)}" for category, figure in value.breakdown.items()]
    if value.value is None:
        return "; ".join(parts)
    total = number(value.value)
    return f"{total} ({'; '.join(parts)})" if parts else total


def _period(value: Any) -> Period:
    """A Period, a period label, or anything with a `.period` (a template's period view)."""
    inner = getattr(value, "period", value)
    if isinstance(inner, Period):
        return inner
    parsed = parse_period(value) if isinstance(value, str) else None
    if parsed is None:
        shown = repr(value) if isinstance(value, str) else type(value).__name__.removesuffix("View")
        raise ValueError(f"expected a period, such as fact(...).latest, not {shown}")
    return parsed


def financial_year(value: Any) -> str:
    """A period as `2023/24` where it is a financial year."""
    return _period(value).financial_year()


def year_ending(value: Any) -> str:
    """A period as `year ending 31 March 2024`."""
    return _period(value).year_ending()


def date_long(value: date | str) -> str:
    """A date as `31 March 2024`."""
    return long_date(value if isinstance(value, date) else date.fromisoformat(value))


def link(url: str) -> str:
    """A web address as a Markdown autolink; written out in full, as answers give them."""
    return f"<{url}>"


def list_and(items: Iterable[Any]) -> str:
    """`a, b and c`: no serial comma, as in most departmental style guides."""
    words = [str(item) for item in items]
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def breakdown(figures_by_category: Mapping[str, Number]) -> str:
    """`{police officers: 66, police staff: 37}` as `66 police officers and 37 police staff`."""
    return list_and(f"{number(n)} {category}" for category, n in figures_by_category.items())


def publication_date(source: Source) -> date:
    """When a source was out: a month-only date counts from the month's last day."""
    text = source.published
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date.fromisoformat(text)


FILTERS: dict[str, Callable[..., str]] = {
    "number": number,
    "fy": financial_year,
    "year_ending": year_ending,
    "long_date": date_long,
    "link": link,
    "list_and": list_and,
    "breakdown": breakdown,
}
