"""The one character policy: what text from outside may hold, applied by every reader and writer.

Text copied from a PDF or an old Word file carries control characters (vertical tab, form
feed, U+0001...) that XML 1.0 cannot hold, so Word and HTML exports would fail on them; a
`\\ud800` escape in JSON decodes to a lone surrogate that cannot even be encoded as UTF-8.
Readers call `clean` and report what it changed; writers call `xml_safe` as a last line of
defence for text that came through the library API. Bidi controls, combining marks, emoji and
line separators such as U+0085 and U+2028 are legal and pass through unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any, TypeVar

from drafter.errors import Location, Problem

__all__ = ["clean", "clean_data", "safe_strings", "terminal_safe", "xml_safe"]

T = TypeVar("T")

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
    changed = 0

    def count(text: str) -> str:
        nonlocal changed
        safe = xml_safe(text)
        changed += safe != text
        return safe

    return safe_strings(value, count), changed


def safe_strings(value: T, safe: Callable[[str], str] = xml_safe) -> T:
    """`value` with `safe` applied to every string in it: in lists, tuples, dicts and dataclasses.

    Writers call it on what they are handed (a Draft, a DraftDiff), since a caller of the
    library may build one without going through intake. Unchanged parts are returned as they
    were, so a clean draft costs one scan of its text.
    """
    result: Any = value
    if isinstance(value, str):
        result = safe(value)
    elif isinstance(value, list | tuple):
        items = [safe_strings(item, safe) for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            result = items if isinstance(value, list) else tuple(items)
    elif isinstance(value, dict):
        pairs = [(safe_strings(k, safe), safe_strings(v, safe)) for k, v in value.items()]
        if any(
            p[0] is not k or p[1] is not v for p, (k, v) in zip(pairs, value.items(), strict=True)
        ):
            result = dict(pairs)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = _safe_fields(value, safe)
    return result  # type: ignore[no-any-return]


def _safe_fields(value: Any, safe: Callable[[str], str]) -> Any:
    changes = {}
    for spec in dataclasses.fields(value):
        if spec.init:
            old = getattr(value, spec.name)
            new = safe_strings(old, safe)
            if new is not old:
                changes[spec.name] = new
    return dataclasses.replace(value, **changes) if changes else value
