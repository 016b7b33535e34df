from __future__ import annotations

import json
import lzma
import re
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter.htmltext import _feed_simple, _TextParser, html_to_text, unwrap_redirect
from tests.conftest import ROOT

QUESTIONS = Path(__file__).parent / "data" / "questions"
# Our own wording, shaped like the published answer's HTML (safelinks, <br>, empty paragraphs).
FIXTURE_HTML: str = json.loads((QUESTIONS / "37301.json").read_text(encoding="utf-8"))["value"][
    "answerText"
]
# The published answer itself stays outside the repository: CI has shared/ beside the clone.
REAL_SEED = ROOT.parent / "shared" / "seed" / "37301-full-answer-html.json"
CORPUS = ROOT.parent / "shared" / "reference" / "parliament-api"
LONGFORM = CORPUS / "commons-longform-answers-2023-2026.jsonl.xz"
needs_real_seed = pytest.mark.skipif(not REAL_SEED.exists(), reason=f"{REAL_SEED} is not here")
BULLETIN = "https://www.gov.uk/government/collections/police-misconduct-statistics"
TABLES = "https://www.gov.uk/government/statistics/police-misconduct-open-data-tables"
BARRED = "https://www.college.police.uk/article/barred-list"
SAFELINK = (
    "https://gbr01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.gov.uk%2Fgovernment"
    "%2Fcollections%2Fpolice-misconduct-statistics&data=05%7C02%7Cofficial%40example.gov.uk"
    "%7C0f1e2d3c4b5a69788796a5b4c3d2e1f0%7C0&sdata=RmljdGl0aW91cw%3D%3D&reserved=0"
)


def real_seed_html() -> str:
    html: str = json.loads(REAL_SEED.read_text(encoding="utf-8"))["answer_text"]
    return html


def test_fixture_answer_has_six_paragraphs() -> None:
    paragraphs = html_to_text(FIXTURE_HTML).split("\n\n")
    assert [paragraph[:40] for paragraph in paragraphs] == [
        "Each police force is responsible for aud",
        "Under the statutory Standards of Profess",
        "Each year the Home Office publishes ‘Pol",
        "The Home Office does not hold data on cy",
        "The Government is raising standards in p",
        "The Government will also disrupt and pur",
    ]


def test_fixture_safelinks_become_their_real_addresses() -> None:
    text = html_to_text(FIXTURE_HTML)
    assert f"The series is at: {BULLETIN}. The edition" in text
    assert f"open data tables: {TABLES}. The tables" in text
    assert f"published at: {BARRED}\n\n" in text


@pytest.mark.parametrize("leak", ["official", "example.gov.uk", "safelinks", "%40"])
def test_fixture_output_carries_nothing_of_the_redirect(leak: str) -> None:
    assert leak not in html_to_text(FIXTURE_HTML)


@needs_real_seed
def test_real_seed_answer_has_six_paragraphs_and_its_real_addresses() -> None:
    text = html_to_text(real_seed_html())
    counts = (text.count("\n\n"), text.count(BULLETIN), text.count(TABLES), text.count(BARRED))
    assert counts == (5, 1, 1, 1)
    assert f"{BARRED}\n\n" in text


@needs_real_seed
def test_real_seed_output_carries_nothing_of_the_redirect() -> None:
    html = real_seed_html()
    # The address in the safelinks' data= parameter, found at test time so it is never written here.
    addresses = set(re.findall(r"data=05%7C02%7C([^%&]+)%40([^%&]+)%7C", html))
    assert len(addresses) == 1
    text = html_to_text(html)
    leaks = ["safelinks", "%40", "@", *(part for address in addresses for part in address)]
    assert [leak for leak in leaks if leak in text] == []


def test_entities_are_decoded() -> None:
    assert html_to_text("<p>Fire &amp; Rescue&nbsp;Services&#8217; &lt;b&gt;</p>") == (
        "Fire & Rescue Services’ <b>"
    )


def test_white_space_is_squeezed() -> None:
    assert html_to_text("<p>  one\n\t two   three </p>") == "one two three"


def test_br_breaks_a_line_and_empty_paragraphs_vanish() -> None:
    html = "<p><br> first<br>second</p><p> </p><p>\u00a0</p><p /><p>third<br><br>fourth</p>"
    assert html_to_text(html) == "first\nsecond\n\nthird\n\nfourth"


