import pytest

from drafter.export.text import plain_text
from drafter.review.tokens import is_word, join_paragraphs, tokenize


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("in use.", ("in", "use", ".")),
        ("Forces’ use", ("Forces", "’", "use")),
        ("the individual’s occupation", ("the", "individual’s", "occupation")),
        ("In 2023/24, there were 66", ("In", "2023/24", ",", "there", "were", "66")),
        ("1,698 officers (3.5%)", ("1,698", "officers", "(", "3.5", "%", ")")),
        ("so-called e-mail", ("so-called", "e-mail")),
        (
            "here: https://www.gov.uk/a-b/c. Then",
            ("here", ":", "https://www.gov.uk/a-b/c", ".", "Then"),
        ),
        ("the\t IOPC  (IOPC)", ("the", "IOPC", "(", "IOPC", ")")),
    ],
    ids=["full-stop", "apostrophe", "possessive", "period", "figures", "hyphens", "url", "spaces"],
)
def test_tokenize_splits_words_punctuation_and_figures(text: str, words: tuple[str, ...]) -> None:
    assert tokenize(text).words == words


def test_whitespace_only_marks_spacing() -> None:
    assert tokenize("a  b,c").spaced == (False, True, False, False)


def test_join_paragraphs_puts_a_break_token_between() -> None:
    joined = join_paragraphs([tokenize("a b"), tokenize("c")])
    assert joined.words == ("a", "b", "\n", "c")
    assert joined.spaced == (False, True, False, False)


def test_links_read_as_a_reader_sees_them() -> None:
    markdown = "See <https://a.example/x> and [the tables](https://b.example/y)."
    assert plain_text(markdown) == "See https://a.example/x and the tables (https://b.example/y)."


@pytest.mark.parametrize(
    ("token", "expected"), [("word", True), ("66", True), (".", False), ("\n", False)]
)
def test_is_word(token: str, expected: bool) -> None:
    assert is_word(token) is expected
