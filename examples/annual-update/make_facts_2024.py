"""Make facts-2024/: the bundled fact base as it stood before the 2024/25 barred list.

Run from the repository root when the bundled facts change, then review and commit the result:

    PYTHONPATH=. python examples/annual-update/make_facts_2024.py

It copies facts/, removes every 2024/25 barred list period and the 2024/25 edition's source,
puts the series source back to its 2023/24 edition (published November 2024, next edition
expected October 2025, its notes dropped), and dates every `checked` to 14 March 2025, when
question 37301 was being answered.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from drafter.facts import splice

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(__file__).resolve().parent / "facts-2024"
SERIES = {"published": "2024-11", "covers": "2023/24", "next_expected": "2025-10"}
CHECKED = "2025-03-14"


def drop_ranges(text: str) -> list[tuple[int, int]]:
    """Line ranges (first, last; 0-based) of the 2024/25 periods and edition, and series notes."""
    lines = text.splitlines(keepends=True)
    root = splice.compose(text)
    ranges = []
    for fact in splice.child(root, "facts").value:
        for item in getattr(splice.child(fact, "values"), "value", []):
            if splice.child(item, "period").value == "2024/25":
                ranges.append((item.start_mark.line, splice.last_line(item, lines)))
    edition = splice.find_entry(root, "sources", "barred-list-2024-25")
    assert edition is not None
    first = edition.start_mark.line
    ranges.append((first - (not lines[first - 1].strip()), splice.last_line(edition, lines)))
    series = splice.find_entry(root, "sources", "barred-list-series")
    notes = series.value[[key.value for key, _ in series.value].index("notes")]
    ranges.append((notes[0].start_mark.line, splice.last_line(notes[1], lines)))
    return ranges


def main() -> None:
    """Rewrite examples/annual-update/facts-2024/ from facts/."""
    shutil.rmtree(TARGET, ignore_errors=True)
    shutil.copytree(ROOT / "facts", TARGET)
    path = TARGET / "barred-list.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for first, last in sorted(drop_ranges("".join(lines)), reverse=True):
        del lines[first : last + 1]
    text = "".join(lines)
    for key, value in SERIES.items():
        series = splice.find_entry(splice.compose(text), "sources", "barred-list-series")
        text = splice.set_scalar(text, series, key, value, path)
    path.write_text(text, encoding="utf-8")
    for file in TARGET.glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        for source in yaml.safe_load(text).get("sources") or []:
            node = splice.find_entry(splice.compose(text), "sources", source["id"])
            if splice.child(node, "checked") is not None:
                text = splice.set_scalar(text, node, "checked", CHECKED, file)
        file.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
