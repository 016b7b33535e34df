"""Render answer blocks: a sandboxed Jinja environment whose `fact()` records every fact read.

What a block reads is its paragraph's provenance; a missing fact, period or variable stops the
render with the template's file and line, never an empty string in the answer.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError

from drafter import house_style
from drafter.draft import FactUse
from drafter.errors import Location, TemplateError
from drafter.facts.model import Fact, FactBase, InForce, PeriodValue, Source
from drafter.render_cache import FactCalls, cached_fact_calls, compiled_blocks
from drafter.sandbox import TemplateSandbox, TemplateValue
from drafter.templates import BLOCK_SUFFIX, BLOCKS_FOLDER, AnswerTemplate, read_manifests


def make_environment(directory: Path) -> TemplateSandbox:
    """Templates are data written by users: sandboxed, strict, and confined to their folder."""
    environment = TemplateSandbox(
        directory,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.filters.update(house_style.FILTERS)
    environment.bytecode_cache = compiled_blocks(environment)
    return environment


def block_path(name: str) -> str:
    """The loader path of a block, e.g. `blocks/standards.md.j2`."""
    return f"{BLOCKS_FOLDER}/{name}{BLOCK_SUFFIX}"


def block_fact_ids(environment: jinja2.Environment, name: str) -> set[str]:
    """The fact ids a block passes to `fact()`, read from its syntax tree (not a regex)."""
    return set(block_fact_lines(environment, name))


def block_fact_lines(environment: jinja2.Environment, name: str) -> dict[str, Location]:
    """Each fact id a block passes to `fact()`, with where it first does so."""
    loader = environment.loader
    assert loader is not None
    source, filename, _ = loader.get_source(environment, block_path(name))
    return dict(cached_fact_calls(source, filename or block_path(name), _fact_calls))


_PARSER = jinja2.Environment()
"""Parses blocks to find their fact calls: the syntax is Jinja's default, as in
`make_environment`, and nothing parsed here is rendered."""


@functools.lru_cache(maxsize=1024)
def _fact_calls(source: str, filename: str) -> FactCalls:
    """The `fact("id")` calls in a block's source: parsed once per process for each source."""
    path = Path(filename)
    try:
        tree = _PARSER.parse(source, filename=filename)
    except jinja2.TemplateSyntaxError as error:
        where = Location(path, error.lineno)
        raise TemplateError(f"syntax error: {error.message}", where) from error
    found: dict[str, Location] = {}
    for call in tree.find_all(nodes.Call):
        if (
            isinstance(call.node, nodes.Name)
            and call.node.name == "fact"
            and call.args
            and isinstance(call.args[0], nodes.Const)
        ):
            found.setdefault(call.args[0].value, Location(path, call.lineno))
    return tuple(sorted(found.items(), key=lambda item: item[1].line or 0))


