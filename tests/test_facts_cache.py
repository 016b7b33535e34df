"""The parsed-file cache: hits, misses, entries it must not trust, --no-cache, concurrency."""

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drafter.cache import cache_root, caching_off
from drafter.cli import cli
from drafter.errors import Location, Problem
from drafter.facts import filecache, load
from drafter.facts.load import check_fact_base

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "kb_minimal"

BROKEN = {
    "a-yaml.yaml": "facts:\n  - id: x\n    text: [unclosed\n",
    "b-keys.yaml": (
        "facts:\n  - id: b.line\n    kind: line\n    kind: statistic\n    text: A line.\n"
        "    source: s\n    review_by: 2027-01-01\n    review_by: 2028-01-01\n    topics: [t]\n"
        "    owner: [not, text]\n"
    ),
    "c-types.yaml": (
        "facts:\n  - id: c.stat\n    kind: statistic\n    source: s\n    review_by: 2026-13-01\n"
        "    topics: [t]\n    values:\n      - period: 2023/24\n        value: many\n"
        "      - period: '2024'\n        value: 012\n"
    ),
    "d-again.yaml": (
        "sources:\n  - id: unused\n    title: T\n    publisher: P\n"
        "    url: https://www.example.org/\n    published: 2024-01\n"
        "facts:\n  - id: c.stat\n    kind: line\n    text: Again.\n    source: s\n"
        "    review_by: 2027-01-01\n    topics: [t]\n"
    ),
}


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return tmp_path / "cache-home" / "drafter" / "facts"


