"""What the page templates call beyond GOV.UK Frontend: house-style dates, header rows, links."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask import Flask
from markupsafe import Markup, escape

from drafter.export import header_rows, house_date
from drafter.facts.period import long_date, published_long

_AUTOLINK = re.compile(r"&lt;(https?://[^\s&]+(?:&amp;[^\s&]+)*)&gt;")
"""An autolink `<https://...>` in answer Markdown, after escaping."""


def autolinked(text: str) -> Markup:
    """Answer text escaped, with its `<https://...>` autolinks made links."""
    escaped = str(escape(text))
    return Markup(
        _AUTOLINK.sub(r'<a class="govuk-link" href="\1" rel="noreferrer noopener">\1</a>', escaped)
    )


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def boldened(text: str) -> Markup:
    """A search snippet escaped, with its `**matched**` words in bold."""
    return Markup(_BOLD.sub(r"<strong>\1</strong>", str(escape(text))))


def sentence(text: object) -> str:
    """A one-line message as a page shows it: its first word capitalised.

    A message that starts with a file name or an identifier keeps its case.
    """
    message = str(text)
    return message[:1].upper() + message[1:] if re.match(r"[a-z]+ ", message) else message


def install(app: Flask, review_warning_days: int) -> None:
    """Give the app's templates the filters and functions they use."""

    def review_horizon(as_of: date) -> date:
        """Reviews due by this date are flagged, as the background note flags them."""
        return as_of + timedelta(days=review_warning_days)

    app.jinja_env.filters.update(autolinked=autolinked, boldened=boldened, sentence=sentence)
    app.jinja_env.globals.update(
        header_rows=header_rows,
        house_date=house_date,
        long_date=long_date,
        published_long=published_long,
        review_horizon=review_horizon,
    )
