"""The one character policy: what text from outside may hold, applied by every reader and writer.

Text copied from a PDF or an old Word file carries control characters (vertical tab, form
feed, U+0001...) that XML 1.0 cannot hold, so Word and HTML exports would fail on them; a
`\\ud800` escape in JSON decodes to a lone surrogate that cannot even be encoded as UTF-8.
Readers call `clean` and report what it changed; writers call `xml_safe` as a last line of
defence for text that came through the library API. Bidi controls, combining marks, emoji and
line separators such as U+0085 and U+2028 are legal and pass through unchanged.
"""

from __future__ import annotations

import re

from drafter.errors import Location, Problem

__all__ = ["clean", "clean_data", "terminal_safe", "xml_safe"]

# XML 1.0 `Char` excludes C0 controls other than tab, LF and CR, surrogates and U+FFFE/U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A vertical tab or form feed stands for a line or page break in the text it came from.
_BREAKS = frozenset("\x0b\x0c")
# Escape sequences and other controls a terminal would act on: C0 (but tab and newline),
# DEL and C1 (which includes CSI, U+009B; U+0085 is a line break and is kept).
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")


def _replacement(match: re.Match[str]) -> str:
    character = match.group()
    if character in _BREAKS:
        return "\n"
    return "\ufffd" if "\ud800" <= character <= "\udfff" else ""


def xml_safe(text: str) -> str:
    """The text with every character XML cannot hold removed or replaced.

    A vertical tab or form feed becomes a line break, a lone surrogate U+FFFD, and any other
    control character is dropped.
    """
    return _ILLEGAL.sub(_replacement, text)


def clean(text: str, location: Location) -> tuple[str, list[Problem]]:
    """`xml_safe(text)` and a warning naming where the first changed character stood."""
    first = _ILLEGAL.search(text)
    if first is None:
        return text, []
    count = sum(1 for _ in _ILLEGAL.finditer(text, first.start()))
    line = text.count("\n", 0, first.start()) + 1
    column = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
    code = f"U+{ord(first.group()):04X}"
    where = Location(location.path, (location.line or 1) + line - 1, column)
    message = f"replaced or removed {count} character(s) XML cannot hold, the first {code}"
    return xml_safe(text), [Problem(where, message, severity="warning")]


def terminal_safe(text: str) -> str:
    """The text without control characters, so content cannot move the cursor or recolour."""
    return _TERMINAL.sub("", xml_safe(text))


def clean_data(value: object) -> tuple[object, int]:
    """Parsed JSON with `xml_safe` applied to every string in it, and how many strings changed.

    A `\\ud800` escape in JSON decodes to a lone surrogate, which no writer can encode.
    """
    if isinstance(value, str):
        safe = xml_safe(value)
        return safe, int(safe != value)
    if isinstance(value, list):
        pairs = [clean_data(item) for item in value]
        return [item for item, _ in pairs], sum(count for _, count in pairs)
    if isinstance(value, dict):
        cleaned: dict[object, object] = {}
        changed = 0
        for key, item in value.items():
            (safe_key, key_count), (safe_item, item_count) = clean_data(key), clean_data(item)
            cleaned[safe_key] = safe_item
            changed += key_count + item_count
        return cleaned, changed
    return value, 0
