"""Running a quiz: ask, grade, record, explain; stop cleanly at any point.

The session knows nothing about terminals: it talks to a `QuizUI`. Every
answer is committed to the progress store before the learner sees the
verdict, so an interruption (Ctrl-C, a closed stdin, a kill) never loses an
answer that was already given.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from grader.progress.store import AnswerRecord, ProgressStore
from grader.quiz.answers import Graded, InvalidAnswer, Presented, grade


class QuizUI(Protocol):
    retry_invalid: bool  # ask again after an invalid answer, or count it as wrong

    def show_item(self, number: int, total: int, presented: Presented) -> None: ...
    def ask(self, presented: Presented) -> str: ...  # raises EOFError when input ends
    def show_invalid(self, message: str) -> None: ...
    def show_verdict(self, presented: Presented, graded: Graded) -> None: ...


@dataclass(frozen=True)
class Answered:
    presented: Presented
    graded: Graded
    duration_ms: int


@dataclass
class QuizResult:
    answered: list[Answered] = field(default_factory=list)
    total: int = 0
    stopped: str | None = None  # "interrupted" or "end of input" when it ended early

    @property
    def correct(self) -> int:
        return sum(a.graded.correct for a in self.answered)

    def by_topic(self) -> dict[str, tuple[int, int]]:
        """topic -> (answered, correct), in the order topics were first met."""
        counts: dict[str, list[int]] = {}
        for entry in self.answered:
            for topic in entry.presented.item.topics:
                pair = counts.setdefault(topic, [0, 0])
                pair[0] += 1
                pair[1] += entry.graded.correct
        return {topic: (n, k) for topic, (n, k) in counts.items()}

    def as_json(self) -> dict:
        return {
            "answered": len(self.answered),
            "correct": self.correct,
            "total": self.total,
            "stopped": self.stopped,
            "items": [
                {
                    "id": a.presented.item.id,
                    "correct": a.graded.correct,
                    "response": a.graded.response,
                    "topics": list(a.presented.item.topics),
                    "misconceptions": list(a.graded.misconceptions),
                    "duration_ms": a.duration_ms,
                }
                for a in self.answered
            ],
            "topics": {t: {"answered": n, "correct": k} for t, (n, k) in self.by_topic().items()},
        }


def run_quiz(items: Sequence[Presented], ui: QuizUI, store: ProgressStore, session_id: int,
             now: Callable[[], datetime]) -> QuizResult:
    result = QuizResult(total=len(items))
    try:
        for number, presented in enumerate(items, start=1):
            ui.show_item(number, len(items), presented)
            started = time.monotonic()
            graded = _ask_until_valid(presented, ui)
            duration_ms = int((time.monotonic() - started) * 1000)
            item = presented.item
            store.record_answer(session_id, AnswerRecord(
                item_id=item.id, card_id=item.card_id, answered_at=now(), response=graded.response,
                correct=graded.correct, duration_ms=duration_ms, topics=item.topics,
                misconceptions=graded.misconceptions,
            ))
            result.answered.append(Answered(presented, graded, duration_ms))
            ui.show_verdict(presented, graded)
    except KeyboardInterrupt:
        result.stopped = "interrupted"
    except EOFError:
        result.stopped = "end of input"
    return result


def _ask_until_valid(presented: Presented, ui: QuizUI) -> Graded:
    while True:
        raw = ui.ask(presented)
        try:
            return grade(presented, raw)
        except InvalidAnswer as exc:
            ui.show_invalid(str(exc))
            if not ui.retry_invalid:
                # A script's answers stay aligned with the items: a bad line is a wrong answer.
                return Graded(False, raw.strip())
