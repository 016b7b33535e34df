import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest

from drafter.draft import CitedSource, Draft, FactUse, Paragraph, read_draft
from drafter.errors import Location
from drafter.facts.model import Fact, FactBase, PeriodValue
from drafter.review import RULES, check_draft, has_errors, read_side
from drafter.review.check import Finding, findings_json, format_findings

DATA = Path(__file__).parent / "data" / "review"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
TODAY = date(2026, 11, 25)
QUESTION = (
    "To ask the Secretary of State for the Home Department, what assessment her Department has "
    "made of the (a) number and (b) cost of X; and what steps she is taking."
)
STAT = FactUse("bl.access", "statistic", "bl-2023", "d1", "2023/24", "police officers 66")
LINE = FactUse("std.line", "line", "regs", "d2")
SOURCES = (
    CitedSource(
        "bl-2023", "Dismissals 2023 to 2024", "College", "https://www.college.police.uk/bl"
    ),
    CitedSource(
        "regs", "Police Reform Act 2002, Schedule 3", "TNA", "https://www.legislation.gov.uk/x"
    ),
)


def draft(*texts: str, parts: tuple[str, ...] = ("1(a)", "1(b)", "2")) -> Draft:
    paragraphs = [Paragraph(text, "block", facts=("bl.access",)) for text in texts]
    paragraphs[0] = replace(paragraphs[0], parts=parts)
    return Draft({"text": QUESTION}, "t", tuple(paragraphs), facts=(STAT, LINE), sources=SOURCES)


def base(review_by: date = date(2027, 1, 1), periods: tuple[str, ...] = ("2023/24",)) -> FactBase:
    values = tuple(PeriodValue(period, 66) for period in periods)
    facts = {
        "bl.access": Fact(
            "bl.access",
            "statistic",
            "bl",
            review_by,
            values=values,
            location=Location(Path("facts/bl.yaml"), 4),
        ),
        "std.line": Fact("std.line", "line", "regs", date(2027, 1, 1), text="Standard 7 says so."),
    }
    return FactBase(Path("facts"), MappingProxyType({}), MappingProxyType(facts), "fb")


def found(subject: Draft, rule: str, **kwargs: object) -> list[tuple[int | None, str, str]]:
    findings = check_draft(subject, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return [(f.paragraph, f.message, f.hint) for f in findings if f.rule == rule]


CLEAN = "In 2023/24 there were 66 police officers, see <https://www.college.police.uk/bl>."


def test_a_clean_draft_has_no_findings() -> None:
    assert check_draft(draft(CLEAN), today=TODAY, base=base()) == []


def test_no_provenance() -> None:
    bare = Draft({}, "", (Paragraph("Some words."),))
    assert found(bare, "no-provenance") == [
        (
            None,
            "no drafter front matter: figures, links and question parts were not checked",
            "check a draft written by 'drafter draft', or check these by hand",
        ),
    ]


def test_review_due() -> None:
    assert found(draft(CLEAN), "review-due", base=base(review_by=date(2026, 1, 31))) == [
        (
            1,
            "fact 'bl.access' was due for review on 2026-01-31",
            "confirm it against its source, then move review_by on (facts/bl.yaml:4)",
        ),
    ]


def test_unknown_fact() -> None:
    hits = found(draft(CLEAN), "unknown-fact", base=replace(base(), facts=MappingProxyType({})))
    assert [(n, message) for n, message, _ in hits] == [
        (None, "fact 'std.line' is not in the fact base facts"),
        (1, "fact 'bl.access' is not in the fact base facts"),
    ]


def test_stale_period() -> None:
    assert found(draft(CLEAN), "stale-period", base=base(periods=("2023/24", "2024/25"))) == [
        (
            1,
            "'bl.access' is quoted for 2023/24, but the fact base has 2024/25",
            "run 'drafter redraft' to use the latest figures",
        ),
    ]


def test_rules_needing_the_fact_base_are_quiet_without_it() -> None:
    assert [f.rule for f in check_draft(draft(CLEAN), today=TODAY)] == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (CLEAN, []),
        ("In 2022/23 there were 67 police officers.", ["2022/23", "67"]),
        ("On 31 March 2024, under Schedule 3 and section 55 of the 2002 Act, 66.", []),
        ("Figures for the year ending 31 March 2024: 1,698.", ["1,698"]),
        ("Standard 7 applies; also see (a) and (b).", []),
    ],
    ids=["recorded", "unrecorded", "dates-and-provisions", "thousands", "fact-text-and-question"],
)
def test_unsourced_figure(text: str, figures: list[str]) -> None:
    hits = found(draft(text), "unsourced-figure", base=base())
    assert [message for _, message, _ in hits] == [
        f"figure '{figure}' is not in the draft's provenance" for figure in figures
    ]


