"""What a quiz item is, once loaded and validated."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from grader.quiz.target import Target, VersionSpec


class ItemType(str, Enum):
    SINGLE_CHOICE = "single_choice"
    SELECT_ALL = "select_all"
    TRUE_FALSE = "true_false"
    ORDERING = "ordering"
    SHORT_ANSWER = "short_answer"
    NUMERIC = "numeric"
    CODE_OUTPUT = "code_output"
    MATCHING = "matching"
    CLOZE = "cloze"
    SPOT_THE_LINE = "spot_the_line"

    @property
    def has_options(self) -> bool:
        return self in (ItemType.SINGLE_CHOICE, ItemType.SELECT_ALL, ItemType.ORDERING, ItemType.MATCHING)

    @property
    def shows_code(self) -> bool:
        """Items with a `code` field: run (code_output), with blanks (cloze), or with a faulty line."""
        return self in (ItemType.CODE_OUTPUT, ItemType.CLOZE, ItemType.SPOT_THE_LINE)


DIFFICULTIES = ("easy", "medium", "hard")
BLANK = re.compile(r"_{4,}")  # a cloze blank in code: four or more underscores


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    feedback: str | None = None
    misconception: str | None = None


@dataclass(frozen=True)
class Pair:
    """One row of a matching item: a left-hand text and the key of the option it matches."""

    left: str
    match: str


@dataclass(frozen=True)
class LineNote:
    """What a spot-the-line item says when the learner picks this (wrong) line."""

    line: int
    feedback: str | None = None
    misconception: str | None = None


@dataclass(frozen=True)
class Source:
    url: str
    python: str  # the versions it holds for: "3.14", "3.8+" or "3.8-3.13"

    def holds_for(self, version: tuple[int, int]) -> bool:
        low, _, high = self.python.partition("-")
        clauses = f">={low[:-1]}" if low.endswith("+") else f">={low},<={high}" if high else low
        return VersionSpec.parse(clauses).matches(version)


@dataclass(frozen=True)
class CodeOutcome:
    """The recorded result of running a code-output snippet.

    Exactly one of: the accepted stdouts (several when the output is not
    deterministic), an exception type with its message, or a hang.
    """

    stdout: tuple[str, ...] | None = None
    exception_type: str | None = None
    exception_message: str | None = None
    hangs: bool = False

    def describe(self) -> str:
        if self.hangs:
            return "it hangs (never finishes)"
        if self.exception_type:
            message = f": {self.exception_message}" if self.exception_message else ""
            return f"{self.exception_type}{message}"
        assert self.stdout is not None
        return " | or | ".join(self.stdout)


@dataclass(frozen=True)
class Variant:
    """An answer that holds only for some Python versions and platforms."""

    versions: VersionSpec
    platforms: tuple[str, ...]
    answer: Any
    explanation: str | None = None
    line: int = 0

    def applies_to(self, target: Target) -> bool:
        return target.platform in self.platforms and self.versions.matches(target.python)


@dataclass(frozen=True)
class Item:
    id: str
    type: ItemType
    topics: tuple[str, ...]
    difficulty: str
    prompt: str
    explanation: str
    source: Source
    answer: Any = None  # the default answer; None when only variants answer
    options: tuple[Option, ...] = ()
    variants: tuple[Variant, ...] = ()
    code: str | None = None
    tolerance: float = 0.0
    shuffle: bool = True
    misconception: str | None = None  # recorded when a free-form answer is wrong
    start_methods: tuple[str, ...] = ()  # code_output: `prep verify` proves the answer under each
    line_notes: tuple[LineNote, ...] = ()  # spot_the_line: feedback for wrong lines
    quotes: tuple[str, ...] = ()  # messages and defaults quoted verbatim: `prep check --sources` finds them
    path: str = ""
    line: int = 0

    @property
    def card_id(self) -> int:
        return card_id_for(self.id)

    def option(self, key: str) -> Option:
        return next(option for option in self.options if option.key == key)

    @property
    def version_dependent(self) -> bool:
        return bool(self.variants)

    @property
    def shown_code(self) -> str:
        """The code as a question shows it: a cloze item's blanks numbered when there are several."""
        code = self.code or ""
        if self.type is not ItemType.CLOZE or len(BLANK.findall(code)) < 2:
            return code
        numbers = iter(range(1, 1000))
        return BLANK.sub(lambda blank: f"{blank.group(0)}[{next(numbers)}]", code)

    @property
    def misconceptions(self) -> set[str]:
        """Every wrong belief this item can reveal: its options' tags and its own."""
        tags = {option.misconception for option in self.options if option.misconception}
        tags |= {note.misconception for note in self.line_notes if note.misconception}
        return tags | ({self.misconception} if self.misconception else set())

    def resolve(self, target: Target) -> tuple[Any, str]:
        """The answer and explanation that hold for `target`."""
        for variant in self.variants:
            if variant.applies_to(target):
                return variant.answer, variant.explanation or self.explanation
        return self.answer, self.explanation

    def covers(self, target: Target) -> bool:
        return self.answer is not None or any(v.applies_to(target) for v in self.variants)


def card_id_for(item_id: str) -> int:
    """A stable positive 63-bit integer for FSRS, derived from the item id only."""
    digest = hashlib.sha256(item_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1

