"""The batch redraft benchmark's folder: every draft it makes is outdated and redrafts."""

from pathlib import Path

from bench.bench_redraft import BOTH, in_process, make_drafts
from drafter.facts.load import load_fact_base
from drafter.outdated import find_outdated
from drafter.render import load_templates
from tests.conftest import ROOT


def test_the_benchmark_drafts_are_all_outdated_and_redraft(tmp_path: Path) -> None:
    base, templates = load_fact_base(ROOT / "facts"), load_templates(ROOT / "templates")
    assert make_drafts(tmp_path, 4, base, templates) >= 4
    report = find_outdated(tmp_path, base)
    assert len(report.drafts) == len(report.outdated_drafts) == 4
    assert in_process(tmp_path, base, templates, BOTH) > 0
