"""What the progress store says about a learner: accuracy, due reviews, weak spots."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from grader.progress.store import ProgressStore

WEAK_TOPIC_MIN_ANSWERS = 3
DAYS_AHEAD = 7
DAYS_BACK = 14


@dataclass
class TopicStats:
    answered: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass
class Stats:
    reviews: int
    correct: int
    items_seen: int
    due_now: int
    due_by_day: dict[date, int]  # due later than now, per day from today on
    reviews_by_day: dict[date, int]
    topics: dict[str, TopicStats]
    misconceptions: list[tuple[str, int]]
    weakest_topics: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "reviews": self.reviews,
            "correct": self.correct,
            "accuracy": round(self.correct / self.reviews, 4) if self.reviews else None,
            "items_seen": self.items_seen,
            "due_now": self.due_now,
            "due_by_day": {d.isoformat(): n for d, n in self.due_by_day.items()},
            "reviews_by_day": {d.isoformat(): n for d, n in self.reviews_by_day.items()},
            "topics": {
                t: {"answered": s.answered, "correct": s.correct, "accuracy": round(s.accuracy, 4)}
                for t, s in self.topics.items()
            },
            "weakest_topics": self.weakest_topics,
            "misconceptions": [{"tag": tag, "count": n} for tag, n in self.misconceptions],
        }


def compute_stats(store: ProgressStore, now: datetime) -> Stats:
    topics: dict[str, TopicStats] = {}
    misconceptions: Counter[str] = Counter()
    today = now.date()
    reviews_by_day = {today - timedelta(days=back): 0 for back in range(DAYS_BACK - 1, -1, -1)}
    reviews = correct = 0
    for answer in store.answers():
        reviews += 1
        correct += answer.correct
        for topic in answer.topics:
            entry = topics.setdefault(topic, TopicStats())
            entry.answered += 1
            entry.correct += answer.correct
        misconceptions.update(answer.misconceptions)
        day = answer.answered_at.date()
        if day in reviews_by_day:
            reviews_by_day[day] += 1
    cards = store.cards()
    due_now = sum(card.due <= now for card in cards.values())
    due_by_day = {today + timedelta(days=ahead): 0 for ahead in range(DAYS_AHEAD + 1)}
    for card in cards.values():
        if card.due > now and card.due.date() in due_by_day:
            due_by_day[card.due.date()] += 1
    ranked = sorted(
        (t for t, s in topics.items() if s.answered >= WEAK_TOPIC_MIN_ANSWERS and s.correct < s.answered),
        key=lambda t: (topics[t].accuracy, -topics[t].answered, t),
    )
    return Stats(
        reviews=reviews, correct=correct, items_seen=len(cards), due_now=due_now, due_by_day=due_by_day,
        reviews_by_day=reviews_by_day, topics=dict(sorted(topics.items())),
        misconceptions=sorted(misconceptions.items(), key=lambda kv: (-kv[1], kv[0])),
        weakest_topics=ranked[:3],
    )