def entries(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*"))}


def entry_of(folder: Path, fact_file: Path) -> Path:
    return folder / f"{hashlib.sha256(fact_file.read_bytes()).hexdigest()}.pickle"


def copy_base(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def refuse_to_parse(path: Path, content: bytes) -> filecache.ParsedFile:
    raise AssertionError(f"parsed {path.name} again")


def test_a_second_load_is_served_from_the_cache(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = copy_base(MINIMAL, tmp_path / "facts")
    first = check_fact_base(base)
    assert set(entries(cache_home)) == {entry_of(cache_home, base / "minimal.yaml").name}
    monkeypatch.setattr(load, "parse_fact_file", refuse_to_parse)
    assert check_fact_base(base) == first


def test_a_cached_load_equals_a_fresh_one_with_the_problems_at_their_lines(
    cache_home: Path, tmp_path: Path
) -> None:
    base = tmp_path / "facts"
    base.mkdir()
    for name, text in BROKEN.items():
        (base / name).write_text(text, encoding="utf-8")
    with caching_off():
        fresh = check_fact_base(base)
    filling, served = check_fact_base(base), check_fact_base(base)
    assert len(entries(cache_home)) == len(BROKEN)
    assert fresh == filling == served
    assert [str(problem).replace(f"{base}/", "") for problem in served[1]] == [
        "a-yaml.yaml:4:1: error: invalid YAML: did not find expected ',' or ']'",
        "b-keys.yaml:2:5: error: fact 'b.line' cites source 's', which is not defined\n"
        "  hint: define it under 'sources:'",
        "b-keys.yaml:4:5: error: duplicate key 'kind' (first given at line 3)",
        "b-keys.yaml:8:5: error: duplicate key 'review_by' (first given at line 7)",
        "b-keys.yaml:10:12: error: fact 'b.line': 'owner' must be text, not ['not', 'text']",
        "c-types.yaml:2:5: error: fact 'c.stat' cites source 's', which is not defined\n"
        "  hint: define it under 'sources:'",
        "c-types.yaml:5:16: error: fact 'c.stat': 'review_by' must be an ISO date (YYYY-MM-DD), "
        "not '2026-13-01'",
        "c-types.yaml:8:9: error: fact 'c.stat' period '2023/24' has neither 'value' nor "
        "'breakdown'",
        "c-types.yaml:9:16: error: period '2023/24': 'value' must be a number, not 'many'",
        "d-again.yaml:2:5: warning: source 'unused' is not cited by any fact",
        "d-again.yaml:8:5: error: duplicate fact id 'c.stat' (first defined at c-types.yaml:2:5)",
        "d-again.yaml:8:5: error: fact 'c.stat' cites source 's', which is not defined\n"
        "  hint: define it under 'sources:'",
    ]


def test_a_warm_check_builds_no_records_and_a_look_up_only_its_file_s(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "facts"
    base.mkdir()
    # A period that cites no source of its own rests on its fact's: nothing to look up.
    first = "      - period: 2022/23"
    text = (MINIMAL / "minimal.yaml").read_text()
    text = text.replace(first, "      - period: 2021/22\n        value: 3\n" + first)
    for name in ("one", "two", "three"):
        own = text.replace("example.", f"{name}.").replace("series", f"{name}-series")
        (base / f"{name}.yaml").write_text(own.replace("edition-", f"{name}-edition-"), "utf-8")
    check_fact_base(base)
    built: list[str] = []
    unpickled = filecache._unpickled

    def counted(kind: type[Any], payload: bytes, digest: bytes, path: Path) -> Any:
        if kind is filecache.FileRecords:
            built.append(path.name)
        return unpickled(kind, payload, digest, path)

    monkeypatch.setattr(filecache, "_unpickled", counted)
    loaded, problems = check_fact_base(base)
    assert (problems, built) == ([], [])
    assert loaded is not None
    assert loaded.facts["two.duty"].location == Location(base / "two.yaml", 24, 5)
    assert "three.duty" in loaded.facts
    assert (built, len(loaded.facts), len(loaded.sources)) == (["two.yaml"], 6, 9)
    in_order = [fact.id for fact in loaded.facts.values()]
    assert in_order[::2] == ["one.duty", "three.duty", "two.duty"]
    assert built == ["two.yaml", "one.yaml", "three.yaml"]


def test_threads_sharing_a_base_build_a_file_s_records_once() -> None:
    calls: list[int] = []
    records = filecache.FileRecords((), ())

    def slow_load() -> filecache.FileRecords:
        calls.append(1)
        time.sleep(0.05)  # a window for the other threads to ask meanwhile
        return records

    file = filecache.FactFile(filecache.FileIndex((), (), (), frozenset()), slow_load)
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: file.records(), range(8)))
    assert (len(calls), {id(item) for item in got}) == (1, {id(records)})


def test_an_entry_serves_the_same_bytes_in_another_folder_with_that_folder_s_paths(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_fact_base(copy_base(MINIMAL, tmp_path / "one"))
    monkeypatch.setattr(load, "parse_fact_file", refuse_to_parse)
    base, _ = check_fact_base(copy_base(MINIMAL, tmp_path / "two"))
    assert base is not None
    location = base.facts["example.duty"].location
    assert location is not None
    assert (location.path, location.line) == (tmp_path / "two" / "minimal.yaml", 24)


def test_a_changed_file_is_parsed_again(cache_home: Path, tmp_path: Path) -> None:
    base = copy_base(MINIMAL, tmp_path / "facts")
    check_fact_base(base)
    path = base / "minimal.yaml"
    path.write_text(path.read_text().replace("2023/24", "2022/23"), encoding="utf-8")
    loaded, _ = check_fact_base(base)
    assert loaded is not None
    assert loaded.facts["example.dismissals"].latest().period == "2022/23"
    assert len(entries(cache_home)) == 2


def parts(data: bytes) -> tuple[list[bytes], bytes, bytes]:
    """An entry's head fields, its index and its records."""
    head, _, rest = data.partition(b"\n")
    fields = head.split(b" ")
    return fields, rest[: int(fields[3])], rest[int(fields[3]) :]


def forged(data: bytes, index: bytes | None = None, records: bytes | None = None) -> bytes:
    """The entry with other parts under a head that matches them, as only someone writing on
    purpose could make."""
    fields, good_index, good_records = parts(data)
    index = good_index if index is None else index
    records = good_records if records is None else records
    digests = [hashlib.sha256(part).hexdigest().encode() for part in (index, records)]
    head = b" ".join([*fields[:3], str(len(index)).encode(), *digests])
    return head + b"\n" + index + records


def flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


class _RunsCode:
    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, ("touch ran-code",))


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: os.urandom(len(data)),
    "empty": lambda data: b"",
    "flipped byte in the index": lambda data: flipped(data, data.index(b"\n") + 10),
    "flipped byte in the records": lambda data: flipped(data, len(data) - 10),
    "other format": lambda data: data.replace(filecache.FORMAT, b"drafter-fact-file-0", 1),
    "other drafter": lambda data: data.replace(
        data.split(b" ")[1], b"0" * len(data.split(b" ")[1]), 1
    ),
    "other file's entry": lambda data: data.replace(data.split(b" ")[2], b"f" * 64, 1),
    "index length not a number": lambda data: data.replace(
        b" " + parts(data)[0][3] + b" ", b" -1 ", 1
    ),
    "code to run in the index": lambda data: forged(data, index=pickle.dumps(_RunsCode())),
    "code to run in the records": lambda data: forged(data, records=pickle.dumps(_RunsCode())),
    "not an index": lambda data: forged(data, index=pickle.dumps(["a list"])),
    "records that are an index": lambda data: forged(data, records=parts(data)[1]),
    "another file's records": lambda data: forged(
        data, records=pickle.dumps(filecache.FileRecords((), ()), protocol=5)
    ),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_an_entry_that_cannot_be_trusted_is_ignored_and_rebuilt(
    damage: str,
    cache_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    base = copy_base(MINIMAL, tmp_path / "facts")
    expected = check_fact_base(base)
    entry = entry_of(cache_home, base / "minimal.yaml")
    good = entry.read_bytes()
    entry.write_bytes(DAMAGE[damage](good))
    # Comparing the bases builds every record: damage in the records shows only then.
    assert check_fact_base(base) == expected
    assert entry.read_bytes() == good
    assert not (tmp_path / "ran-code").exists()


def test_entries_are_named_by_content_and_hold_no_path(cache_home: Path, tmp_path: Path) -> None:
    base = copy_base(MINIMAL, tmp_path / "facts")
    check_fact_base(base)
    (entry,) = cache_home.iterdir()
    assert entry == entry_of(cache_home, base / "minimal.yaml")
    assert str(tmp_path).encode() not in entry.read_bytes()


def test_no_cache_option_and_environment_variable_write_nothing(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    monkeypatch.chdir(tmp_path)
    base = copy_base(MINIMAL, tmp_path / "facts")
    result = runner.invoke(cli, ["--no-cache", "facts", "check", "--facts", str(base)])
    assert (result.exit_code, result.stderr) == (0, f"0 error(s), 0 warning(s) in {base}/\n")
    assert cache_root() is not None  # the option lasts only for its command
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    assert cache_root() is None
    assert runner.invoke(cli, ["facts", "check", "--facts", str(base)]).exit_code == 0
    assert not cache_home.exists()
    monkeypatch.setenv("DRAFTER_NO_CACHE", "0")
    assert runner.invoke(cli, ["facts", "check", "--facts", str(base)]).exit_code == 0
    assert len(entries(cache_home)) == 1


@pytest.mark.parametrize(
    ("xdg", "expected"),
    [("/somewhere/cache", Path("/somewhere/cache/drafter")), ("relative/cache", None)],
    ids=["absolute", "relative-ignored"],
)
def test_the_cache_folder_follows_xdg(
    xdg: str, expected: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache_root() == (expected or Path.home() / ".cache" / "drafter")


def test_concurrent_runs_share_the_cache_safely(cache_home: Path, tmp_path: Path) -> None:
    base = tmp_path / "facts"
    for number in range(6):
        copy_base(MINIMAL, tmp_path / f"copy{number}")
        text = (MINIMAL / "minimal.yaml").read_text().replace("example.", f"example{number}.")
        base.mkdir(exist_ok=True)
        (base / f"file{number}.yaml").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "drafter", "facts", "check", "--facts", str(base)]
    for _ in range(3):
        shutil.rmtree(cache_home, ignore_errors=True)
        runs = [
            subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        outputs = {run.communicate()[1] for run in runs}
        assert [run.returncode for run in runs] == [1, 1, 1]
        assert len(outputs) == 1
    assert sorted(entries(cache_home)) == sorted(
        entry_of(cache_home, path).name for path in base.glob("*.yaml")
    )
    with caching_off():
        fresh = check_fact_base(base)
    assert check_fact_base(base) == fresh


def test_a_warm_run_never_imports_the_yaml_parser(cache_home: Path, tmp_path: Path) -> None:
    base = copy_base(MINIMAL, tmp_path / "facts")
    probe = (
        "import sys; from pathlib import Path; from drafter.facts.load import load_fact_base; "
        f"load_fact_base(Path({str(base)!r})); print('yaml' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert [run.stdout for run in runs] == ["True\n", "False\n"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n"
                for a, b in zip("abcdefg", "bcdefgh", strict=True)
            ),
            "YAML expands to over 200,000 values (aliases?)",
        ),
        ("x: " + "[" * 100 + "]" * 100, "YAML nested over 60 levels"),
    ],
    ids=["alias-bomb", "deep"],
)
def test_hostile_yaml_is_refused_from_the_cache_too(
    text: str, message: str, cache_home: Path, tmp_path: Path
) -> None:
    base = tmp_path / "facts"
    base.mkdir()
    (base / "hostile.yaml").write_text(text, encoding="utf-8")
    first, second = check_fact_base(base)[1], check_fact_base(base)[1]
    assert len(entries(cache_home)) == 1
    assert first == second
    assert message in first[0].message
    assert first[0].location.line is not None


def test_a_file_that_is_not_utf8_is_not_cached(cache_home: Path, tmp_path: Path) -> None:
    base = tmp_path / "facts"
    base.mkdir()
    (base / "latin.yaml").write_bytes(b"facts: caf\xe9\n")
    problems = [check_fact_base(base)[1] for _ in range(2)]
    assert problems[0] == problems[1]
    assert isinstance(problems[0][0], Problem)
    assert not cache_home.exists()
