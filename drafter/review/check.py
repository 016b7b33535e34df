"""`drafter check`: run every rule over a draft and report findings by paragraph.

RULES is the one registry: a rule is an id, a severity and a generator of Hits (see
`drafter.review.rules`). Adding a rule is one function there, one line here and one test.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date

from drafter.draft import Draft
from drafter.errors import Severity
from drafter.facts.model import FactBase
from drafter.review import rules
from drafter.review.rules import Context, Hit


@dataclass(frozen=True)
class Rule:
    """A check with its id (as shown in brackets) and the severity of what it finds."""

    id: str
    severity: Severity
    find: Callable[[Context], Iterator[Hit]]

    @property
    def summary(self) -> str:
        """What the rule looks for: the first line of its function's docstring."""
        return (self.find.__doc__ or "").strip().splitlines()[0]


RULES: tuple[Rule, ...] = (
    Rule("no-provenance", "warning", rules.no_provenance),
    Rule("review-due", "error", rules.review_due),
    Rule("unknown-fact", "error", rules.unknown_fact),
    Rule("stale-period", "warning", rules.stale_period),
    Rule("edition-overdue", "warning", rules.edition_overdue),
    Rule("unsourced-figure", "error", rules.unsourced_figure),
    Rule("mail-redirect", "error", rules.mail_redirect),
    Rule("uncited-link", "error", rules.uncited_link),
    Rule("placeholder", "error", rules.placeholder),
    Rule("open-gap", "error", rules.open_gap),
    Rule("no-full-stop", "error", rules.no_full_stop),
    Rule("repeated-word", "error", rules.repeated_word),
    Rule("unaddressed-part", "error", rules.unaddressed_part),
    Rule("earlier-answer", "error", rules.earlier_answer),
    Rule("cost-refusal-without-information", "error", rules.cost_refusal_without_information),
    Rule("too-long", "warning", rules.too_long),
)


@dataclass(frozen=True)
class Finding:
    """A Hit with the rule that found it."""

    rule: str
    severity: Severity
    message: str
    paragraph: int | None = None
    hint: str = ""

    def format(self, name: str) -> str:
        """`drafts/37301.md: paragraph 3: error [no-full-stop]: ...`, then a hint line if any."""
        where = f"{name}: paragraph {self.paragraph}" if self.paragraph else name
        text = f"{where}: {self.severity} [{self.rule}]: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


def check_draft(
    draft: Draft,
    *,
    today: date,
    base: FactBase | None = None,
    max_words: int = 500,
    selected: Iterable[Rule] = RULES,
) -> list[Finding]:
    """Every finding, ordered by paragraph (draft-wide ones first), then by rule order.

    Rules that need the fact base (review dates, latest periods) find nothing without it.
    """
    context = Context(draft, today, base, max_words)
    found = [
        (
            hit.paragraph or 0,
            order,
            Finding(rule.id, rule.severity, hit.message, hit.paragraph, hit.hint),
        )
        for order, rule in enumerate(selected)
        for hit in rule.find(context)
    ]
    return [finding for _, _, finding in sorted(found, key=lambda item: item[:2])]


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error: `drafter check` then exits 1."""
    return any(finding.severity == "error" for finding in findings)


def format_findings(findings: list[Finding], name: str) -> str:
    """One line per finding (plus hint lines), then a count; `no problems` when clean."""
    lines = [finding.format(name) for finding in findings]
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    lines.append(
        f"{name}: {errors} error(s), {warnings} warning(s)" if findings else f"{name}: no problems"
    )
    return "\n".join(lines) + "\n"


def findings_json(findings: list[Finding], name: str) -> str:
    """The findings as JSON: the draft's name and a list of findings with every field."""
    record = {"draft": name, "findings": [asdict(finding) for finding in findings]}
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"
