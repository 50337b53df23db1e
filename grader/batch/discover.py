"""Finding the learners in a submissions folder, and each learner's file for each exercise.

A learner is a folder of DIR; inside it, each exercise's file is found as
`grader.exercises.locate` finds it (a prep workspace, or files named by the
exercise anywhere inside). What is not a learner folder is skipped with the
reason, so the trainer sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.exercises.catalogue import Exercise
from grader.exercises.locate import IGNORED_FOLDERS, find_submission_files

QUIZ_EXPORT = "quiz.json"  # a learner's `prep quiz --export quiz.json`, shown beside the grades


@dataclass
class Learner:
    name: str
    folder: Path
    layout: str  # "workspace" or "flat"
    files: dict[str, Path] = field(default_factory=dict)  # exercise id -> the learner's file
    notes: list[str] = field(default_factory=list)  # what the search ignored or chose between

    @property
    def quiz_export(self) -> Path | None:
        path = self.folder / QUIZ_EXPORT
        return path if path.is_file() else None


@dataclass(frozen=True)
class Skipped:
    folder: Path
    reason: str


def find_learners(submissions: Path, exercises: list[Exercise]) -> tuple[list[Learner], list[Skipped]]:
    learners, skipped = [], []
    for entry in sorted(submissions.iterdir(), key=lambda p: p.name.casefold()):
        if entry.name.startswith(".") or entry.name in IGNORED_FOLDERS:
            continue
        if not entry.is_dir():
            skipped.append(Skipped(entry, NOT_A_FOLDER))
            continue
        learner = _learner(entry, exercises)
        if learner.files or learner.quiz_export:
            learners.append(learner)
        else:
            skipped.append(Skipped(entry, NO_FILES.format(names=", ".join(e.file for e in exercises[:2]))))
    return learners, skipped


def _learner(folder: Path, exercises: list[Exercise]) -> Learner:
    found = find_submission_files(folder, exercises)
    return Learner(folder.name, folder, found.layout, dict(found.files), list(found.notes))


NOT_A_FOLDER = "not a folder: each learner needs a folder of their own"
NO_FILES = "no exercise files: expected files named like {names} (flat, or anywhere inside), or a prep workspace"
