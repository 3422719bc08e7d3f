"""Problems found in staff-edited files: one plain line each, with file:line:column and a fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file. Line and column are 1-based; 0 means 'the whole file'."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}"


def error(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, message, Severity.ERROR)


def warning(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, message, Severity.WARNING)


def count_errors(problems: list[Problem] | tuple[Problem, ...]) -> int:
    return sum(1 for p in problems if p.is_error)
