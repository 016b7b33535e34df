"""Archive benchmark: import time, database size, search latency and import peak memory.

Run from the repository root (about 2-3 minutes on 2 cores):

    python -m bench.bench_archive [--questions 100000] [--no-real] [--runs 1]

1. The real corpora in ../shared/reference/parliament-api/ when present (58,173 Commons
   questions as JSON Lines, then 49,450 longform full texts), imported with
   `drafter archive import` in a child process (`--runs N`: N times, the median kept).
   Target: 15 s or less. Its floor, measured
   in the same run: reading the files (xz and JSON) plus writing the archive's final rows
   into a new archive with one executemany and indexing them with one INSERT ... SELECT.
2. A generated archive (default 100,000 questions, seed 5) written as one JSON list of
   detail responses with HTML answers (median about 90 words, long tail to 800), imported
   the same way: a file many times the import's peak memory shows that import streams. Its
   floor: `json.load` of the whole file in this process.

Search latency is over 200 queries (two words from a heading, or from the generated
vocabulary), without and with filters (answering body and a date), and for `related`.
Target: a 95th percentile of 20 ms or less. Each search is timed next to its floor, a bare
FTS5 query for the same words (`MATCH ... ORDER BY rank LIMIT 20`, no join, no snippet),
three times, keeping each query's median.
Peak memory is the import child's ru_maxrss (os.wait4). On a shared machine the absolute
figures move with the load; the ratios to the floors, measured in the same run, less so.
"""

from __future__ import annotations

import argparse
import json
import lzma
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence, Sized
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from drafter.archive import Archive, SearchFilters, open_archive, related, search
from drafter.archive.search import match_expression
from drafter.archive.store import COLUMNS, answer_from_row, transaction
from drafter.question import Question

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "reference" / "parliament-api"
QUESTIONS_FILE = "commons-written-questions-2023-2026.jsonl.xz"
LONGFORM_FILE = "commons-longform-answers-2023-2026.jsonl.xz"
QUERIES = 200
SINCE = date(2024, 1, 1)
IMPORT_TARGET = 15.0
"""Seconds for the real corpora."""
SEARCH_TARGET = 20.0
"""Milliseconds, 95th percentile of search in process."""
REPEATS = 3
"""Rounds per query in the search figures (each query's median is kept)."""

DEPARTMENTS = (
    ("Home Office", "the Home Department"),
    ("Department of Health and Social Care", "Health and Social Care"),
    ("Ministry of Justice", "Justice"),
    ("Department for Education", "Education"),
    ("Department for Work and Pensions", "Work and Pensions"),
    ("Ministry of Defence", "Defence"),
    ("Department for Transport", "Transport"),
    ("HM Treasury", "the Treasury"),
    ("Department for Energy Security and Net Zero", "Energy Security and Net Zero"),
    ("Cabinet Office", "the Cabinet Office"),
)
TOPICS = """police vetting misconduct prisons probation courts legal aid asylum visas passports
    border immigration hospitals waiting lists dentistry vaccines mental health social care schools
    teachers apprenticeships universities pensions benefits universal credit disability housing
    planning railways buses roads aviation energy bills heat pumps nuclear defence procurement
    veterans taxation customs fraud cyber security data protection broadband""".split()
COMMON = """the of and to in a for is that on by with as be are this has will from have its which
    not been an or their at it all we department government data information published figures
    number year years support local national services funding review guidance work published
    ensure available continue including million across public people plans new since""".split()