SAFELINK = (
    "https://gbr01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.college.police.uk%2Fbl"
    "&data=05%7C02%7Cname%40example.gov.uk&reserved=0"
)


def test_mail_redirect_offers_the_real_address() -> None:
    assert found(
        draft(f"See [https://www.college.police.uk/bl]({SAFELINK})."), "mail-redirect"
    ) == [
        (
            1,
            "link goes through a mail-security redirect (gbr01.safelinks.protection.outlook.com), "
            "which can carry the sender's email address",
            "use the real address: https://www.college.police.uk/bl",
        ),
    ]


def test_uncited_link() -> None:
    hits = found(
        draft("See <https://example.org/elsewhere> and <http://college.police.uk/bl/>."),
        "uncited-link",
    )
    assert [message for _, message, _ in hits] == [
        "link https://example.org/elsewhere is not among the draft's cited sources"
    ]


@pytest.mark.parametrize("mark", ["[TBC]", "XX", "??", "TODO", "[insert figure]", "[x]"])
def test_placeholder(mark: str) -> None:
    assert found(draft(f"There were {mark} officers."), "placeholder") == [
        (1, f"unresolved placeholder '{mark}'", "fill it in before clearance")
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Ends well.", False),
        ("Asks why?", False),
        ("Quotes ‘this.’", False),
        ("(Aside.)", False),
        ("Ends badly", True),
        ("Ends with a link: <https://x.example/>", True),
        ("Ends with a colon:", True),
    ],
)
def test_no_full_stop(text: str, flagged: bool) -> None:
    assert bool(found(draft(text), "no-full-stop")) is flagged


def test_repeated_word() -> None:
    texts = (
        "The the officers had had training; however however.",
        "It, however, does not however apply.",
    )
    hits = found(draft(*texts), "repeated-word")
    assert [(n, message) for n, message, _ in hits] == [
        (1, "'the' is repeated: 'the the'"),
        (1, "'however' is repeated: 'however however'"),
        (2, "'however' appears 2 times in one sentence"),
    ]


def test_unaddressed_part() -> None:
    hits = found(draft(CLEAN, parts=("1(a)",)), "unaddressed-part")
    assert [message for _, message, _ in hits] == [
        "question part 1(b) ('cost of X') has no paragraph addressed to it",
        "question part 2 ('what steps she is taking') has no paragraph addressed to it",
    ]


def test_a_part_is_covered_by_a_paragraph_addressing_its_parent() -> None:
    assert found(draft(CLEAN, parts=("1", "2")), "unaddressed-part") == []


def test_a_holding_answer_need_not_address_parts() -> None:
    holding = replace(draft(CLEAN, parts=()), answer_type="holding")
    assert found(holding, "unaddressed-part") == []


def test_too_long() -> None:
    assert found(draft(CLEAN), "too-long", max_words=5) == [
        (
            None,
            "answer is 9 words long, over the limit of 5",
            "shorten it, or set max_words in drafter.yaml",
        ),
    ]


def test_a_grouped_answer_may_run_to_the_limit_for_each_question() -> None:
    grouped = replace(
        draft(CLEAN), answer_type="grouped", question={"text": "x", "grouped": [{"uin": "2"}]}
    )
    assert found(grouped, "too-long", max_words=5) == []
    assert found(grouped, "too-long", max_words=4) == [
        (
            None,
            "answer is 9 words long, over the limit of 8 (4 for each of 2 grouped questions)",
            "shorten it, or set max_words in drafter.yaml",
        ),
    ]


def test_a_correction_may_restate_the_original_answer() -> None:
    correction = replace(
        draft(CLEAN),
        answer_type="correction",
        question={"text": "x", "original_answer_text": "Five words of original text."},
    )
    assert found(correction, "too-long", max_words=4) == []
    assert found(correction, "too-long", max_words=3)[0][1] == (
        "answer is 9 words long, over the limit of 8 (3 beyond the 5 words of the original)"
    )


