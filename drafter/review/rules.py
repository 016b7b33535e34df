"""What `drafter check` looks for: each rule is a small generator of Hits over one draft.

Rules are registered, with their id and severity, in `drafter.review.check.RULES`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from urllib.parse import urlsplit

from drafter.draft import GAP_MARKER, Draft, FactUse
from drafter.export.text import plain_text
from drafter.facts.model import FactBase
from drafter.facts.period import MONTHS
from drafter.facts.stale import overdue_edition
from drafter.htmltext import unwrap_redirect
from drafter.outdated import newer_period
from drafter.provenance import NUMBER, known_figures
from drafter.question import split_parts
from drafter.review.tokens import is_word, tokenize


@dataclass(frozen=True)
class Hit:
    """One thing a rule found."""

    message: str
    paragraph: int | None = None
    """1-based paragraph of the answer, or None for the draft as a whole."""
    hint: str = ""


@dataclass(frozen=True)
class Context:
    """What a rule may read: the draft, today's date, the fact base if given, the word limit."""

    draft: Draft
    today: date
    base: FactBase | None = None
    max_words: int = 500

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """Each paragraph as a reader sees it."""
        return tuple(plain_text(paragraph.text) for paragraph in self.draft.paragraphs)

    @cached_property
    def used(self) -> tuple[FactUse, ...]:
        """Each fact read, once, in the order the draft records them."""
        return tuple({use.id: use for use in reversed(self.draft.facts)}.values())[::-1]

    def first_reader(self, fact_id: str) -> int | None:
        """The first paragraph that reads a fact."""
        for number, paragraph in enumerate(self.draft.paragraphs, 1):
            if fact_id in paragraph.facts:
                return number
        return None


def no_provenance(context: Context) -> Iterator[Hit]:
    """A draft without drafter front matter: figures, links and question parts go unchecked."""
    if not context.draft.has_provenance:
        yield Hit(
            "no drafter front matter: figures, links and question parts were not checked",
            hint="check a draft written by 'drafter draft', or check these by hand",
        )


def review_due(context: Context) -> Iterator[Hit]:
    """A fact past its review date in today's fact base."""
    for use in context.used:
        fact = context.base.facts.get(use.id) if context.base else None
        if fact and fact.review_by < context.today:
            yield Hit(
                f"fact '{use.id}' was due for review on {fact.review_by.isoformat()}",
                context.first_reader(use.id),
                f"confirm it against its source, then move review_by on ({fact.location})"
                if fact.location
                else "confirm it against its source, then move review_by on",
            )


def unknown_fact(context: Context) -> Iterator[Hit]:
    """A fact the draft read that today's fact base no longer has."""
    for use in context.used:
        if context.base and use.id not in context.base.facts:
            yield Hit(
                f"fact '{use.id}' is not in the fact base {context.base.directory}",
                context.first_reader(use.id),
                "it may have been renamed or retired: redraft, or restore the fact",
            )


def stale_period(context: Context) -> Iterator[Hit]:
    """A statistic quoted for a period older than the latest in today's fact base."""
    for use in context.used:
        newer = newer_period(use, context.base) if context.base else None
        if newer is not None:
            yield Hit(
                f"'{use.id}' is quoted for {use.period}, but the fact base has {newer.period}",
                context.first_reader(use.id),
                "run 'drafter redraft' to use the latest figures",
            )


def edition_overdue(context: Context) -> Iterator[Hit]:
    """A statistic quoted from an edition whose successor is overdue by the series' schedule."""
    base = context.base
    for use in context.used if base else ():
        if base and (late := overdue_edition(base, use.id, use.period, context.today)):
            yield Hit(
                late.describe(),
                context.first_reader(use.id),
                "if it is out, add it with 'drafter facts add-period' and run 'drafter redraft'",
            )


_YEAR = re.compile(r"(?:18|19|20)\d\d")
_PROVISIONS = frozenset(
    "section sections schedule regulation regulations article part paragraph rule standard "
    "clause chapter si no".split()
)


