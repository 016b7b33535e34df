import random

import pytest

from drafter.review.model import ParagraphDiff, Span
from drafter.review.tokens import tokenize
from drafter.review.worddiff import diff_paragraphs


def accept(paragraphs: tuple[ParagraphDiff, ...]) -> list[str]:
    """What Word gives when every change is accepted."""
    return _resolve(paragraphs, keep="insert")


def reject(paragraphs: tuple[ParagraphDiff, ...]) -> list[str]:
    """What Word gives when every change is rejected."""
    return _resolve(paragraphs, keep="delete")


def _resolve(paragraphs: tuple[ParagraphDiff, ...], keep: str) -> list[str]:
    drop = "delete" if keep == "insert" else "insert"
    texts: list[str] = []
    pending = ""
    for paragraph in paragraphs:
        pending += "".join(span.text for span in paragraph.spans if span.kind != drop)
        if paragraph.mark != drop:
            texts.append(pending)
            pending = ""
    return [text for text in texts if text or len(texts) > 1]


def shown(text: str) -> str:
    """A paragraph as the diff shows it: its tokens, single-spaced where spaced."""
    tokens = tokenize(text)
    return "".join(
        (" " if spaced else "") + w for w, spaced in zip(tokens.words, tokens.spaced, strict=True)
    )


def words(texts: list[str]) -> list[tuple[str, ...]]:
    return [tokenize(text).words for text in texts]


def test_identical_paragraphs_are_all_equal() -> None:
    result = diff_paragraphs(["One two.", "Three."], ["One two.", "Three."])
    assert [p.kind for p in result] == ["equal", "equal"]


def test_whitespace_is_not_a_change() -> None:
    result = diff_paragraphs(["One  two ."], ["One two."])
    assert [p.kind for p in result] == ["equal"]


def test_a_changed_figure_is_one_replacement() -> None:
    (paragraph,) = diff_paragraphs(["In 2023/24 there were 66."], ["In 2023/24 there were 82."])
    assert paragraph.spans == (
        Span("equal", "In 2023/24 there were "),
        Span("delete", "66"),
        Span("insert", "82"),
        Span("equal", "."),
    )


def test_small_islands_between_changes_fold_into_one_change() -> None:
    (paragraph,) = diff_paragraphs(["It was 66 (2023/24) then."], ["It was 82 (2024/25) then."])
    assert paragraph.spans == (
        Span("equal", "It was "),
        Span("delete", "66 (2023/24"),
        Span("insert", "82 (2024/25"),
        Span("equal", ") then."),
    )


def test_a_split_paragraph_is_one_inserted_mark() -> None:
    result = diff_paragraphs(
        ["First sentence. Second sentence."], ["First sentence.", "Second sentence."]
    )
    assert [(p.mark, p.kind) for p in result] == [("insert", "changed"), ("equal", "equal")]
    assert [span.kind for span in result[0].spans] == ["equal"]


def test_joined_paragraphs_are_one_deleted_mark() -> None:
    result = diff_paragraphs(
        ["First sentence.", "Second sentence."], ["First sentence. Second sentence."]
    )
    assert [p.mark for p in result] == ["delete", "equal"]
    assert accept(result) == ["First sentence. Second sentence."]


def test_a_moved_paragraph_is_flagged_and_the_rest_stays_equal() -> None:
    old = ["Alpha beta gamma.", "Delta epsilon zeta.", "Eta theta iota."]
    new = ["Delta epsilon zeta.", "Eta theta iota.", "Alpha beta gamma."]
    result = diff_paragraphs(old, new)
    assert [(p.kind, p.moved) for p in result] == [
        ("deleted", True),
        ("equal", False),
        ("equal", False),
        ("inserted", True),
    ]


def test_a_paragraph_added_at_the_end_marks_the_paragraph_before() -> None:
    result = diff_paragraphs(["Kept."], ["Kept.", "Added."])
    assert [(p.mark, p.kind, p.old, p.new) for p in result] == [
        ("insert", "equal", 1, 1),
        ("equal", "inserted", None, 2),
    ]


def test_a_rewritten_paragraph_in_the_middle_does_not_disturb_its_neighbours() -> None:
    old = ["Kept one.", "The auditing of systems is for forces.", "Kept two."]
    new = ["Kept one.", "Completely different words here now.", "Kept two."]
    result = diff_paragraphs(old, new)
    assert [p.kind for p in result] == ["equal", "deleted", "inserted", "equal"]


def test_every_paragraph_changed_still_pairs_paragraph_by_paragraph() -> None:
    old = [f"Paragraph {n} says that forces audit their systems every year." for n in range(30)]
    new = [text.replace("every year", "each year") for text in old]
    result = diff_paragraphs(old, new)
    assert [(p.kind, p.old, p.new) for p in result] == [("changed", n, n) for n in range(1, 31)]


def test_no_paragraphs_on_either_side() -> None:
    assert diff_paragraphs([], []) == ()


def _mutated(rng: random.Random, old: list[str], vocabulary: list[str]) -> list[str]:
    new: list[str] = []
    for text in old:
        words_ = text.split()
        roll = rng.random()
        if roll < 0.15:
            continue
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(words_) + 1)
            words_[at : at + rng.randint(0, 2)] = rng.choices(vocabulary, k=rng.randint(0, 2))
        if roll > 0.85 and len(words_) > 2:
            cut = rng.randrange(1, len(words_))
            new += [" ".join(words_[:cut]), " ".join(words_[cut:])]
        elif words_:
            new.append(" ".join(words_))
    if len(new) > 1 and rng.random() < 0.3:
        at = rng.randrange(len(new) - 1)
        new[at] += " " + new.pop(at + 1)
    if len(new) > 2 and rng.random() < 0.2:
        new.append(new.pop(0))
    return [text for text in new if tokenize(text).words]


@pytest.mark.parametrize("seed", range(5))
def test_accepting_gives_the_new_text_and_rejecting_the_old(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = "the of police officer data access 66 82 2023/24 however . , ; ( )".split()
    for _ in range(300):
        old = [
            " ".join(rng.choices(vocabulary, k=rng.randint(1, 14)))
            for _ in range(rng.randint(0, 6))
        ]
        new = _mutated(rng, old, vocabulary)
        result = diff_paragraphs(old, new)
        assert accept(result) == [shown(text) for text in new], (old, new)
        assert words(reject(result)) == words(old), (old, new)


def test_long_drafts_diff_correctly() -> None:
    rng = random.Random(1)
    vocabulary = [f"w{n}" for n in range(2000)] + ["the", "of", "and"] * 200
    old = [" ".join(rng.choices(vocabulary, k=100)) + "." for _ in range(500)]
    new = [" ".join(w if rng.random() > 0.05 else "x" for w in text.split()) for text in old]
    result = diff_paragraphs(old, new)
    assert accept(result) == [shown(text) for text in new]
    assert words(reject(result)) == words(old)


def test_one_huge_paragraph_without_sentences_diffs_correctly() -> None:
    rng = random.Random(2)
    old = [" ".join(rng.choices([f"w{n}" for n in range(500)] + ["the"] * 100, k=20000))]
    new = [" ".join(w if rng.random() > 0.05 else "x" for w in old[0].split())]
    result = diff_paragraphs(old, new)
    assert accept(result) == [shown(new[0])]
    assert words(reject(result)) == words(old)
