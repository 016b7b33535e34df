"""The template sandbox: confined to its folder, printing values only, bounded in work."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import load_fact_base, load_templates
from drafter.cli import cli
from drafter.errors import TemplateError
from drafter.render import Recorder, make_environment, render_block
from drafter.sandbox import MAX_ITERATIONS, MAX_OUTPUT, MAX_RANGE

KB = Path(__file__).parent / "data" / "kb_minimal"


def render(folder: Path, source: str) -> str:
    """Render `source` as the block `t` of a templates folder in `folder`."""
    block = folder / "templates" / "blocks" / "t.md.j2"
    block.parent.mkdir(parents=True, exist_ok=True)
    block.write_text(source, encoding="utf-8")
    return render_named(folder, "t")


def render_named(folder: Path, name: str) -> str:
    recorder = Recorder(load_fact_base(KB), date(2025, 3, 11))
    return render_block(make_environment(folder / "templates"), name, {}, recorder)


def render_error(folder: Path, source: str) -> str:
    with pytest.raises(TemplateError) as caught:
        render(folder, source)
    return str(caught.value)


def test_a_line_prints_as_its_text(tmp_path: Path) -> None:
    text = render(tmp_path, '{{ fact("example.duty") }}')
    assert text == "Officers must keep information confidential."


def test_a_statistic_prints_as_its_latest_figure(tmp_path: Path) -> None:
    figures = "1,066 police officers and 37 police staff"
    assert render(tmp_path, '{{ fact("example.dismissals") }}') == figures


def test_a_source_prints_as_its_title(tmp_path: Path) -> None:
    assert render(tmp_path, '{{ source("series") }}') == "Example statistics series"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("{{ fact }}", "a function"),
        ("{{ source }}", "a function"),
        ('{{ fact("example.dismissals").latest.breakdown }}', "a dict"),
        ("{{ none }}", "a NoneType"),
        ("{{ true }}", "a bool"),
    ],
    ids=["fact-function", "source-function", "mapping", "none", "bool"],
)
def test_internal_objects_are_not_printed(tmp_path: Path, source: str, kind: str) -> None:
    block = tmp_path / "templates" / "blocks" / "t.md.j2"
    message = render_error(tmp_path, source)
    assert message == (f"{block}:1: cannot write {kind} into the answer: write one of its fields")
    assert str(KB) not in message


def test_nested_loops_stop_at_the_iteration_limit(tmp_path: Path) -> None:
    source = "{% for i in range(10000) %}\n{% for j in range(10000) %}{% endfor %}{% endfor %}"
    message = render_error(tmp_path, source)
    block = tmp_path / "templates" / "blocks" / "t.md.j2"
    assert message == f"{block}:2: the template's loops ran more than {MAX_ITERATIONS:,} times"


def test_a_huge_range_is_refused(tmp_path: Path) -> None:
    message = render_error(tmp_path, "{% for i in range(10**10) %}x{% endfor %}")
    assert message.endswith(f":1: range() of 10,000,000,000 items (limit {MAX_RANGE:,})")


def test_loops_under_the_limits_still_run(tmp_path: Path) -> None:
    source = "{% for i in range(3) %}{{ loop.index }}{% if loop.last %}.{% endif %}{% endfor %}"
    assert render(tmp_path, source) == "123."


def test_output_is_bounded(tmp_path: Path) -> None:
    source = "{% for i in range(5000) %}{{ 'abcdefghijklmnopqrstuvwxyz' }}{% endfor %}"
    message = render_error(tmp_path, source)
    assert message.endswith(f"the template wrote more than {MAX_OUTPUT:,} characters")


@pytest.mark.parametrize(
    ("source", "end"),
    [
        ("{{ 'x' * 10**9 }}", f"a repetition of more than {MAX_OUTPUT:,} items"),
        ("{{ 2 ** 100000 }}", "a power above 1,000 is not allowed in templates"),
        ("{{ 'x'.ljust(10**9) }}", "a size of 1,000,000,000 given to a call (limit 100,000)"),
        ("{{ 'x'|center(10**9) }}", "a size of 1,000,000,000 given to a call (limit 100,000)"),
        ("{{ '%999999999d' % 1 }}", "a field width of more than 100,000 characters"),
        ("{{ '%999999999d'|format(1) }}", "a field width of more than 100,000 characters"),
        ("{{ '{:>999999999}'.format(1) }}", "a field width of more than 100,000 characters"),
    ],
    ids=["repeat", "power", "method", "filter", "percent", "format-filter", "str-format"],
)
def test_arithmetic_that_would_exhaust_memory_is_refused(
    tmp_path: Path, source: str, end: str
) -> None:
    assert render_error(tmp_path, source).endswith(end)


GROWN = f"a text of more than {MAX_OUTPUT:,} characters"


@pytest.mark.parametrize(
    "grow",
    ["s.replace('a', s)", "s|replace('a', s)", "s.join(s)", "s|join(s)"],
    ids=["replace-method", "replace-filter", "join-method", "join-filter"],
)
def test_a_text_grown_past_the_limit_is_refused_before_it_is_made(
    tmp_path: Path, grow: str
) -> None:
    # Ten gigabytes each: refused before any is asked for, not caught as a MemoryError.
    source = "{% set s = 'a' * 99999 %}{{ " + grow + " }}"
    assert render_error(tmp_path, source).endswith(GROWN)


def test_ordinary_replacing_and_joining_still_work(tmp_path: Path) -> None:
    source = "{{ ['x', 'y']|join(', ') }} {{ 'abc'|replace('b', 'XX') }} {{ '-'.join('ab') }}"
    assert render(tmp_path, source + " {{ 'aaa'.replace('a', 'bb', 2) }}") == "x, y aXXc a-b bbbba"


def test_ordinary_formatting_still_works(tmp_path: Path) -> None:
    source = "{{ '%5d'|format(1234567) }} {{ '{:>4}'.format(12) }} {{ 'ab'|center(6) }}|"
    assert render(tmp_path, source) == "1234567 12 ab |"  # spaces folded, as in every block


def test_a_macro_calling_itself_is_an_error(tmp_path: Path) -> None:
    source = "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"
    assert render_error(tmp_path, source).endswith("the template calls itself too deeply")


def test_a_symlink_leaving_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    link = tmp_path / "templates" / "blocks" / "leak.md.j2"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    with pytest.raises(TemplateError) as caught:
        render_named(tmp_path, "leak")
    assert str(caught.value) == f"{link}: symlink leads outside the templates folder, to {secret}"


def test_an_include_through_a_symlink_leaving_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("password", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "outside").symlink_to(tmp_path)
    message = render_error(tmp_path, "{% include 'outside/secret.txt' %}")
    assert "symlink leads outside the templates folder" in message
    assert "password" not in message


def test_a_symlink_within_the_folder_is_followed(tmp_path: Path) -> None:
    render(tmp_path, '{{ fact("example.duty").text }}')
    (tmp_path / "templates" / "blocks" / "alias.md.j2").symlink_to("t.md.j2")
    assert render_named(tmp_path, "alias") == "Officers must keep information confidential."


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda link: link.symlink_to(link.parent / "missing.md.j2"), "broken symlink"),
        (lambda link: link.symlink_to(link), "symlink loop"),
        (lambda link: os.mkfifo(link), "expected a file, found a named pipe"),
    ],
    ids=["broken", "loop", "fifo"],
)
def test_file_system_surprises_in_blocks_are_one_line_errors(
    tmp_path: Path, make: object, reason: str
) -> None:
    link = tmp_path / "templates" / "blocks" / "odd.md.j2"
    link.parent.mkdir(parents=True)
    make(link)  # type: ignore[operator]
    with pytest.raises(TemplateError) as caught:
        render_named(tmp_path, "odd")
    assert str(caught.value) == f"{link}: {reason}"


def test_the_cli_reports_a_runaway_template_in_one_line(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    templates = tmp_path / "templates"
    shutil.copytree(root / "templates", templates)
    loops = "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"
    for block in (templates / "blocks").glob("*.md.j2"):
        block.write_text(block.read_text(encoding="utf-8") + loops, encoding="utf-8")
    arguments = ["draft", str(root / "examples" / "37301.yaml"), "--facts", str(root / "facts")]
    result = CliRunner().invoke(cli, [*arguments, "--templates", str(templates)])
    assert result.exit_code == 1
    pattern = (
        r"Error: .*/blocks/[\w-]+\.md\.j2:\d+: the template's loops ran more than 100,000 times\n"
    )
    assert re.fullmatch(pattern, result.stderr)


def test_a_manifest_symlink_leaving_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: x\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.yaml").symlink_to(outside)
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path / "templates")
    assert str(caught.value) == (
        f"{tmp_path / 'templates' / 'x.yaml'}: symlink leads outside the templates folder, "
        f"to {outside}"
    )
