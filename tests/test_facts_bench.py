from pathlib import Path

from bench.bench_facts import change, generate
from drafter.facts.diff import diff_fact_bases
from drafter.facts.load import check_fact_base, load_fact_base


def test_the_generated_fact_base_is_sound(tmp_path: Path) -> None:
    generate(tmp_path, facts=20, files=2)
    base, problems = check_fact_base(tmp_path)
    assert problems == []
    assert base is not None
    assert (len(base.facts), len(base.sources)) == (20, 10)


def test_the_changed_copy_differs_but_loads(tmp_path: Path) -> None:
    generate(tmp_path / "a", facts=200, files=2)
    generate(tmp_path / "b", facts=200, files=2)
    change(tmp_path / "b", share=0.2)
    old, new = load_fact_base(tmp_path / "a"), load_fact_base(tmp_path / "b")
    assert diff_fact_bases(old, new, old_name="a", new_name="b").items
