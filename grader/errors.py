"""Errors a user can act on, and the exit codes the command line gives them.

Anything raised as a `PrepError` is shown as one clear message without a
traceback; anything else is a bug in prep and is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class PrepError(Exception):
    """A problem with the user's input or environment, explained in words."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class ContentProblem:
    """One problem in a content file, located as precisely as we can."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentError(PrepError):
    """One or more content files are malformed."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class GraderError(PrepError):
    """Something broke inside the grader itself, not in the learner's code (exit 3)."""

    exit_code = EXIT_INTERNAL


class ProgressStoreError(PrepError):
    """The progress database cannot be used as it is; it was left untouched."""
