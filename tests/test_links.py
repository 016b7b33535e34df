"""Only http, https and mailto links are live in exports; images are never fetched."""

from __future__ import annotations

import pytest

from drafter.export.html import _answer_html
from drafter.export.text import inline_blocks
from drafter.links import allowed_link

HOSTILE = ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "java\tscript:x"]


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_links_are_text(url: str) -> None:
    assert not allowed_link(url)
    html = _answer_html(f"[click]({url})")
    assert "href" not in html and "click" in html
    assert [segment.href for segment in inline_blocks(f"[click]({url})")[0]] == [""]


def test_web_and_mail_links_stay_live() -> None:
    assert _answer_html("[ok](https://x.y)") == '<p><a href="https://x.y">ok</a></p>'
    assert "href" in _answer_html("<mailto:a@b.c>")


def test_images_are_never_fetched() -> None:
    html = _answer_html("![chart](http://example.com/x.png) ![x](data:image/png,AAA)")
    assert "<img" not in html and "src=" not in html
    assert '<a href="http://example.com/x.png">chart</a>' in html
