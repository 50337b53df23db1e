"""`prep quiz` as a library call: load, select, run, record, summarise."""

from __future__ import annotations

import json
import secrets
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from grader import clock
from grader.errors import PrepError
from grader.progress.store import ProgressStore
from grader.quiz.bank import load_bank
from grader.quiz.selection import Criteria, choose, matching_items, present
from grader.quiz.session import QuizResult, run_quiz
from grader.quiz.target import make_target


@dataclass(frozen=True)
class QuizRequest:
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    misconceptions: tuple[str, ...] = ()
    count: int = 10
    seed: int | None = None
    due: bool = False
    banks: tuple[Path, ...] = ()
    python: str | None = None
    platform: str | None = None
    json_output: bool = False
    name: str | None = None  # who answered, for a team session's export
    export: Path | None = None  # write the result here, for `prep report --quiz`


def take_quiz(request: QuizRequest) -> QuizResult:
    from rich.console import Console

    from grader.quiz.terminal import TerminalQuizUI, print_summary

    try:
        target = make_target(request.python, request.platform)
    except ValueError as exc:
        raise PrepError(str(exc)) from None
    bank = load_bank(request.banks)
    criteria = Criteria(request.topics, request.difficulties, request.count, request.misconceptions)
    candidates = matching_items(bank, criteria, target)
    seed = request.seed if request.seed is not None else secrets.randbelow(1_000_000)
    # In JSON mode stdout carries only the result; the conversation goes to stderr.
    console = Console(stderr=request.json_output, highlight=False)
    with ProgressStore.open_default() as store:
        now = clock.now()
        if request.due:
            chosen = choose(candidates, request.count, seed, store.due_item_ids(now), set(store.cards()))
        else:
            chosen = choose(candidates, request.count, seed)
        result = QuizResult(total=0)
        if not chosen:
            console.print(NOTHING_DUE if request.due and candidates else NO_ITEMS)
        else:
            console.print(SEED_NOTE.format(seed=seed), style="dim")
            session = store.start_session("quiz", now, seed, str(target), _settings(request))
            presented = [present(item, target, seed) for item in chosen]
            result = run_quiz(presented, TerminalQuizUI(console), store, session, clock.now)
            print_summary(console, result, {t.id: t.title for t in bank.topics.values()})
    summary = result.as_json() | {"seed": seed, "target": str(target)}
    if request.export is not None:
        _export(request.export, summary | {"name": request.name or request.export.stem, "count": request.count,
                                           "exported_at": clock.now().isoformat(), "format": EXPORT_FORMAT})
    if request.json_output:
        sys.stdout.write(json.dumps(summary) + "\n")
    return result


def _export(path: Path, summary: dict) -> None:
    """Written once, whole (an interrupted quiz exports the answers it has)."""
    from grader.files import write_atomically

    try:
        write_atomically(path, json.dumps(summary, indent=1) + "\n")
    except OSError as exc:
        raise PrepError(EXPORT_FAILED.format(path=path, error=exc.strerror or exc)) from None


def _settings(request: QuizRequest) -> dict:
    settings = asdict(request)
    settings["banks"] = [str(path) for path in request.banks]
    settings["export"] = str(request.export) if request.export else None
    return settings


EXPORT_FORMAT = "prep-quiz-export/1"
EXPORT_FAILED = "Could not write {path}: {error}. Your answers are saved in your progress all the same."
SEED_NOTE = "Seed {seed}: `prep quiz --seed {seed}` with the same options asks the same questions."
NO_ITEMS = "No question matches these options."
NOTHING_DUE = "Nothing is due for review and every matching question has been seen. Come back later."