def main() -> None:
    """Run the benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--no-real", action="store_true", help="skip the real corpora")
    parser.add_argument(
        "--runs", type=int, default=1, help="imports of the real corpora (the median is kept)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as scratch:
        folder = Path(scratch)
        # Generated first: a child's peak memory counts the parent's at the fork, and the
        # real corpora's floor holds their rows in this process.
        bench_generated(folder, args.questions)
        if args.no_real:
            print("real corpora: skipped (--no-real)")
        elif (CORPUS / QUESTIONS_FILE).is_file():
            bench_real(folder, args.runs)
        else:
            print(f"real corpora: skipped (not found in {CORPUS})")


def bench_real(folder: Path, runs: int = 1) -> None:
    """Import (`runs` times, each into a new archive) and search the real Commons corpora."""
    db = folder / "real.sqlite"
    files = [CORPUS / QUESTIONS_FILE, CORPUS / LONGFORM_FILE]
    timings = []
    for _ in range(runs):
        db.unlink(missing_ok=True)
        timings.append(run_import(db, files))
    seconds = statistics.median(wall for wall, _, _ in timings)
    cpu = statistics.median(cpu for _, cpu, _ in timings)
    peak = timings[-1][2]
    records = 58_173 + 49_450
    each = f" (runs: {', '.join(f'{timing[0]:.1f}' for timing in timings)} s)" if runs > 1 else ""
    print(
        f"real corpora: {records:,} records (58,173 questions + 49,450 full texts)"
        f" in {seconds:.1f} s{each} ({cpu:.1f} s CPU) = {records / seconds:,.0f} records/s;"
        f" {verdict(seconds, IMPORT_TARGET, 's')}; database {mb(db.stat().st_size)};"
        f" import peak memory {peak} (inputs {mb(sum(f.stat().st_size for f in files))} xz)"
    )
    (reading, reading_cpu), (writing, writing_cpu) = import_floor(folder, files, db)
    floor, floor_cpu = reading + writing, reading_cpu + writing_cpu
    print(
        f"  floor: reading the files {reading:.1f} s + one executemany of the same rows and"
        f" one bulk index {writing:.1f} s = {floor:.1f} s ({floor_cpu:.1f} s CPU);"
        f" import is {seconds / floor:.2f}x it ({cpu / floor_cpu:.2f}x in CPU time)"
    )
    with open_archive(db) as archive:
        rows = sample_rows(archive)
        queries = [(heading_query(row.heading), row.answering_body) for row in rows]
        report_search(archive, queries)
        questions = [
            Question(
                text=row.question_text,
                heading=row.heading,
                uin=row.uin,
                date_tabled=row.date_tabled,
            )
            for row in rows
        ]
        report("  related (200 questions)", [partial(related, archive, q) for q in questions])


def bench_generated(folder: Path, count: int) -> None:
    """Generate `count` questions as one JSON list, import them and search them."""
    source = folder / "generated.json"
    vocabulary = make_vocabulary()
    started = time.perf_counter()
    write_generated(source, count, vocabulary)
    written = time.perf_counter() - started
    db = folder / "generated.sqlite"
    seconds, cpu, peak = run_import(db, [source])
    floor, floor_cpu = read_floor(source)
    print(
        f"generated: {count:,} questions ({mb(source.stat().st_size)} JSON, written in"
        f" {written:.1f} s) imported in {seconds:.1f} s ({cpu:.1f} s CPU)"
        f" = {count / seconds:,.0f} records/s; database {mb(db.stat().st_size)};"
        f" import peak memory {peak}"
    )
    print(
        f"  floor: json.load of the whole file {floor:.1f} s ({floor_cpu:.1f} s CPU);"
        f" import is {seconds / floor:.1f}x it ({cpu / floor_cpu:.1f}x in CPU time)"
    )
    chooser = random.Random(7)
    words = [word for word in vocabulary if word not in COMMON]
    queries = [
        (" ".join(chooser.sample(words[:400], 2)), chooser.choice(DEPARTMENTS)[0])
        for _ in range(QUERIES)
    ]
    with open_archive(db) as archive:
        report_search(archive, queries)


def read_floor(source: Path) -> Seconds:
    """Wall and CPU seconds of a child that only reads the file with `json.load`.

    A child, so that this process does not grow by the whole file: a later import child's
    peak memory would count it.
    """
    script = (
        "import json, sys, time\n"
        "started = time.perf_counter(), time.process_time()\n"
        "with open(sys.argv[1], encoding='utf-8') as stream:\n"
        "    json.load(stream)\n"
        "print(time.perf_counter() - started[0], time.process_time() - started[1])\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(source)], capture_output=True, text=True, check=True
    ).stdout
    wall, cpu = map(float, output.split())
    return wall, cpu


def run_import(db: Path, files: list[Path]) -> tuple[float, float, str]:
    """Run `drafter archive import` in a child; its wall and CPU time and peak memory."""
    command = [
        sys.executable,
        "-m",
        "drafter",
        "archive",
        "import",
        *map(str, files),
        "--db",
        str(db),
    ]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed: {output}")
    print(f"  {output.strip()}")
    return seconds, usage.ru_utime + usage.ru_stime, mb(usage.ru_maxrss * 1024)


Seconds = tuple[float, float]
"""Wall and CPU seconds."""


def import_floor(folder: Path, files: list[Path], imported: Path) -> tuple[Seconds, Seconds]:
    """Seconds to read the files (xz, one JSON value a line) and to bulk-write the rows
    the import ended with into a new archive, indexing them once."""
    started = time.perf_counter(), time.process_time()
    for path in files:
        with lzma.open(path, "rt", encoding="utf-8") as stream:
            for line in stream:
                json.loads(line)
    reading = time.perf_counter() - started[0], time.process_time() - started[1]
    with open_archive(imported) as archive:
        select = f"SELECT id, {', '.join(COLUMNS)} FROM questions"
        rows = archive.connection.execute(select).fetchall()
    marks = ", ".join("?" * (len(COLUMNS) + 1))
    with open_archive(folder / "floor.sqlite", create=True) as archive:
        started = time.perf_counter(), time.process_time()
        with transaction(archive):
            archive.connection.executemany(
                f"INSERT INTO questions (id, {', '.join(COLUMNS)}) VALUES ({marks})", rows
            )
            archive.connection.execute(
                "INSERT INTO questions_fts (rowid, heading, question_text, answer_text)"
                " SELECT id, heading, question_text, answer_text FROM questions"
            )
        writing = time.perf_counter() - started[0], time.process_time() - started[1]
    return reading, writing


def verdict(value: float, target: float, unit: str) -> str:
    """`target 15 s: met` or `target 15 s: NOT met`."""
    return f"target {target:g} {unit}: {'met' if value <= target else 'NOT met'}"


def report_search(archive: Archive, queries: list[tuple[str, str]]) -> None:
    """Latency of `search` without and with filters, each query next to its bare floor."""
    plain = [partial(search, archive, q) for q, _ in queries]
    filtered = [partial(search, archive, q, SearchFilters(body=b, since=SINCE)) for q, b in queries]
    floors = [partial(bare_query, archive, q) for q, _ in queries]
    label = f"  search ({len(queries)} queries, e.g. {queries[0][0]!r})"
    report_against_floor(label, plain, floors)
    report_against_floor("  search with --body and --since", filtered, floors)


def bare_query(archive: Archive, query: str) -> list[Any]:
    """The floor: FTS5's own top 20 for the same words, rowids only."""
    return archive.connection.execute(
        "SELECT rowid FROM questions_fts WHERE questions_fts MATCH ? ORDER BY rank LIMIT 20",
        (match_expression(query),),
    ).fetchall()


