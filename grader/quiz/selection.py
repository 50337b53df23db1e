"""Which items a quiz asks, in which order, with which option order.

Everything random comes from the seed: the same seed and the same filters
give the same items and option orders on every machine (string seeds and
`random.Random`'s sampling are stable across platforms and versions).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from grader.errors import PrepError
from grader.quiz.answers import Presented
from grader.quiz.bank import Bank
from grader.quiz.model import DIFFICULTIES, Item, ItemType
from grader.quiz.target import Target


@dataclass(frozen=True)
class Criteria:
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    count: int = 10
    misconceptions: tuple[str, ...] = ()  # drill the items that can reveal these wrong beliefs


def matching_items(bank: Bank, criteria: Criteria, target: Target) -> list[Item]:
    """Items that fit the filters and have an answer for `target`, sorted by id."""
    unknown = [t for t in criteria.topics if t not in bank.topics]
    if unknown:
        raise PrepError(UNKNOWN_TOPIC.format(topics=", ".join(unknown), known=", ".join(sorted(bank.topics))))
    bad = [d for d in criteria.difficulties if d not in DIFFICULTIES]
    if bad:
        raise PrepError(UNKNOWN_DIFFICULTY.format(given=", ".join(bad), known=", ".join(DIFFICULTIES)))
    known_tags = set().union(*(item.misconceptions for item in bank.items))
    strange = [tag for tag in criteria.misconceptions if tag not in known_tags]
    if strange:
        raise PrepError(UNKNOWN_MISCONCEPTION.format(tags=", ".join(strange), count=len(known_tags)))
    items = [
        item for item in bank.items
        if (not criteria.topics or set(item.topics) & set(criteria.topics))
        and (not criteria.difficulties or item.difficulty in criteria.difficulties)
        and (not criteria.misconceptions or item.misconceptions & set(criteria.misconceptions))
        and item.covers(target)
    ]
    return sorted(items, key=lambda item: item.id)


def choose(candidates: Sequence[Item], count: int, seed: int,
           due_ids: Sequence[str] | None = None, seen_ids: Collection[str] = ()) -> list[Item]:
    """Pick `count` items: a seeded sample, or with `due_ids` the due items first, then new ones."""
    rng = random.Random(f"prep-selection:{seed}")
    if due_ids is None:
        return rng.sample(list(candidates), min(count, len(candidates)))
    by_id = {item.id: item for item in candidates}
    due = [by_id[item_id] for item_id in due_ids if item_id in by_id]
    new = [item for item in candidates if item.id not in seen_ids]
    rng.shuffle(new)
    return (due + new)[:count]


def present(item: Item, target: Target, seed: int) -> Presented:
    """The item with its options in a seeded order and the answer for `target`."""
    answer, explanation = item.resolve(target)
    options = list(item.options)
    if item.shuffle and len(options) > 1:
        rng = random.Random(f"prep-options:{seed}:{item.id}")
        rng.shuffle(options)
        # An ordering question shown already in order gives itself away.
        if item.type is ItemType.ORDERING and [o.key for o in options] == list(answer):
            options = options[1:] + options[:1]
    return Presented(item, tuple(options), answer, explanation, target)


UNKNOWN_TOPIC = "Unknown topic: {topics}. Topics: {known}."
UNKNOWN_MISCONCEPTION = (
    "Unknown misconception: {tags}. `prep stats` lists yours; `prep check --format json` lists all {count}."
)
UNKNOWN_DIFFICULTY = "Unknown difficulty: {given}. Use one of: {known}."
