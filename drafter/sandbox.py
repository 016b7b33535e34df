"""The Jinja sandbox blocks run in: confined to their folder, bounded in work, printing only values.

Templates are data written by users. Jinja's sandbox keeps them from Python's internals; this
adds what a PQ team's templates folder needs besides: a block cannot read a file through a
symlink that leaves the folder, cannot print an internal object (`{{ fact }}` once printed
the fact base with its absolute path), and cannot run for ever or write without end: loops,
`range`, repetition, growing a text by `replace` or `join`, recursion and output are all
bounded, each with a one-line error.
"""

from __future__ import annotations

import contextvars
import functools
import numbers
import re
from collections.abc import Callable, Iterable, Iterator, Sized
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from drafter.errors import TemplateError
from drafter.inputfile import check_inside, read_text

__all__ = [
    "MAX_ITERATIONS",
    "MAX_OUTPUT",
    "MAX_RANGE",
    "ConfinedLoader",
    "TemplateSandbox",
    "TemplateValue",
]

MAX_ITERATIONS = 100_000
"""Loop turns one render may take, nested loops counted together."""
MAX_OUTPUT = 100_000
"""Characters one render may write: a block is one paragraph."""
MAX_RANGE = 10_000
"""Items one `range()` may hold."""
_MAX_POWER = 1_000


class TemplateValue:
    """An object handed to templates that prints as its value: subclasses define `__str__`."""


class ConfinedLoader(jinja2.FileSystemLoader):
    """Read templates only from inside the folder, through the one reader of outside files.

    A symlink may point within the folder; one that leaves it, is broken or loops is an error
    naming it, and a FIFO, a device or text that is not UTF-8 is refused as everywhere else.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, its file name, and a check that it has not changed since."""
        path = self.folder.joinpath(*split_template_path(template))
        if not (path.exists() or path.is_symlink()):
            raise jinja2.TemplateNotFound(template)
        check_inside(path, self.folder, "the templates folder", TemplateError)
        text = read_text(path, "template", TemplateError)
        modified = path.stat().st_mtime
        return text, str(path), lambda: _modified(path) == modified