def report_against_floor(
    label: str, calls: Sequence[Callable[[], Sized]], floors: Sequence[Callable[[], Sized]]
) -> None:
    """Time each call right after its floor (so both see the same load) and compare p95s.

    Each query's time is the median of `REPEATS` rounds, so that a moment when other work
    has the cores does not count as that query's latency.
    """
    times: list[float] = []
    floor_times: list[float] = []
    for call, floor in zip(calls, floors, strict=True):
        rounds = [(milliseconds(floor), milliseconds(call)) for _ in range(REPEATS)]
        floor_times.append(statistics.median(floor for floor, _ in rounds))
        times.append(statistics.median(call for _, call in rounds))
    p95, floor_p95 = percentile_95(times), percentile_95(floor_times)
    print(
        f"{label}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
        f" ({verdict(p95, SEARCH_TARGET, 'ms')}); bare FTS5 query median"
        f" {statistics.median(floor_times):.1f} ms, p95 {floor_p95:.1f} ms;"
        f" p95 {p95 / floor_p95:.1f}x the floor"
    )


def milliseconds(call: Callable[[], object]) -> float:
    """Wall time of one call."""
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def percentile_95(times: list[float]) -> float:
    """The 95th percentile, as `report` computes it."""
    return statistics.quantiles(times, n=20)[18]


