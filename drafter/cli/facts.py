"""`drafter facts ...`: the fact base and its yearly upkeep."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.options import facts_dir_of, facts_option


@click.group("facts")
def facts_group() -> None:
    """Check, list and update the fact base."""


@facts_group.command("list")
@facts_option
def list_facts(facts_dir: Path | None) -> None:
    """List every fact: id, kind, latest period or first words, and source."""
    from drafter.facts.load import load_fact_base

    base = load_fact_base(facts_dir_of(facts_dir))
    for fact in sorted(base.facts.values(), key=lambda item: item.id):
        summary = fact.latest().period if fact.values else " ".join(fact.text.split()[:8]) + " ..."
        click.echo(f"{fact.id}\t{fact.kind}\t{summary}\t{fact.source}")
