"""What a seeded quiz over the sample bank will ask, and how to answer it right or wrong.

The end-to-end tests script their answers from this plan and then check
that the real `prep quiz` asked exactly these items.
"""

from __future__ import annotations

from string import ascii_lowercase

from grader.quiz.answers import Presented
from grader.quiz.bank import load_bank
from grader.quiz.model import ItemType
from grader.quiz.selection import Criteria, choose, matching_items, present
from grader.quiz.target import Target, make_target

from conftest import SAMPLE_BANK


def plan(seed: int, count: int, target: Target | None = None) -> list[Presented]:
    target = target or make_target()
    bank = load_bank([SAMPLE_BANK])
    candidates = matching_items(bank, Criteria(("sample",), (), count), target)
    return [present(item, target, seed) for item in choose(candidates, count, seed)]


def right(p: Presented) -> str:
    kind = p.item.type
    if kind is ItemType.SINGLE_CHOICE:
        return p.letter(p.answer)
    if kind in (ItemType.SELECT_ALL, ItemType.ORDERING):
        return ",".join(p.letter(k) for k in p.answer)
    if kind is ItemType.TRUE_FALSE:
        return "t" if p.answer else "f"
    if kind is ItemType.SHORT_ANSWER:
        return p.answer[-1].upper()
    if kind is ItemType.NUMERIC:
        return str(p.answer)
    return p.answer.stdout[0]


def wrong(p: Presented) -> str:
    kind = p.item.type
    if kind is ItemType.SINGLE_CHOICE:
        return next(p.letter(o.key) for o in p.options if o.key != p.answer)
    if kind is ItemType.SELECT_ALL:
        return ascii_lowercase[: len(p.options)]
    if kind is ItemType.ORDERING:
        return ",".join(p.letter(k) for k in reversed(p.answer))
    if kind is ItemType.TRUE_FALSE:
        return "f" if p.answer else "t"
    if kind is ItemType.NUMERIC:
        return str(p.answer + 1)
    return "something else"
