"""What a draft's provenance accounts for: the figures `check` and corrections accept."""

from drafter.draft import CitedSource, Draft, FactUse, Paragraph
from drafter.provenance import figures_in, known_figures


def test_figures_leave_out_addresses_and_dates_in_words() -> None:
    text = "On 30 January 2025, 1,698 were referred in 2023/24; see <https://x.org/2024/7>."
    assert figures_in(text) == {"1698", "2023/24"}


def test_known_figures_come_from_values_periods_sources_and_the_question() -> None:
    draft = Draft(
        {"text": "To ask how many in the last 3 years."},
        "t",
        (Paragraph("Text."),),
        facts=(
            FactUse("a", "statistic", "s", "d", period="2023/24", value="66 (police staff 37)"),
        ),
        sources=(CitedSource("s", "Bulletin 12", "HO", "https://x.org", "2025-01-30"),),
    )
    # Dates in words (the period's "31 March 2024", the source's "30 January 2025") are left
    # out on both sides: they say when, not how many.
    assert known_figures(draft, None) == {"3", "66", "37", "2023/24", "12"}
