"""Errors the user can act on: each prints as one line naming the file and line where known."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """Where a value was read from: a file and, where known, its 1-based line and column."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where


@dataclass(frozen=True)
class Problem:
    """One finding about a file the user wrote."""

    location: Location
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, line, column, then message, so reports are stable."""
        loc = self.location
        return (str(loc.path), loc.line or 0, loc.column or 0, self.message)


class DrafterError(Exception):
    """An expected failure, shown to the user as one line without a traceback."""

    details = ""
    """A report the CLI prints before the one-line message, when there is more to show."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        """Keep the message and, where known, the place in the user's file it concerns."""
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class FactBaseError(DrafterError):
    """The fact base could not be read or is not sound; `problems` holds every finding."""

    def __init__(self, problems: list[Problem], directory: Path) -> None:
        """Summarise the problems in one line; the CLI prints each of them before it."""
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]).splitlines()[0] if errors else f"{directory}"
        more = f" (and {len(errors) - 1} more problem(s): run 'drafter facts check')"
        super().__init__(first + (more if len(errors) > 1 else ""))
        self.problems = problems
        self.directory = directory


class QuestionError(DrafterError):
    """A question file or text could not be read as a written question."""


class TemplateError(DrafterError):
    """An answer template could not be loaded or rendered."""


class DraftError(DrafterError):
    """A draft file could not be read back."""


class ExportError(DrafterError):
    """A draft could not be written in the requested format or place."""


class ArchiveError(DrafterError):
    """The archive of past answers could not be read or written."""