def test_link_with_other_text_shows_its_address() -> None:
    html = '<p>See <a href="https://www.gov.uk/a" target="_blank">the guidance</a>.</p>'
    assert html_to_text(html) == "See the guidance (https://www.gov.uk/a)."


@pytest.mark.parametrize(
    "text", ["https://www.gov.uk/a", "www.gov.uk/a", "https://www.gov.uk/a/"], ids=str
)
def test_link_whose_text_is_its_address_shows_it_once(text: str) -> None:
    assert html_to_text(f'<a href="https://www.gov.uk/a">{text}</a>') == text


def test_link_whose_text_is_a_safelink_shows_the_real_address() -> None:
    html = f'<a href="{SAFELINK.replace("&", "&amp;")}">{SAFELINK.replace("&", "&amp;")}</a>'
    assert html_to_text(html) == BULLETIN


def test_link_keeps_the_spaces_around_its_text() -> None:
    assert html_to_text('<p>See<a href="https://www.gov.uk/a"> the guide </a>now.</p>') == (
        "See the guide (https://www.gov.uk/a) now."
    )


def test_link_without_text_shows_its_address() -> None:
    assert html_to_text('<p>See<a href="https://www.gov.uk/a"><img src="x.png"></a>.</p>') == (
        "See https://www.gov.uk/a."
    )


def test_link_to_an_anchor_shows_only_its_text() -> None:
    assert html_to_text('<a href="#note">note 1</a>') == "note 1"


def test_table_rows_become_lines_of_cells() -> None:
    html = (
        "<p>Fines:</p><table><tbody><tr><td><p>Year</p></td><td><p>Fine</p></td></tr>"
        "<tr><td>2020</td><td><p>£1,600</p><p>one count</p></td></tr></tbody></table><p>End.</p>"
    )
    assert html_to_text(html) == "Fines:\n\nYear | Fine\n2020 | £1,600 one count\n\nEnd."


def test_empty_cells_keep_their_place() -> None:
    html = "<table><tr><td>Kent</td><td></td><td>12</td><td> </td></tr></table>"
    assert html_to_text(html) == "Kent |  | 12 |"


def test_list_items_become_dashed_lines() -> None:
    html = "<p>Forces:</p><ul><li><p>Kent</p></li><li>Essex<ul><li>Colchester</li></ul></li></ul>"
    assert html_to_text(html) == "Forces:\n\n- Kent\n- Essex\n  - Colchester"


def test_scripts_and_styles_are_not_text() -> None:
    assert html_to_text("<style>p {}</style><p>Text</p><script>x()</script>") == "Text"


def test_plain_text_passes_through() -> None:
    assert html_to_text("We have ...") == "We have ..."


@pytest.mark.parametrize(
    ("url", "real"),
    [
        (SAFELINK, "https://www.gov.uk/government/collections/police-misconduct-statistics"),
        (
            "https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fassets.publishing"
            ".service.gov.uk%2Ff.pdf&data=05%7C01%7Cx%40y.gov.uk",
            "https://assets.publishing.service.gov.uk/f.pdf",
        ),
        (
            "https://www.google.com/url?sa=t&url=https%3A%2F%2Fwww.gov.uk%2Fa&ved=2ah",
            "https://www.gov.uk/a",
        ),
        ("https://www.google.co.uk/url?q=https://www.gov.uk/b&sa=D", "https://www.gov.uk/b"),
        (
            "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.gov.uk_police-2Dmisconduct"
            "&d=DwMF&c=x",
            "https://www.gov.uk/police-misconduct",
        ),
        (
            "https://urldefense.com/v3/__https://www.gov.uk/search?q=a*b__;Jg!!ABC!def$",
            "https://www.gov.uk/search?q=a&b",
        ),
        (
            "https://urldefense.com/v3/__https://www.gov.uk/x?a**Ab__;Jj0!!ABC!def$",
            "https://www.gov.uk/x?a&=b",
        ),
        (
            "https://gbr01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com"
            "%2Furl%3Fq%3Dhttps%253A%252F%252Fwww.gov.uk%252Fc&data=x",
            "https://www.gov.uk/c",
        ),
    ],
    ids=[
        "safelink-seed",
        "safelink-eur02",
        "google-url",
        "google-q",
        "urldefense-v2",
        "urldefense-v3",
        "urldefense-v3-run",
        "nested",
    ],
)
def test_unwrap_redirect_finds_the_real_address(url: str, real: str) -> None:
    assert unwrap_redirect(url) == real


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gov.uk/government/collections/police-misconduct-statistics",
        "https://www.google.com/search?q=police",
        "https://gbr01.safelinks.protection.outlook.com/?data=05%7C02",
        "https://safelinks.protection.outlook.com.example.org/?url=https%3A%2F%2Fx",
        "not a link",
    ],
    ids=["plain", "google-search", "safelink-without-url", "lookalike-host", "text"],
)
def test_unwrap_redirect_is_none_for_other_addresses(url: str) -> None:
    assert unwrap_redirect(url) is None


