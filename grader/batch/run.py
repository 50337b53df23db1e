"""`prep grade --submissions DIR`: every learner's every exercise, graded in parallel, cached, summarised."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader import clock
from grader.batch.cache import CACHE_FOLDER, ResultCache, grader_version
from grader.batch.discover import Learner, Skipped, find_learners
from grader.errors import GraderError, PrepError
from grader.exercises.catalogue import Exercise, find_exercise, load_catalogue
from grader.exercises.locate import is_untouched_stub
from grader.grading.grade import GradeResult, grade, limit_children
from grader.grading.messages import RULES


@dataclass
class Cell:
    """One learner's one exercise."""

    status: str  # passed, failed, missing, error
    file: Path | None = None
    result: GradeResult | None = None
    cached: bool = False
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        result = self.result
        graded = result.as_json() if result else {"score": 0, "max_score": 0, "duration_s": 0.0, "checks": [],
                                                  "output": ""}
        first = result.first_failure if result else None
        return {
            "status": self.status, "file": str(self.file) if self.file else None, "cached": self.cached,
            "reason": self.reason, "score": graded["score"], "max_score": graded["max_score"],
            "duration_s": graded["duration_s"],
            "first_failure": graded["checks"][result.checks.index(first)] if result and first else None,
            "checks": graded["checks"], "output": graded["output"],
        }


@dataclass
class LearnerRow:
    learner: Learner
    cells: dict[str, Cell] = field(default_factory=dict)
    quiz: dict[str, int] | None = None

    def as_json(self) -> dict[str, Any]:
        graded = [c.result for c in self.cells.values() if c.result is not None]
        return {
            "name": self.learner.name, "folder": str(self.learner.folder), "layout": self.learner.layout,
            "passed": sum(c.status == "passed" for c in self.cells.values()), "graded": len(graded),
            "score": sum(r.score for r in graded), "max_score": sum(r.max_score for r in graded),
            "quiz": self.quiz, "notes": self.learner.notes,
            "results": {exercise: cell.as_json() for exercise, cell in self.cells.items()},
        }


@dataclass
class BatchResult:
    submissions: Path
    exercises: list[Exercise]
    rows: list[LearnerRow]
    skipped: list[Skipped]
    duration_s: float = 0.0
    finished_at: str = ""  # ISO 8601, UTC

    @property
    def errors(self) -> int:
        return sum(cell.status == "error" for row in self.rows for cell in row.cells.values())

    def common_rules(self) -> list[dict[str, Any]]:
        """The rules most learners broke, with the exercises where they broke them."""
        learners: dict[str, set[str]] = defaultdict(set)
        exercises: dict[str, set[str]] = defaultdict(set)
        for row in self.rows:
            for exercise, cell in row.cells.items():
                for check in cell.result.checks if cell.result else []:
                    if not check.passed and check.rule and check.rule != "not-implemented":
                        learners[check.rule].add(row.learner.name)
                        exercises[check.rule].add(exercise)
        ranked = sorted(learners, key=lambda rule: (-len(learners[rule]), rule))
        return [{"rule": rule, "title": RULES[rule].title if rule in RULES else rule,
                 "topic": RULES[rule].topic if rule in RULES else None, "learners": len(learners[rule]),
                 "exercises": sorted(exercises[rule])} for rule in ranked]

    def as_json(self) -> dict[str, Any]:
        return {
            "submissions": str(self.submissions), "exercises": [e.id for e in self.exercises],
            "titles": {e.id: e.title for e in self.exercises}, "grader_version": grader_version(),
            "generated_at": self.finished_at,
            "duration_s": round(self.duration_s, 3), "learners": [row.as_json() for row in self.rows],
            "skipped": [{"folder": str(s.folder), "reason": s.reason} for s in self.skipped],
            "common_rules": self.common_rules(),
        }


Progress = Callable[[int, int, str], None]  # (done, total, what just finished)


def grade_class(submissions: Path, names: list[str], methods: list[str], jobs: int | None = None,
                progress: Progress | None = None) -> BatchResult:
    """Grade every learner folder of `submissions` for the named exercises (all when none are named)."""
    started = time.monotonic()
    if not submissions.is_dir():
        raise PrepError(NOT_A_FOLDER.format(path=submissions))
    catalogue = load_catalogue()
    exercises = [find_exercise(name, catalogue) for name in names] if names else catalogue
    learners, skipped = find_learners(submissions, exercises)
    cache = ResultCache(submissions / CACHE_FOLDER)
    rows = [LearnerRow(learner, quiz=_quiz_score(learner)) for learner in learners]
    work: list[tuple[LearnerRow, Exercise, Path, str]] = []
    for row in rows:
        for exercise in exercises:
            path = row.learner.files.get(exercise.id)
            if path is None:
                row.cells[exercise.id] = Cell("missing", reason=MISSING.format(file=exercise.file))
                continue
            if is_untouched_stub(path, exercise):
                row.cells[exercise.id] = Cell("missing", path, reason=UNTOUCHED)
                continue
            key = cache.key(exercise.id, path, methods)
            cached = cache.get(key)
            if cached is not None:
                row.cells[exercise.id] = Cell(_status(cached), path, cached, cached=True)
            else:
                work.append((row, exercise, path, key))
    cores = _use_cores(jobs)
    # Sandboxed runs spend much of their time waiting (workers starting, tasks sleeping, a hang running
    # out its limit): two per core keep the cores busy.
    children = 2 * cores
    limit_children(children)
    done = 0
    if progress:
        progress(0, len(work), "")  # the total is known before the first grading ends

    def one(item: tuple[LearnerRow, Exercise, Path, str]) -> tuple[LearnerRow, Exercise, Cell]:
        row, exercise, path, key = item
        try:
            result = grade(exercise, path, methods)
        except GraderError as exc:  # the grader failed on this one; the batch goes on
            return row, exercise, Cell("error", path, reason=str(exc)[:2000])
        cache.put(key, result)
        return row, exercise, Cell(_status(result), path, result)

    # More gradings in flight than children: while one runs its hidden tests, others' children run.
    with ThreadPoolExecutor(max_workers=2 * children) as pool:
        for future in as_completed([pool.submit(one, item) for item in work]):
            row, exercise, cell = future.result()
            row.cells[exercise.id] = cell
            done += 1
            if progress:
                progress(done, len(work), f"{row.learner.name} {exercise.id}")
    for row in rows:
        row.cells = {e.id: row.cells[e.id] for e in exercises}
    return BatchResult(submissions.resolve(), exercises, rows, skipped, time.monotonic() - started,
                       clock.now().isoformat(timespec="seconds"))


def _use_cores(jobs: int | None) -> int:
    """`-j N`: run on N cores (this process and every sandboxed run it starts), by CPU affinity where the
    platform has it. Without -j, every core this process may use."""
    available = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    count = len(available) or os.cpu_count() or 1
    if jobs is None or jobs >= count:
        return count
    if available:
        os.sched_setaffinity(0, available[:jobs])  # inherited by the threads and processes started from here
    return jobs


def _status(result: GradeResult) -> str:
    return "passed" if result.passed else "failed"


def _quiz_score(learner: Learner) -> dict[str, int] | None:
    path = learner.quiz_export
    if path is None:
        return None
    from grader.quiz.team import read_export, score_of

    try:
        score, total = score_of(read_export(path))
    except PrepError:
        return None  # not a quiz export: the grades stand without it
    return {"score": score, "total": total}


NOT_A_FOLDER = "{path} is not a folder of learner submissions."
MISSING = "no {file} in this learner's folder"
UNTOUCHED = "the stub as handed out: not started"