def _modified(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


_BUDGET: contextvars.ContextVar[list[int]] = contextvars.ContextVar("drafter_loop_budget")


class _BoundedTemplate(jinja2.Template):
    """A template whose render stops at the limits with a SecurityError.

    The renderer reports that error as the template's, with its file and line.
    """

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render as Jinja does, within the limits."""
        token = _BUDGET.set([MAX_ITERATIONS])
        try:
            return _joined(self.generate(*args, **kwargs))
        except RecursionError:
            raise SecurityError("the template calls itself too deeply") from None
        except MemoryError:  # a string method or filter (`replace`, `join`) asked for gigabytes
            raise SecurityError("the template asked for more memory than there is") from None
        finally:
            _BUDGET.reset(token)


def _joined(chunks: Iterator[str]) -> str:
    written: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the template wrote more than {MAX_OUTPUT:,} characters")
        written.append(chunk)
    return "".join(written)


class TemplateSandbox(SandboxedEnvironment):
    """Jinja's sandbox with drafter's bounds: see the module's docstring."""

    template_class = _BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, folder: Path, **options: Any) -> None:
        super().__init__(loader=ConfinedLoader(folder), finalize=_printable, **options)
        self.globals["range"] = _bounded_range
        # Filters are called directly, not through `call`: `'x'|center(10**9)` needs its own check.
        self.filters = {
            name: _sized_arguments(f) for name, f in self.filters.items() if name != "format"
        } | {"format": _narrow_format(self.filters["format"])}
        self.filters["replace"] = _replace_bounded(self.filters["replace"])
        self.filters["join"] = _join_bounded(self.filters["join"])

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        """Call as the sandbox does, refusing sizes such as `'x'.ljust(10**9)`."""
        if __obj is not _bounded_range:  # which says what is wrong in its own words
            _check_sizes(args, kwargs)
        if isinstance(owner := getattr(__obj, "__self__", None), str):
            _check_grown(owner, getattr(__obj, "__name__", ""), args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` as the sandbox wraps it, refusing widths such as `{:>999999999}`."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE.search(value.__self__):
            raise SecurityError(f"a field width of more than {MAX_OUTPUT:,} characters")
        return wrapped

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then route every `for` loop's items through `counted` (the loop budget)."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted"), [loop.iter], [], None, None
            )
        return tree

    @staticmethod
    def counted(items: Iterable[Any]) -> Iterator[Any]:
        """The loop's items, each one taken from the render's budget of loop turns."""
        budget = _BUDGET.get([MAX_ITERATIONS])
        for item in items:
            budget[0] -= 1
            if budget[0] < 0:
                raise SecurityError(f"the template's loops ran more than {MAX_ITERATIONS:,} times")
            yield item

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """`*` and `**` within bounds: `'x' * 10**9` would fill the memory before any output."""
        if operator == "%" and isinstance(left, str) and _WIDE.search(left):
            raise SecurityError(f"a field width of more than {MAX_OUTPUT:,} characters")
        if operator == "**" and isinstance(right, int) and right > _MAX_POWER:
            raise SecurityError(f"a power above {_MAX_POWER:,} is not allowed in templates")
        if operator == "*":
            sized, count = (left, right) if isinstance(left, Sized) else (right, left)
            if isinstance(sized, Sized) and isinstance(count, int):
                if len(sized) * count > MAX_OUTPUT:
                    raise SecurityError(f"a repetition of more than {MAX_OUTPUT:,} items")
        return super().call_binop(context, operator, left, right)


_WIDE = re.compile(r"\d{6,}")
"""A width or precision of 100,000 or more in a format string."""


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_OUTPUT:
            raise SecurityError(f"a size of {value:,} given to a call (limit {MAX_OUTPUT:,})")


def _check_grown(text: str, method: str, args: tuple[Any, ...]) -> None:
    """Refuse `text.replace(...)` or `text.join(...)` that would make a text past the limit.

    Worked out before the text is made: `s.replace('a', s)` of a 99,999-character `s` asks
    for ten gigabytes, which no check of the output could stop.
    """
    size = 0
    if method == "replace" and len(args) >= 2 and all(isinstance(arg, str) for arg in args[:2]):
        old, new = args[0], args[1]
        times = text.count(old) if old else len(text) + 1
        size = len(text) + times * (len(new) - len(old))
    elif method == "join" and args and isinstance(args[0], Sized):
        size = len(text) * (len(args[0]) - 1)  # the separators alone
    if size > MAX_OUTPUT:
        raise SecurityError(f"a text of more than {MAX_OUTPUT:,} characters")


def _replace_bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """The `replace` filter (`value|replace(old, new)`), checked as `str.replace` is."""

    @functools.wraps(function)  # keeps the mark that passes the evaluation context first
    def checked(context: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_grown(str(value), "replace", args)
        return function(context, value, *args, **kwargs)

    return checked


def _join_bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """The `join` filter (`items|join(separator)`), checked as `str.join` is."""

    @functools.wraps(function)
    def checked(context: Any, value: Any, separator: Any = "", *args: Any, **kwargs: Any) -> Any:
        _check_grown(str(separator), "join", (value,))
        return function(context, value, separator, *args, **kwargs)

    return checked


def _sized_arguments(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args[1:], kwargs)  # the first is the value filtered, not a size
        return function(*args, **kwargs)

    return checked


def _narrow_format(function: Callable[..., str]) -> Callable[..., str]:
    """The `format` filter: its arguments are values, but its format string holds widths."""

    @functools.wraps(function)
    def checked(text: str, *args: Any, **kwargs: Any) -> str:
        if _WIDE.search(str(text)):
            raise SecurityError(f"a field width of more than {MAX_OUTPUT:,} characters")
        return function(text, *args, **kwargs)

    return checked


def _bounded_range(*bounds: int) -> range:
    numbers_ = range(*bounds)
    if len(numbers_) > MAX_RANGE:
        raise SecurityError(f"range() of {len(numbers_):,} items (limit {MAX_RANGE:,})")
    return numbers_


def _printable(value: Any) -> Any:
    """What `{{ ... }}` may write: text, numbers, dates and template values, never internals."""
    if isinstance(value, str | TemplateValue | date | jinja2.Undefined):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return value
    kind = "a function" if callable(value) else f"a {type(value).__name__}"
    raise SecurityError(f"cannot write {kind} into the answer: write one of its fields")