def unsourced_figure(context: Context) -> Iterator[Hit]:
    """A figure in the answer that no recorded fact, cited source or the question supplies.

    Years, the day in a date (`31 March`) and provision numbers (`Schedule 3`) are not figures.
    """
    if not context.draft.has_provenance:
        return
    known = known_figures(context.draft, context.base)
    for number, text in enumerate(context.texts, 1):
        words = tokenize(text).words
        for index, word in enumerate(words):
            if _is_figure(words, index) and word.replace(",", "") not in known:
                yield Hit(
                    f"figure '{word}' is not in the draft's provenance",
                    number,
                    "take it from a fact in the fact base, or remove it",
                )


def _is_figure(words: tuple[str, ...], index: int) -> bool:
    word = words[index]
    if not NUMBER.fullmatch(word) or _YEAR.fullmatch(word):
        return False
    after = words[index + 1] if index + 1 < len(words) else ""
    before = words[index - 1].lower() if index else ""
    return after not in MONTHS and before not in _PROVISIONS


_URL = re.compile(r"https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’]")


def _links(context: Context) -> Iterator[tuple[int, str]]:
    for number, paragraph in enumerate(context.draft.paragraphs, 1):
        for url in dict.fromkeys(_URL.findall(paragraph.text)):
            yield number, url


def mail_redirect(context: Context) -> Iterator[Hit]:
    """A link through a mail-security redirect (e.g. Outlook safelinks) instead of the address."""
    for number, url in _links(context):
        real = unwrap_redirect(url)
        if real:
            yield Hit(
                f"link goes through a mail-security redirect ({urlsplit(url).hostname}), "
                "which can carry the sender's email address",
                number,
                f"use the real address: {real}",
            )


def uncited_link(context: Context) -> Iterator[Hit]:
    """A link to an address that is not among the draft's cited sources."""
    if not context.draft.has_provenance:
        return
    cited = {_address(source.url) for source in context.draft.sources}
    for number, url in _links(context):
        target = unwrap_redirect(url) or url
        if _address(target) not in cited:
            yield Hit(
                f"link {target} is not among the draft's cited sources",
                number,
                "cite the source it comes from in the fact base, or remove the link",
            )


