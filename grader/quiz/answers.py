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
        if kind is ItemType.MATCHING:
            return "; ".join(f"{row} → {self.describe([pair.match])}" for row, pair in enumerate(self.answer, 1))
        if kind is ItemType.CLOZE:
            return "; ".join(f"[{blank}] {accepted[0]}" for blank, accepted in enumerate(self.answer, 1))
        if kind is ItemType.SPOT_THE_LINE:
            return " or ".join(f"line {line}" for line in self.answer)
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
    if kind is ItemType.MATCHING:
        return _grade_matching(presented, text)
    if kind is ItemType.CLOZE:
        return _grade_cloze(presented, text)
    if kind is ItemType.SPOT_THE_LINE:
        return _grade_line(presented, text)
    return _free(item, text, output_matches(presented.answer, text))


_ROW = re.compile(r"(\d+)\s*[-:=>.)]*\s*([a-z])")


def _grade_matching(presented: Presented, text: str) -> Graded:
    """Letters for rows 1, 2, 3... in order (`bca`), or numbered pairs (`1b 2c 3a`); all rows must match."""
    rows = presented.answer
    folded = text.casefold()
    if any(c.isdigit() for c in folded):
        found = {int(n): letter for n, letter in _ROW.findall(folded)}
        letters = [found.get(row) for row in range(1, len(rows) + 1)]
        if None in letters or len(found) != len(rows):
            raise InvalidAnswer(MATCH_ALL.format(rows=len(rows)))
        text = "".join(letters)  # type: ignore[arg-type]
    keys = _letters(presented, text)
    if len(keys) != len(rows):
        raise InvalidAnswer(MATCH_ALL.format(rows=len(rows)))
    wrong_rows = [(row, key) for row, (pair, key) in enumerate(zip(rows, keys, strict=True), 1) if pair.match != key]
    feedback = tuple(MATCH_WRONG.format(row=row, left=rows[row - 1].left, chosen=presented.describe([key]))
                     for row, key in wrong_rows)
    chosen_wrong = [presented.item.option(key) for _, key in wrong_rows]
    tags = tuple(o.misconception for o in chosen_wrong if o.misconception) or (
        _tags(presented.item.misconception) if wrong_rows else ())
    return Graded(not wrong_rows, ",".join(keys), feedback, tags)


def _grade_cloze(presented: Presented, text: str) -> Graded:
    """One filling per blank, separated by `;` when there are several."""
    blanks = presented.answer
    given = [part for part in re.split(r"\s*[;|]\s*", text.strip())] if len(blanks) > 1 else [text.strip()]
    if len(given) != len(blanks) or not all(given):
        raise InvalidAnswer(BLANKS.format(count=len(blanks)))
    correct = all(_same_code(g, accepted) for g, accepted in zip(given, blanks, strict=True))
    return _free(presented.item, "; ".join(given), correct)


def _same_code(given: str, accepted: tuple[str, ...]) -> bool:
    # Code is case-sensitive; spacing, backticks and the kind of quotes are not.
    def canonical(code: str) -> str:
        return _SPACE.sub("", code.replace("`", "").replace('"', "'"))

    return any(canonical(given) == canonical(a) for a in accepted)


def _grade_line(presented: Presented, text: str) -> Graded:
    count = len((presented.item.code or "").splitlines())
    digits = text.strip().removeprefix("line").strip()
    if not digits.isdigit() or not 1 <= int(digits) <= count:
        raise InvalidAnswer(LINE.format(count=count))
    line = int(digits)
    if line in presented.answer:
        return Graded(True, str(line))
    note = next((n for n in presented.item.line_notes if n.line == line), None)
    feedback = (note.feedback,) if note and note.feedback else ()
    tags = _tags(note.misconception) if note and note.misconception else _tags(presented.item.misconception)
    return Graded(False, str(line), feedback, tags)


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
MATCH_ALL = "Give a letter for each of the {rows} rows, in order (e.g. bca), or as pairs (1b 2c 3a)."
MATCH_WRONG = "Row {row} ({left}) is not {chosen}."
BLANKS = "Fill all {count} blanks, separated by ';'."
LINE = "Answer with a line number from 1 to {count}."
