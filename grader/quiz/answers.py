"""Turning what the learner typed into a verdict.

An item is graded as it was *presented*: options in their shuffled order
(letters a, b, c...) and the answer of the variant that holds for the chosen
Python version and platform.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from string import ascii_lowercase
from typing import Any

from grader.quiz.model import CodeOutcome, Item, ItemType, Option
from grader.quiz.target import Target

DONT_KNOW = "?"


@dataclass(frozen=True)
class Presented:
    """An item as it is asked: options in display order, answer for one target."""

    item: Item
    options: tuple[Option, ...]
    answer: Any
    explanation: str
    target: Target

    def letter(self, key: str) -> str:
        return ascii_lowercase[[o.key for o in self.options].index(key)]

    def describe(self, keys: Any) -> str:
        """Option keys as the learner saw them: 'b) text'."""
        return "; ".join(f"{self.letter(k)}) {self.item.option(k).text}" for k in keys)

    def expected(self) -> str:
        """The right answer, in words for the learner."""
        kind = self.item.type
        if kind is ItemType.SINGLE_CHOICE:
            return self.describe([self.answer])
        if kind is ItemType.SELECT_ALL:
            ordered = [o.key for o in self.options if o.key in self.answer]
            return self.describe(ordered)
        if kind is ItemType.ORDERING:
            return ", ".join(self.letter(k) for k in self.answer) + " — " + " → ".join(
                self.item.option(k).text for k in self.answer
            )
        if kind is ItemType.TRUE_FALSE:
            return "true" if self.answer else "false"
        if kind is ItemType.SHORT_ANSWER:
            return self.answer[0]
        if kind is ItemType.NUMERIC:
            return f"{self.answer:g}"
        return self.answer.describe()


@dataclass(frozen=True)
class Graded:
    correct: bool
    response: str  # what was answered, in option keys or normalised text (stored)
    feedback: tuple[str, ...] = ()  # per-option feedback for the options chosen
    misconceptions: tuple[str, ...] = ()  # wrong beliefs the answer shows


class InvalidAnswer(ValueError):
    """The input is not an answer of the right shape; the message says what is."""


def grade(presented: Presented, raw: str) -> Graded:
    """Grade one answer; raise InvalidAnswer when `raw` has the wrong shape."""
    text = raw.strip()
    if not text:
        raise InvalidAnswer(EMPTY)
    item = presented.item
    if text == DONT_KNOW:
        return Graded(False, DONT_KNOW, (), _tags(item.misconception))
    kind = item.type
    if kind is ItemType.SINGLE_CHOICE:
        keys = _letters(presented, text, exactly_one=True)
        return _grade_choice(presented, keys, keys[0] == presented.answer)
    if kind is ItemType.SELECT_ALL:
        keys = sorted(set(_letters(presented, text)))
        return _grade_choice(presented, keys, tuple(keys) == tuple(presented.answer))
    if kind is ItemType.ORDERING:
        keys = _letters(presented, text)
        if sorted(keys) != sorted(o.key for o in presented.options):
            raise InvalidAnswer(ORDER_ALL.format(letters=", ".join(ascii_lowercase[: len(presented.options)])))
        return _free(item, ",".join(keys), tuple(keys) == tuple(presented.answer))
    if kind is ItemType.TRUE_FALSE:
        value = _TRUTH.get(text.casefold())
        if value is None:
            raise InvalidAnswer(TRUE_FALSE)
        return _free(item, str(value).lower(), value == presented.answer)
    if kind is ItemType.SHORT_ANSWER:
        given = normalise_text(text)
        return _free(item, text, any(given == normalise_text(a) for a in presented.answer))
    if kind is ItemType.NUMERIC:
        number = _number(text)
        ok = math.isclose(number, presented.answer, rel_tol=1e-9, abs_tol=max(item.tolerance, 1e-12))
        return _free(item, repr(number), ok)
    return _free(item, text, output_matches(presented.answer, text))


def _grade_choice(presented: Presented, keys: list[str], correct: bool) -> Graded:
    chosen = [presented.item.option(k) for k in keys]
    feedback = tuple(o.feedback for o in chosen if o.feedback)
    wrong = () if correct else tuple(o.misconception for o in chosen if o.misconception)
    if not correct and not wrong:
        wrong = _tags(presented.item.misconception)
    return Graded(correct, ",".join(keys), feedback, wrong)


def _free(item: Item, response: str, correct: bool) -> Graded:
    return Graded(correct, response, (), () if correct else _tags(item.misconception))


def _tags(tag: str | None) -> tuple[str, ...]:
    return (tag,) if tag else ()


def _letters(presented: Presented, text: str, exactly_one: bool = False) -> list[str]:
    letters = [c for c in text.casefold() if c not in " ,;/"]
    available = ascii_lowercase[: len(presented.options)]
    bad = [c for c in letters if c not in available]
    if bad or not letters:
        raise InvalidAnswer(LETTERS.format(letters=", ".join(available)))
    if exactly_one and len(letters) != 1:
        raise InvalidAnswer(ONE_LETTER)
    return [presented.options[available.index(c)].key for c in letters]


def _number(text: str) -> float:
    cleaned = text.replace("_", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidAnswer(NUMBER) from None
    if not math.isfinite(value):
        raise InvalidAnswer(NUMBER)
    return value


_TRUTH = {
    "t": True, "true": True, "y": True, "yes": True, "1": True,
    "f": False, "false": False, "n": False, "no": False, "0": False,
}
_QUOTES = str.maketrans("", "", "`'\"")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Case, spacing, quotes, backticks, a trailing '()' and full stop do not matter."""
    folded = _SPACE.sub(" ", text.translate(_QUOTES).casefold()).strip().rstrip(".").strip()
    return folded[:-2].rstrip() if folded.endswith("()") else folded


# Words a learner uses to say "it never finishes".
_HANG_WORDS = ("hang", "deadlock", "block", "forever", "never finish", "never return", "stuck")
_EXCEPTION = re.compile(r"^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*(?::\s*(.*))?$", re.S)


def output_matches(expected: CodeOutcome, text: str) -> bool:
    """Whether the learner's one-line description matches a recorded program outcome."""
    folded = text.casefold()
    says_hangs = any(word in folded for word in _HANG_WORDS)
    if expected.hangs:
        return says_hangs
    if expected.exception_type:
        match = _EXCEPTION.match(text.strip())
        wanted = expected.exception_type.rsplit(".", 1)[-1]
        return bool(match) and match.group(1) == wanted
    assert expected.stdout is not None
    return any(_same_output(text, accepted) for accepted in expected.stdout)


def _same_output(given: str, accepted: str) -> bool:
    # Line breaks are typed as spaces; spacing inside a line rarely matters.
    if _SPACE.sub(" ", given).strip() == _SPACE.sub(" ", accepted).strip():
        return True
    return _SPACE.sub("", given) == _SPACE.sub("", accepted)


EMPTY = "Type an answer, or ? if you don't know."
ONE_LETTER = "Give one letter."
LETTERS = "Answer with letters among: {letters}."
ORDER_ALL = "Give every letter once, in order, e.g. {letters}."
TRUE_FALSE = "Answer t (true) or f (false)."
NUMBER = "Answer with a number, e.g. 0.25."
