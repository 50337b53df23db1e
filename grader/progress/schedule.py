"""Review scheduling with FSRS (the `fsrs` package, imported only when reviewing).

Auto-graded answers map to binary ratings: right -> Good, wrong -> Again.
The FSRS benchmark shows binary ratings cost little against four grades.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Review:
    card_json: str
    due: datetime
    state: int
    rating: int


@cache
def _scheduler() -> Any:
    from fsrs import Scheduler

    return Scheduler()


def review(card_json: str | None, card_id: int, correct: bool, when: datetime, duration_ms: int) -> Review:
    """Apply one answer to an item's card (a new card when `card_json` is None)."""
    from fsrs import Card, Rating

    card = Card.from_json(card_json) if card_json else Card(card_id=card_id, due=when)
    rating = Rating.Good if correct else Rating.Again
    card, _log = _scheduler().review_card(card, rating, review_datetime=when, review_duration=duration_ms)
    return Review(card.to_json(), card.due, int(card.state), int(rating))
