"""Reporting periods: the recognised forms, their dates and their house-style wordings."""

from datetime import date

import pytest

from drafter.facts.period import parse_period, published_long


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2023/24", date(2023, 4, 1), date(2024, 3, 31)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
        ("year ending 31 March 2024", date(2023, 4, 1), date(2024, 3, 31)),
        ("year ending 29 February 2024", date(2023, 3, 1), date(2024, 2, 29)),
    ],
)
def test_period_dates(label: str, start: date, end: date) -> None:
    period = parse_period(label)
    assert period is not None
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "label", ["2023/25", "FY 2024", "year ending 31 February 2024", "2024-Q5", ""]
)
def test_unrecognised_periods(label: str) -> None:
    assert parse_period(label) is None


def test_one_period_two_wordings() -> None:
    financial = parse_period("2023/24")
    written_out = parse_period("year ending 31 March 2024")
    assert financial == written_out
    assert financial is not None and written_out is not None
    assert written_out.financial_year() == "2023/24"
    assert financial.year_ending() == "year ending 31 March 2024"


def test_published_dates_in_house_style() -> None:
    assert published_long("2025-01-30") == "30 January 2025"
    assert published_long("2024-11") == "November 2024"
    assert published_long("2024-13") == "2024-13"