@given(st.text(st.characters(blacklist_characters="<&"), max_size=300))
@example("Forces vet officers.\n\nThe   College keeps  the barred list...")
@example(" \t\r\n ")
def test_text_without_markup_reads_as_the_parser_reads_it(text: str) -> None:
    # Plain text skips the parser: the quick path must give what the parser gives.
    assert html_to_text(text) == parsed(text)


def parsed(html: str) -> str:
    """The text as the standard library's HTML tokenizer passes it to the handlers."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


SIMPLE_MARKUP = [
    *("<p>", "</p>", "<br>", "<br/>", "<br />", "<p />", "<strong>", "</em>", "<sup>"),
    *('<a href="https://www.gov.uk/x?a=1&amp;b=2" target="_blank">', "<a>", "</a>", '<a href="">'),
    *("<table>", "<tr>", "</tr>", '<td colspan="2">', "</td>", "<ul>", "<li>", "</li>", "</ul>"),
]
OTHER_MARKUP = [
    *("</p/>", "<P>", "<p  class='x'>", '<a href="x" >', "<pre >", '</a href="x">'),
    *("<!-- c -->", "<", "<script>", "</script>", "<style>", "<![CDATA[x]]>", "<p\n>"),
]
TEXTS = [
    *("Police forces", "https://www.gov.uk/x?a=1&b=2", " ", "\n", "\u00a0", "&amp;", "&quot;x"),
    *("a & b", "&#8217;", "&ampx", ">", '"'),
]


@settings(max_examples=300)  # fast, and most lists of fragments take the quick path
@given(st.lists(st.sampled_from(SIMPLE_MARKUP * 2 + TEXTS * 2 + OTHER_MARKUP), max_size=24))
@example(["<p>", "Forces vet.", "<br>", " ", "<br/>", "The list&amp;", "</p>", "<p>", "</p>"])
@example(["<br>", "</p>", "<p>", "<br>", "x", "&ampx", "<br />", "y"])
@example(["x", "</p/>", "y", '<a href="https://www.gov.uk/x?a=1&amp;b=2" target="_blank">'])
@example(["<p>", "a &amp; b", "</p>", "<p>", " ", "</p>", "<p>", "x\u00a0 y", "</p>", "&ampx"])
@example(["<script>", "<li>", "</script>", "Police forces"])
@example(["<li>", "<br/>", "x", "</li>", "<tr>", '<td colspan="2">', "<br>", "</td>", "</tr>"])
def test_simple_markup_reads_as_the_parser_reads_it(fragments: list[str]) -> None:
    # Answers of paragraphs alone, or of simply written tags, skip the tokenizer (the first
    # the handlers too): their text must not change.
    html = "".join(fragments)
    assert html_to_text(html) == parsed(html)


@pytest.mark.skipif(not LONGFORM.exists(), reason=f"{LONGFORM} is not here")
def test_real_longform_answers_read_as_the_parser_reads_them() -> None:
    with lzma.open(LONGFORM, "rt", encoding="utf-8") as stream:
        answers = [json.loads(line)["answer_text"] for line in islice(stream, 3000)]
    simple = [html for html in answers if html and _feed_simple(_TextParser(), html)]
    assert len(simple) > 2900
    assert [html_to_text(html) for html in simple] == [parsed(html) for html in simple]
