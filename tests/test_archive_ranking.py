"""Search reads only the top of the ranking: each page must be exactly the page of ordering
every match (closeness, bm25, then newest, house and UIN), ties at its edge included."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from drafter.archive import Archive, SearchFilters, import_files, open_archive, search
from drafter.archive.search import BM25

ASK = "To ask the Secretary of State for Transport,"
# The module, not the `search` function that drafter.archive exports under its name.
SEARCH_MODULE = importlib.import_module("drafter.archive.search")
FILLER = " ".join(["and"] + "the state of local roads in every county this winter".split())


def record(number: int, text: str, tabled: date, **more: Any) -> dict[str, Any]:
    lords = more.pop("lords", False)
    return {
        "id": number,
        "uin": f"HL{number}" if lords else str(number),
        "house": "Lords" if lords else "Commons",
        "dateTabled": f"{tabled}T00:00:00",
        "questionText": f"{ASK} {text}",
        "answeringBodyName": more.pop("body", "Department for Transport"),
        "heading": "Roads: Maintenance",
        "answerText": "<p>Councils are responsible for their roads.</p>",
        **more,
    }


def records() -> Iterator[dict[str, Any]]:
    start = date(2024, 1, 1)
    # Eight identical questions tie on bm25: only their dates (then house, UIN) order them.
    for number in range(8):
        yield record(100 + number, "how many pothole repairs were made.", start + timedelta(number))
    yield record(200, "how many pothole repairs were made.", start + timedelta(3), lords=True)
    yield record(201, "how many pothole repairs were made.", start, body="Cabinet Office")
    # The words far apart: matches, but not close.
    for number in range(6):
        text = f"about the pothole {FILLER} {FILLER} {'and roads ' * number}and repairs."
        yield record(300 + number, text, start + timedelta(20 + number))
    # Porter meets 'repaired' here but drafter's stemming does not: FTS5 candidates, ranked
    # first, that search must pass over, filling whole batches of the ranking.
    for number in range(10):
        yield record(400 + number, "pothole repairers.", start + timedelta(40 + number))
    for number in range(5):
        text = f"whether pothole repairs {'on minor roads ' * number}are funded."
        yield record(500 + number, text, start + timedelta(60 + number))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    folder = tmp_path_factory.mktemp("ranking")
    source = folder / "roads.jsonl"
    source.write_text("".join(json.dumps(item) + "\n" for item in records()), encoding="utf-8")
    with open_archive(folder / "a.sqlite", create=True) as opened:
        import_files(opened, [source])
        yield opened


def every_match(archive: Archive, where: str = "", params: tuple[Any, ...] = ()) -> list[str]:
    """'pothole repaired' ranked by ordering every match, the way search used to."""
    rows = archive.connection.execute(
        "SELECT q.uin FROM questions_fts JOIN questions q ON q.id = questions_fts.rowid"
        f" WHERE questions_fts MATCH ?{where} ORDER BY q.id IN (SELECT rowid FROM"
        " questions_fts WHERE questions_fts MATCH ?) DESC,"
        f" {BM25}, q.date_tabled DESC, q.house, q.uin",
        ('"pothole" "repaired"', *params, 'NEAR("pothole" "repaired", 10)'),
    )
    # Drafter's own stemming leaves out the 'repairers' questions.
    return [uin for (uin,) in rows if not uin.startswith("4")]


def uins(archive: Archive, limit: int, filters: SearchFilters | None = None) -> list[str]:
    found = search(archive, "pothole repaired", filters or SearchFilters(), limit=limit)
    return [hit.answer.uin for hit in found]


def test_the_ranking_has_ties_close_and_far_matches(archive: Archive) -> None:
    ranked = every_match(archive)
    assert len(ranked) == 21
    assert ranked[:8] == ["500", "107", "106", "105", "104", "103", "HL200", "102"]
    assert ranked[-7:] == ["504", "300", "301", "302", "303", "304", "305"]


@pytest.mark.parametrize("limit", range(1, 24))
def test_each_page_is_the_top_of_ordering_every_match(archive: Archive, limit: int) -> None:
    assert uins(archive, limit) == every_match(archive)[:limit]


@pytest.mark.parametrize("limit", [1, 3, 7, 20])
def test_filters_keep_the_same_order(archive: Archive, limit: int) -> None:
    filters = SearchFilters(body="transport", since=date(2024, 1, 3))
    where = " AND q.answering_body LIKE ? AND q.date_tabled >= ?"
    expected = every_match(archive, where, ("%transport%", "2024-01-03"))
    assert uins(archive, limit, filters) == expected[:limit]


@pytest.mark.parametrize("limit", [1, 3, 7, 20])
@pytest.mark.parametrize("share", [1, 2])
def test_filters_passing_only_the_lowest_ranked_read_further_down(
    archive: Archive, limit: int, share: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Filters after ranking: few top matches are read at first (one or two pages' worth),
    # and most fail the filter; search must read further down the ranking, not stop short.
    monkeypatch.setattr(SEARCH_MODULE, "RANK_FIRST_SHARE", 0.0)
    monkeypatch.setattr(SEARCH_MODULE, "FILTERED_SHARE", share)
    filters = SearchFilters(since=date(2024, 1, 21))
    expected = every_match(archive, " AND q.date_tabled >= ?", ("2024-01-21",))
    assert len(expected) == 11
    assert uins(archive, limit, filters) == expected[:limit]


@pytest.mark.parametrize("limit", [1, 3, 7, 20])
@pytest.mark.parametrize("rank_first", [0.0, 1.01], ids=["after-ranking", "before-ranking"])
def test_filters_before_or_after_ranking_give_the_same_pages(
    archive: Archive, limit: int, rank_first: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SEARCH_MODULE, "RANK_FIRST_SHARE", rank_first)
    filters = SearchFilters(body="transport", since=date(2024, 1, 3))
    where = " AND q.answering_body LIKE ? AND q.date_tabled >= ?"
    expected = every_match(archive, where, ("%transport%", "2024-01-03"))
    assert uins(archive, limit, filters) == expected[:limit]


def test_the_share_passing_the_filters_is_estimated_from_a_sample(archive: Archive) -> None:
    # 15 of FTS5's 31 matches ('repairers' included) were tabled on or after 10 February.
    share = SEARCH_MODULE._passing(
        archive, '"pothole" "repaired"', " AND q.date_tabled >= ?", ["2024-02-10"]
    )
    assert share == pytest.approx(15 / 31)
