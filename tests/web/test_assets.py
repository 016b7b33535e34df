"""What the workbench ships: GOV.UK Frontend without the reserved font and crown, all local."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient

import drafter.web
from tests.web.conftest import SEED_TEXT, draft_page

STATIC = Path(drafter.web.__file__).parent / "static"


def test_no_gds_transport_font_and_no_crown_are_shipped() -> None:
    names = [path.name.lower() for path in STATIC.rglob("*")]
    assert not [n for n in names if n.endswith((".woff", ".woff2", ".svg", ".png", ".ico"))]
    css = (STATIC / "govuk" / "govuk-frontend.min.css").read_text(encoding="utf-8")
    assert "GDS Transport" not in css and "@font-face" not in css
    assert "font-family:system-ui" in css


def test_pages_load_nothing_from_the_network(client: FlaskClient) -> None:
    page = client.get(draft_page(client, question=SEED_TEXT)).text
    loaded = re.findall(r'<(?:link|script)[^>]+(?:href|src)="([^"]+)"', page)
    assert loaded and all(address.startswith("/static/") for address in loaded)
    for address in loaded:
        with client.get(address) as response:  # a file response holds the file open
            assert response.status_code == 200, address
    css = (STATIC / "govuk" / "govuk-frontend.min.css").read_text(encoding="utf-8")
    assert not re.search(r"url\([\"']?(?:https?:)?//", css)
