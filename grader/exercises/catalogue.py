"""Loading the exercises: each folder under `exercises/` with an info.yaml is one exercise.

The curriculum is data: folders sort by id, and everything the engine needs
(entry point, file, topics, hints) is in info.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from grader.errors import ContentError, ContentProblem, PrepError
from grader.paths import content_dir
from grader.quiz.model import DIFFICULTIES
from grader.yamlfile import LocatedDict, load_yaml

_ID = re.compile(r"^exercise\d{2,}$")
_FIELDS = {"id", "slug", "title", "entry", "file", "difficulty", "topics", "hints"}


@dataclass(frozen=True)
class Exercise:
    id: str
    slug: str
    title: str
    entry: str
    file: str
    difficulty: str
    topics: tuple[str, ...]
    hints: tuple[str, ...]
    folder: Path

    @property
    def stub(self) -> Path:
        return self.folder / self.file

    @property
    def prompt(self) -> Path:
        return self.folder / "README.md"

    @property
    def solution(self) -> Path:
        return content_dir("solutions") / self.file

    @property
    def module(self) -> str:
        return Path(self.file).stem


def load_catalogue(folder: Path | None = None) -> list[Exercise]:
    root = folder or content_dir("exercises")
    problems: list[ContentProblem] = []
    exercises = []
    for info in sorted(root.glob("*/info.yaml")):
        shown = str(info)
        try:
            data = load_yaml(info, shown)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        exercise = _exercise(data, info.parent, shown, problems)
        if exercise:
            exercises.append(exercise)
    if problems:
        raise ContentError(problems)
    return exercises


def _exercise(data: object, folder: Path, shown: str, problems: list[ContentProblem]) -> Exercise | None:
    if not isinstance(data, LocatedDict):
        problems.append(ContentProblem(shown, 1, "", "info.yaml must be a mapping"))
        return None
    before = len(problems)

    def bad(key: str, message: str) -> None:
        problems.append(ContentProblem(shown, data.line_of(key), key, message))

    for key in sorted(set(data) - _FIELDS):
        bad(key, f"unknown field (allowed: {', '.join(sorted(_FIELDS))})")
    for key in ("id", "slug", "title", "entry", "file"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            bad(key, "missing or empty")
    if isinstance(data.get("id"), str) and not _ID.match(data["id"]):
        bad("id", "must look like exercise07")
    if data.get("difficulty") not in DIFFICULTIES:
        bad("difficulty", f"must be one of {', '.join(DIFFICULTIES)}")
    topics, hints = data.get("topics"), data.get("hints")
    if not isinstance(topics, list) or not topics or not all(isinstance(t, str) for t in topics):
        bad("topics", "must list quiz topic ids")
    if not isinstance(hints, list) or len(hints) != 3 or not all(isinstance(h, str) and h.strip() for h in hints):
        bad("hints", "must be three tiered hints: a nudge, the concept, the near-answer")
    if isinstance(data.get("file"), str) and not (folder / data["file"]).is_file():
        bad("file", f"{data['file']} is not in {folder}")
    if len(problems) > before:
        return None
    return Exercise(data["id"], data["slug"], data["title"].strip(), data["entry"], data["file"],
                    data["difficulty"], tuple(topics), tuple(h.strip() for h in hints), folder)


def find_exercise(name: str, catalogue: list[Exercise] | None = None) -> Exercise:
    """By id (`exercise03`, `03`, `3`) or slug (`pool_ordering`)."""
    exercises = catalogue if catalogue is not None else load_catalogue()
    wanted = name.strip().lower()
    if wanted.isdigit():
        wanted = f"exercise{int(wanted):02d}"
    for exercise in exercises:
        if wanted in (exercise.id, exercise.slug, exercise.slug.replace("_", "-")):
            return exercise
    known = ", ".join(f"{e.id} ({e.slug})" for e in exercises) or "none"
    raise PrepError(UNKNOWN_EXERCISE.format(name=name, known=known))


UNKNOWN_EXERCISE = "No exercise called {name!r}. Exercises: {known}."
