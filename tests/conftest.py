"""Shared fixtures: a CLI runner, a file-tree writer and golden-file comparison."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"

# Property tests (hypothesis): few examples, the same ones on every run, in CI; a long hunt
# with `HYPOTHESIS_PROFILE=long python -m pytest -q tests/test_properties_*.py` (see README);
# HYPOTHESIS_EXAMPLES sets the long run's examples per property (default 2,000).
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_OK,
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

WriteTree = Callable[[dict[str, str]], Path]
Golden = Callable[[str, str], None]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output"
    )


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """drafter's cache goes to a folder of the test session's, never the user's (subprocesses
    inherit it); the session's tests share it, as a user's runs share theirs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.delenv("DRAFTER_NO_CACHE", raising=False)
        yield


HARVEST_ANSWERS = ROOT / "tests" / "data" / "harvest" / "answers.jsonl"
"""Five earlier answers on vetting, written for the harvest tests (two state figures)."""


@pytest.fixture
def harvest_db(tmp_path: Path) -> Path:
    """An archive holding HARVEST_ANSWERS."""
    from drafter.archive import import_files, open_archive

    path = tmp_path / "harvest.sqlite"
    with open_archive(path, create=True) as archive:
        import_files(archive, [HARVEST_ANSWERS])
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_tree(tmp_path: Path) -> WriteTree:
    """Write {relative path: text} under tmp_path; text is dedented and left-stripped."""

    def write(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text with tests/golden/<name>; `pytest --update-golden` rewrites the file."""
    update = bool(request.config.getoption("--update-golden"))

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        assert path.exists(), f"no golden file {path}: run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8"), f"differs from {path}"

    return compare