def _address(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


_PLACEHOLDER = re.compile(
    r"(?i:\[(?:tbc|tba|tk|x+|\?+|\.\.\.|…|insert[^\]]*)\])|\b(?:TBC|TBA|TODO|FIXME|X{2,})\b|\?{2,}"
)


def placeholder(context: Context) -> Iterator[Hit]:
    """An unresolved placeholder: [TBC], XX, ??, TODO and the like."""
    for number, text in enumerate(context.texts, 1):
        for match in _PLACEHOLDER.finditer(text):
            yield Hit(f"unresolved placeholder '{match[0]}'", number, "fill it in before clearance")


def open_gap(context: Context) -> Iterator[Hit]:
    """A part the fact base could not answer, still marked for the officer to complete.

    Read from the words, not the front matter, so that a marker survives a hand edit.
    """
    for number, text in enumerate(context.texts, 1):
        if GAP_MARKER in text:
            part = text.split(GAP_MARKER, 1)[1].split(",", 1)[0].strip()
            yield Hit(
                f"{part} is still to complete: drafter could not answer it from the fact base",
                number,
                "write the answer to that part, or say the information is not held",
            )


_CLOSING = "\"'’”)]"


def no_full_stop(context: Context) -> Iterator[Hit]:
    """A paragraph that does not end with a full stop (or a question or exclamation mark).

    A colon may end a paragraph that introduces the next, as a correction's "should have
    been:" does, but never the last one.
    """
    last = len(context.texts)
    for number, text in enumerate(context.texts, 1):
        ends = (".", "?", "!") if number == last else (".", "?", "!", ":")
        if not text.rstrip(_CLOSING + " ").endswith(ends):
            yield Hit(f"paragraph does not end with a full stop: '…{text[-40:]}'", number)


_DOUBLES_ALLOWED = frozenset({"had", "that"})
_CONNECTIVES = frozenset({"however", "therefore", "moreover", "furthermore", "nevertheless"})
_CLAUSE_ENDS = frozenset({".", "?", "!", ";"})


def repeated_word(context: Context) -> Iterator[Hit]:
    """A word typed twice (`the the`), or a connective used twice in a sentence (`however`)."""
    for number, text in enumerate(context.texts, 1):
        words = [word.lower() for word in tokenize(text).words]
        for before, word in zip(words, words[1:], strict=False):
            if word == before and word.isalpha() and word not in _DOUBLES_ALLOWED:
                yield Hit(f"'{word}' is repeated: '{word} {word}'", number)
        collapsed = [word for n, word in enumerate(words) if not n or word != words[n - 1]]
        for sentence in _sentences(collapsed):
            counts = Counter(word for word in sentence if word in _CONNECTIVES)
            for word, count in sorted(counts.items()):
                if count > 1:
                    yield Hit(f"'{word}' appears {count} times in one sentence", number)


def _sentences(words: list[str]) -> Iterator[list[str]]:
    sentence: list[str] = []
    for word in words:
        if word in _CLAUSE_ENDS:
            yield sentence
            sentence = []
        else:
            sentence.append(word)
    yield sentence


_ANSWERS_PARTS = frozenset({"substantive", "grouped"})


def earlier_answer(context: Context) -> Iterator[Hit]:
    """A figure or line that an earlier answer to Parliament contradicts (background note)."""
    from drafter.harvest.consistency import parse_note

    for note in context.draft.background:
        found = parse_note(note)
        if found is not None:
            fact_id, what = found
            yield Hit(
                f"fact '{fact_id}': {what}",
                context.first_reader(fact_id),
                "reconcile the figures, or say in the answer why they differ",
            )


def unaddressed_part(context: Context) -> Iterator[Hit]:
    """A question part that no paragraph of a substantive answer is addressed to."""
    draft = context.draft
    question = str(draft.question.get("text", ""))
    if not (draft.has_provenance and question and draft.answer_type in _ANSWERS_PARTS):
        return
    addressed = {label for paragraph in draft.paragraphs for label in paragraph.parts}
    for part in split_parts(question):
        if not any(_covers(label, part.label) for label in addressed):
            yield Hit(
                f"question part {part.label} ('{part.text}') has no paragraph addressed to it",
                hint="add a block for it to the template, or say why it is not answered",
            )


def _covers(addressed: str, label: str) -> bool:
    """`1(a)` covers `1(a)(ii)`; `1` covers `1(b)`, but not `10`."""
    return label == addressed or label.startswith(addressed + "(")


def cost_refusal_without_information(context: Context) -> Iterator[Hit]:
    """A disproportionate-cost refusal that gives none of the readily available information."""
    draft = context.draft
    if draft.answer_type == "disproportionate-cost" and not draft.gives_information:
        yield Hit(
            "a refusal on grounds of cost must still give the information readily available",
            hint="add a topic template's paragraphs (--template) or facts (--include)",
        )


def too_long(context: Context) -> Iterator[Hit]:
    """An answer longer than the word limit (`max_words` in drafter.yaml).

    A grouped answer answers several questions at once, so it may run to the limit for each
    of them; a correction restates the original answer, so that answer's length is allowed
    on top of the limit.
    """
    count = sum(_words(text) for text in context.texts)
    limit, why = _word_limit(context)
    if count > limit:
        yield Hit(
            f"answer is {count} words long, over the limit of {limit}{why}",
            hint="shorten it, or set max_words in drafter.yaml",
        )


def _word_limit(context: Context) -> tuple[int, str]:
    draft, limit = context.draft, context.max_words
    if draft.answer_type == "grouped":
        questions = 1 + len(draft.question.get("grouped") or ())
        return limit * questions, f" ({limit} for each of {questions} grouped questions)"
    if draft.answer_type == "correction":
        original = _words(plain_text(str(draft.question.get("original_answer_text") or "")))
        return limit + original, f" ({limit} beyond the {original} words of the original)"
    return limit, ""


def _words(text: str) -> int:
    return sum(1 for word in tokenize(text).words if is_word(word))