def report(label: str, calls: Sequence[Callable[[], Sized]]) -> None:
    """Time each call; print the median and 95th percentile in milliseconds and hits found."""
    times, found = [], 0
    for call in calls:
        started = time.perf_counter()
        found += len(call()) > 0
        times.append((time.perf_counter() - started) * 1000)
    p95 = percentile_95(times)
    print(
        f"{label}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms ({found} with hits)"
    )


def sample_rows(archive: Archive) -> list[Any]:
    """200 answered records, chosen by seed."""
    chooser = random.Random(5)
    ids = [
        row[0]
        for row in archive.connection.execute(
            "SELECT id FROM questions WHERE answer_text != '' AND heading != ''"
        )
    ]
    picked = sorted(chooser.sample(ids, QUERIES))
    marks = ", ".join("?" * len(picked))
    rows = archive.connection.execute(
        f"SELECT {', '.join(COLUMNS)} FROM questions WHERE id IN ({marks})", picked
    )
    return [answer_from_row(row) for row in rows]


def heading_query(heading: str) -> str:
    """Up to two words of a heading, as a user would type them."""
    words = [word for word in heading.replace(":", " ").split() if len(word) > 3]
    return " ".join(words[:2]) or heading


def make_vocabulary() -> list[str]:
    """Topic words and common words, then made-up rarer terms: a Zipf-like spread."""
    rare = [f"{stem}{n}" for n in range(3000) for stem in ("scheme", "act")][:6000]
    return [*COMMON, *TOPICS, *rare]


def write_generated(path: Path, count: int, vocabulary: list[str]) -> None:
    """Write `count` detail responses as one JSON list, one question at a time."""
    chooser = random.Random(5)
    weights = list(_zipf_cumulative(len(vocabulary)))
    with path.open("w", encoding="utf-8") as stream:
        stream.write("[\n")
        for number in range(count):
            record = generated_question(chooser, number, vocabulary, weights)
            stream.write(
                ("," if number else "") + json.dumps({"value": record, "links": []}) + "\n"
            )
        stream.write("]\n")


def generated_question(
    chooser: random.Random, number: int, vocabulary: list[str], weights: list[float]
) -> dict[str, Any]:
    """One realistic-looking detail value; answer length log-normal, median 90 words, max 800."""
    body, title = chooser.choice(DEPARTMENTS)
    topic = chooser.sample(TOPICS, 2)
    tabled = date(2019, 1, 1) + timedelta(days=chooser.randrange(2700))
    words = min(800, max(5, round(chooser.lognormvariate(math.log(90), 0.7))))
    answer = chooser.choices(vocabulary, cum_weights=weights, k=words)
    paragraphs = [" ".join(answer[i : i + 60]) for i in range(0, words, 60)]
    asked = " ".join(chooser.choices(vocabulary, cum_weights=weights, k=chooser.randint(12, 50)))
    lords = chooser.random() < 0.1
    answered = chooser.random() < 0.9
    return {
        "id": number + 1,
        "uin": f"HL{number + 1}" if lords else str(number + 1),
        "house": "Lords" if lords else "Commons",
        "dateTabled": f"{tabled}T00:00:00",
        "dateForAnswer": f"{tabled + timedelta(days=7)}T00:00:00",
        "questionText": f"To ask the Secretary of State for {title}, what {topic[0]}: {asked}.",
        "answeringBodyName": body,
        "askingMemberId": chooser.randrange(1, 650),
        "answeringMemberId": chooser.randrange(1, 120),
        "isNamedDay": chooser.random() < 0.2,
        "answerIsHolding": answered and chooser.random() < 0.004,
        "dateAnswered": f"{tabled + timedelta(days=9)}T00:00:00" if answered else None,
        "answerText": "".join(f"<p>{text}.</p>" for text in paragraphs) if answered else None,
        "heading": f"{topic[0].title()}: {topic[1].title()}",
    }


def _zipf_cumulative(size: int) -> Iterator[float]:
    total = 0.0
    for rank in range(1, size + 1):
        total += 1 / rank
        yield total


def mb(size: int) -> str:
    """Bytes as megabytes."""
    return f"{size / 1_000_000:,.1f} MB"


if __name__ == "__main__":
    main()
