"""Hypothesis strategies for realistic and hostile text, shared by the property tests.

Text a PQ team pastes comes from Word, PDFs, e-mail and the Parliament website: besides plain
words it carries bidi controls, combining marks, emoji, control characters XML cannot hold,
odd separators (U+0085, U+2028), very long "words" (a URL, a run of dashes) and, from JSON
escapes, lone surrogates. The strategies mix those into realistic question and answer words.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from drafter.chars import xml_safe
from drafter.draft import Draft
from tests.export_fixtures import PARAGRAPHS, cybercrime_draft

WORDS = (
    "To ask the Secretary of State for the Home Department, what assessment her Department "
    "has made of the number of police officers dismissed in 2023/24; and what steps she is "
    "taking (a) to reduce misconduct and (b) (i) vetting (ii) training. £850 <b>&amp; 66%"
).split()

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
COMBINING = "\u0300\u0301\u0308\u0327\u20d0\u0489"
EMOJI = ("\U0001f600", "\U0001f46e\u200d\u2640\ufe0f", "\U0001f1ec\U0001f1e7", "\u2764\ufe0f")
XML_ILLEGAL = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\ufffe\uffff"
SURROGATES = "\ud800\udbff\udc00\udfff"
SEPARATORS = "\t\r\n\x1c\x1d\x1e\x85\u2028\u2029\u00a0\u200b\u3000"
MARKUP = ("#", "##", "- ", "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "---", "|", "\\")

odd_character = st.one_of(
    st.sampled_from(BIDI),
    st.sampled_from(COMBINING),
    st.sampled_from(EMOJI),
    st.sampled_from(XML_ILLEGAL),
    st.sampled_from(SURROGATES),
    st.sampled_from(SEPARATORS),
    st.sampled_from(MARKUP),
)
long_word = st.builds(
    lambda char, n: char * n, st.sampled_from("x-.,é\U0001f600"), st.integers(1000, 12_000)
)
# Realistic words twice as often as anything else; any Unicode at all now and then.
token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), odd_character, st.text(max_size=8)
)


def _join(tokens: list[str], separators: list[str]) -> str:
    return "".join(token + separator for token, separator in zip(tokens, separators, strict=False))


@st.composite
def raw_text(draw: st.DrawFn, min_words: int = 0, max_words: int = 40) -> str:
    """Words, hostile characters and the odd 1,000-12,000 character word, as pasted: raw."""
    tokens = draw(st.lists(token, min_size=min_words, max_size=max_words))
    if draw(st.integers(0, 9)) == 0:
        tokens.insert(draw(st.integers(0, len(tokens))), draw(long_word))
    spaces = draw(
        st.lists(st.sampled_from([" ", " ", " ", "", "\n", "\u2028"]), min_size=len(tokens))
    )
    return _join(tokens, spaces)


def intake_text(min_words: int = 0, max_words: int = 40) -> st.SearchStrategy[str]:
    """Raw text after the character policy, as every reader hands it on: what writers receive."""
    return raw_text(min_words, max_words).map(xml_safe)


def one_line(text: str) -> str:
    """The text as a paragraph reads back from Markdown: words separated by single spaces."""
    return " ".join(text.split())


MARK = "Zqxjv"
"""A word no generator makes: every writer must keep it, so nothing is silently lost."""

# Paragraphs read back from Markdown as words joined by single spaces; U+0085, U+2028 and
# U+2029 are whitespace to str.split, so a paragraph holding one does not read back unchanged
# until the read-back fix of issue-13a (issue 13 part 9) lands: they are left out here.
_SPLIT_BY_13A = str.maketrans("", "", "\x1c\x1d\x1e\x85\u2028\u2029")
paragraph_text = intake_text(1, 30).map(lambda t: one_line(t.translate(_SPLIT_BY_13A)))


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """The hand-built 37301 draft with hostile words in every field a user's text reaches."""
    texts = draw(st.lists(paragraph_text.filter(bool), min_size=1, max_size=6))
    paragraphs = tuple(
        replace(PARAGRAPHS[index % len(PARAGRAPHS)], text=f"{text} {MARK}")
        for index, text in enumerate(texts)
    )
    draft = cybercrime_draft()
    question = {
        **draft.question,
        "text": one_line(draw(intake_text(1, 40))) or "To ask",
        "heading": one_line(draw(intake_text(0, 5))),
        "asking_member": one_line(draw(intake_text(0, 4))),
        "uin": draw(st.one_of(st.just("37301"), intake_text(0, 2).map(one_line))),
    }
    background = tuple(one_line(note) for note in draw(st.lists(intake_text(1, 20), max_size=3)))
    sources = tuple(
        replace(source, title=one_line(draw(intake_text(1, 8))) or "Title")
        for source in draft.sources
    )
    return replace(
        draft, question=question, paragraphs=paragraphs, background=background, sources=sources
    )
