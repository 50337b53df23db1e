"""Finding the learners in a submissions folder, and each learner's file for each exercise.

A learner is a folder of DIR. Inside it, an exercise's file is found in a prep
workspace (`exercises/<id>_<slug>/<file>`, with or without the marker file), or
flat, named by the exercise id or its file name (`exercise03.py`), anywhere in
the folder (a cloned repository keeps its own layout). What is not a learner
folder is skipped with the reason, so the trainer sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.exercises.catalogue import Exercise
from grader.exercises.workspace import MARKER

QUIZ_EXPORT = "quiz.json"  # a learner's `prep quiz --export quiz.json`, shown beside the grades
_IGNORED = {"__pycache__", ".git", ".venv", "venv", "node_modules", ".prep-cache"}


@dataclass
class Learner:
    name: str
    folder: Path
    layout: str  # "workspace" or "flat"
    files: dict[str, Path] = field(default_factory=dict)  # exercise id -> the learner's file

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
        if entry.name.startswith(".") or entry.name in _IGNORED:
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
    workspace = (folder / MARKER).is_file() or (folder / "exercises").is_dir()
    learner = Learner(folder.name, folder, "workspace" if workspace else "flat")
    candidates = _python_files(folder)
    for exercise in exercises:
        in_workspace = folder / "exercises" / exercise.folder.name / exercise.file
        if in_workspace.is_file():
            learner.files[exercise.id] = in_workspace
            continue
        named = [p for p in candidates if p.name in (exercise.file, f"{exercise.id}.py", f"{exercise.slug}.py")]
        if named:
            # The shallowest wins: a copy deep in a cache or a backup folder is not the submission.
            learner.files[exercise.id] = min(named, key=lambda p: (len(p.parts), str(p)))
    return learner


def _python_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*.py"):
        relative = path.relative_to(folder).parts
        if not any(part in _IGNORED or part.startswith(".") for part in relative[:-1]):
            found.append(path)
    return found


NOT_A_FOLDER = "not a folder: each learner needs a folder of their own"
NO_FILES = "no exercise files: expected files named like {names} (flat, or anywhere inside), or a prep workspace"