@dataclass
class Recorder:
    """Collects the facts one block reads, in order; becomes the paragraph's provenance."""

    base: FactBase
    as_of: date
    uses: dict[tuple[str, str], FactUse] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def fact(self, fact_id: str) -> FactView:
        """The templates' `fact(id)`, recorded when read.

        A line is recorded now, a statistic when a period is read, a policy when its value in
        force is read.
        """
        fact = self.base.facts.get(fact_id)
        if fact is None:
            raise _FactMissing(f"unknown fact id '{fact_id}'")
        if fact.kind == "line":
            self._record(fact, self.in_force(fact) if fact.in_force else None)
        return FactView(fact, self)

    def in_force(self, fact: Fact) -> InForce:
        """The fact's value in force on the drafting date."""
        try:
            return fact.in_force_on(self.as_of)
        except LookupError as error:
            raise _FactMissing(str(error).strip("'\"")) from None

    def source(self, source_id: str) -> SourceView:
        """The templates' `source(id)`: cites a source without reading a fact."""
        if source_id not in self.base.sources:
            raise _FactMissing(f"unknown source id '{source_id}'")
        self._cite(source_id)
        return SourceView(self.base.sources[source_id])

    def _record(self, fact: Fact, value: PeriodValue | InForce | None) -> None:
        if isinstance(value, InForce):
            self._record_in_force(fact, value)
            return
        source = self.base.source_of(fact, value)
        use = FactUse(
            id=fact.id,
            kind=fact.kind,
            source=source.id,
            digest=fact.digest(),
            period=value.period if value else "",
            value=house_style.figures(value) if value else "",
            verified=fact.verified and (value.verified if value else True),
        )
        self._use(use)

    def _record_in_force(self, fact: Fact, value: InForce) -> None:
        """A value in force is unverified for a day in a gap of its history."""
        use = FactUse(
            id=fact.id,
            kind=fact.kind,
            source=value.source,
            digest=fact.digest(),
            value=house_style.number(value.value) if value.value is not None else "",
            verified=fact.verified and value.verified and value.covers(self.as_of),
            in_force_from=value.start.isoformat(),
            in_force_until=value.until.isoformat() if value.until else "",
        )
        self._use(use)

    def _use(self, use: FactUse) -> None:
        self.uses.setdefault((use.id, use.period), use)
        self._cite(use.source)

    def _cite(self, source_id: str) -> None:
        if source_id not in self.sources:
            self.sources.append(source_id)

    @property
    def fact_ids(self) -> tuple[str, ...]:
        """Ids of the facts read, in first-read order."""
        return tuple(dict.fromkeys(fact_id for fact_id, _ in self.uses))


class _FactMissing(Exception):
    """A template asked for a fact, period or source the fact base does not have.

    Not a LookupError: Jinja takes those from `x[key]` as "try an attribute instead".
    """


class FactView(TemplateValue):
    """What a template sees of a fact; reading a period records it."""

    def __init__(self, fact: Fact, recorder: Recorder) -> None:
        self._fact = fact
        self._recorder = recorder
        self.id = fact.id
        self.kind = fact.kind
        self.text = (
            recorder.in_force(fact).text if fact.kind == "line" and fact.in_force else fact.text
        )
        self.unit = fact.unit

    def __str__(self) -> str:
        """A line's text; a policy's value in force; a statistic's latest figures (recorded)."""
        if self.kind not in ("statistic", "policy"):
            return self.text
        latest = self.latest
        if isinstance(latest, InForceView):
            return str(latest)
        if latest.value is None:
            return house_style.breakdown(latest.breakdown)
        return house_style.number(latest.value)

    @property
    def source(self) -> SourceView:
        """The fact's own source (a statistic's series), cited."""
        return self._recorder.source(self._fact.source)

    @property
    def in_force(self) -> InForceView:
        """The value in force on the drafting date (a policy's, or a line's wording)."""
        value = self._recorder.in_force(self._fact)
        self._recorder._record(self._fact, value)
        return InForceView(value, self._recorder.base.sources[value.source])

    @property
    def latest(self) -> PeriodView | InForceView:
        """The latest period published by the drafting date; for a policy, its value in force."""
        if self._fact.kind == "policy":
            return self.in_force
        as_of = self._recorder.as_of
        known = [v for v in self._fact.values if self._published(v) <= as_of]
        if not known:
            raise _FactMissing(f"fact '{self.id}' has no period published by {as_of.isoformat()}")
        return self._view(max(known, key=lambda value: value.parsed))

    def period(self, label: str) -> PeriodView:
        """A named period, e.g. `fact("x").period("2022/23")`."""
        try:
            return self._view(self._fact.at(label))
        except LookupError as error:
            raise _FactMissing(str(error).strip("'\"")) from None

    def _published(self, value: PeriodValue) -> date:
        return house_style.publication_date(self._recorder.base.source_of(self._fact, value))

    def _view(self, value: PeriodValue) -> PeriodView:
        self._recorder._record(self._fact, value)
        return PeriodView(value, self._recorder.base.source_of(self._fact, value), self.id)


