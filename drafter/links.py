"""Which link addresses drafter turns into live links in what it writes.

Fact texts and drafts are typed by people and pasted from elsewhere: a `javascript:` link
would run in the HTML page, a `file:` link would open a local file from Word, a `data:` link
can carry a whole page. Only web and mail addresses become links; the rest stay as text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["LINK_SCHEMES", "allowed_link"]

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Browsers skip these inside a scheme, so `java\tscript:` is `javascript:` to them.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def allowed_link(url: str) -> bool:
    """Whether `url` is an absolute http, https or mailto address (anything else is text)."""
    try:
        scheme = urlsplit(_IGNORED.sub("", url)).scheme.lower()
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return scheme in LINK_SCHEMES