def test_every_rule_has_a_unique_id_severity_and_summary() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES)
    assert all(rule.severity in ("error", "warning") and rule.summary for rule in RULES)


def test_findings_are_ordered_by_paragraph_then_rule() -> None:
    findings = check_draft(draft("Ends badly XX", "Fine."), today=TODAY, max_words=3)
    assert [(f.paragraph, f.rule) for f in findings] == [
        (None, "too-long"),
        (1, "placeholder"),
        (1, "no-full-stop"),
    ]


def test_format_points_at_the_paragraph() -> None:
    findings = [
        Finding("no-full-stop", "error", "paragraph does not end with a full stop", 3),
        Finding("too-long", "warning", "answer is long", hint="shorten it"),
    ]
    assert format_findings(findings, "drafts/37301.md") == (
        "drafts/37301.md: paragraph 3: error [no-full-stop]: "
        "paragraph does not end with a full stop\n"
        "drafts/37301.md: warning [too-long]: answer is long\n"
        "  hint: shorten it\n"
        "drafts/37301.md: 1 error(s), 1 warning(s)\n"
    )
    assert has_errors(findings) and not has_errors(findings[1:])
    assert format_findings([], "a.md") == "a.md: no problems\n"


def test_json_lists_every_field() -> None:
    record = json.loads(findings_json([Finding("too-long", "warning", "long")], "a.md"))
    assert record == {
        "draft": "a.md",
        "findings": [
            {
                "rule": "too-long",
                "severity": "warning",
                "message": "long",
                "paragraph": None,
                "hint": "",
            }
        ],
    }


def test_the_bundled_drafts_have_no_errors() -> None:
    for name in ("37301-2024.md", "37301-2025.md"):
        assert not has_errors(check_draft(read_draft(DATA / name), today=TODAY, max_words=600))


needs_seed = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is not here")


@needs_seed
def test_the_seed_answer_text(tmp_path: Path) -> None:
    answer = (SEED / "000_3f34308a3292a5f6.txt").read_text(encoding="utf-8").splitlines()[2:]
    path = tmp_path / "seed.txt"
    path.write_text("\n".join(answer), encoding="utf-8")
    findings = check_draft(read_side(path), today=TODAY)
    # Five of the six paragraphs end without a full stop (the fourth ends with a bare link).
    assert [(f.paragraph, f.rule) for f in findings if f.severity == "error"] == [
        (1, "no-full-stop"),
        (2, "no-full-stop"),
        (3, "repeated-word"),
        (4, "no-full-stop"),
        (5, "no-full-stop"),
        (6, "no-full-stop"),
    ]
    assert [f.message for f in findings if f.rule == "repeated-word"] == [
        "'however' appears 2 times in one sentence"
    ]


@needs_seed
def test_the_seed_answer_as_published_in_html(tmp_path: Path) -> None:
    record = json.loads((SEED / "37301-full-answer-html.json").read_text(encoding="utf-8"))
    path = tmp_path / "seed.html"
    path.write_text(record["answer_text"], encoding="utf-8")
    findings = check_draft(read_side(path), today=TODAY)
    assert [(f.paragraph, f.hint) for f in findings if f.rule == "mail-redirect"] == [
        (
            3,
            "use the real address: https://www.gov.uk/government/collections/police-misconduct-statistics",
        ),
        (
            3,
            "use the real address: https://www.gov.uk/government/statistics/police-misconduct-open-data-tables",
        ),
    ]
    assert sum(f.rule == "no-full-stop" for f in findings) == 5


def test_a_colon_may_introduce_the_next_paragraph_but_not_end_the_answer() -> None:
    lead_in = draft("The correct answer should have been:", "The figure was 12.")
    assert found(lead_in, "no-full-stop") == []
    ending = draft("The figure was 12.", "The correct answer should have been:")
    assert [number for number, _, _ in found(ending, "no-full-stop")] == [2]


def test_cost_refusal_without_information() -> None:
    threshold = Paragraph("The cost limit is 850 pounds.", "cost", facts=("pq.threshold",))
    refusal = replace(draft(CLEAN), answer_type="disproportionate-cost", paragraphs=(threshold,))
    informative = replace(refusal, paragraphs=(threshold, *draft(CLEAN).paragraphs))
    assert [message for _, message, _ in found(refusal, "cost-refusal-without-information")] == [
        "a refusal on grounds of cost must still give the information readily available"
    ]
    assert found(informative, "cost-refusal-without-information") == []