class PeriodView(TemplateValue):
    """One period of a statistic: its label, value, breakdown and the edition it came from."""

    def __init__(self, value: PeriodValue, source: Source, fact_id: str) -> None:
        self.label = value.period
        self.period = value.parsed
        self.value = value.value
        self.breakdown = dict(value.breakdown)
        self.source = SourceView(source)
        self._fact_id = fact_id

    def __getitem__(self, category: str) -> int | float:
        if category not in self.breakdown:
            have = ", ".join(self.breakdown) or "none"
            raise _FactMissing(
                f"fact '{self._fact_id}' period '{self.label}' has no figure for "
                f"'{category}' (has: {have})"
            )
        return self.breakdown[category]

    def __contains__(self, category: str) -> bool:
        return category in self.breakdown

    def __str__(self) -> str:
        return self.label


class InForceView(TemplateValue):
    """One value in force: the figure or wording, the dates it holds from and to, its source."""

    def __init__(self, value: InForce, source: Source) -> None:
        self.value = value.value
        self.text = value.text
        self.start = value.start
        self.until = value.until
        self.source = SourceView(source)

    def __str__(self) -> str:
        return self.text or (house_style.number(self.value) if self.value is not None else "")


class SourceView(TemplateValue):
    """What a template sees of a source; it prints as its title."""

    def __init__(self, source: Source) -> None:
        self.id = source.id
        self.title = source.title
        self.publisher = source.publisher
        self.url = source.url
        self.published = source.published

    def __str__(self) -> str:
        return self.title


def render_block(
    environment: jinja2.Environment, name: str, context: dict[str, Any], recorder: Recorder
) -> str:
    """Render one block to its paragraph text, whitespace folded.

    Raises:
        TemplateError: syntax error, undefined variable, or a missing fact, with file and line.
    """
    path = block_path(name)
    try:
        template = environment.get_template(path)
        text = template.render(context, fact=recorder.fact, source=recorder.source)
    except jinja2.TemplateSyntaxError as error:
        where = Location(Path(error.filename or path), error.lineno)
        raise TemplateError(f"syntax error: {error.message}", where) from error
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"template not found: {error.name}") from error
    except (jinja2.UndefinedError, SecurityError, _FactMissing, ValueError, TypeError) as error:
        # ValueError and TypeError come from filters given the wrong kind of value, such as
        # `fy` on a fact rather than a period: the template's mistake, so report its line.
        raise TemplateError(_reword(error), _template_line(error, environment, path)) from error
    return " ".join(text.split())


def _template_line(error: Exception, environment: jinja2.Environment, path: str) -> Location:
    """Jinja rewrites traceback frames to template lines: take the last one in this template."""
    filename = environment.get_template(path).filename or path
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    return Location(Path(filename), frames[-1].lineno if frames else None)


_VIEW_FIELDS = {
    "FactView": "id, kind, text, unit, source, latest, period(), in_force",
    "PeriodView": "label, period, value, breakdown, source, [category]",
    "InForceView": "value, text, start, until, source",
    "SourceView": "id, title, publisher, url, published",
}


def _reword(error: Exception) -> str:
    """Jinja's `'... object' has no attribute 'x'` as the fields a template can use."""
    message = str(error.args[0] if error.args else error)
    for name, names in _VIEW_FIELDS.items():
        prefix = f"'drafter.render.{name} object' has no attribute"
        if message.startswith(prefix):
            attribute = message[len(prefix) :].strip()
            return f"'{name.removesuffix('View')}' has no field {attribute} (fields: {names})"
    return message


def iter_blocks(environment: jinja2.Environment) -> Iterator[str]:
    """Every block name in the templates folder, sorted."""
    for name in sorted(environment.list_templates(filter_func=lambda n: n.endswith(BLOCK_SUFFIX))):
        if name.startswith(f"{BLOCKS_FOLDER}/"):
            yield name[len(BLOCKS_FOLDER) + 1 : -len(BLOCK_SUFFIX)]


@dataclass(frozen=True)
class TemplateSet:
    """The answer templates of one folder and the environment that renders their blocks."""

    directory: Path
    templates: Mapping[str, AnswerTemplate]
    environment: TemplateSandbox


def load_templates(directory: Path) -> TemplateSet:
    """Read the manifests and make the environment for a templates folder.

    Raises:
        TemplateError: a manifest is malformed or names a block that does not exist.
    """
    return TemplateSet(directory, read_manifests(directory), make_environment(directory))
