"""Remembering gradings across runs: an unchanged submission is not graded again.

A result is keyed by the file's content, the exercise, the start methods and
the grader's version (a digest of the grader's code and the exercises'
metadata), so editing a file, upgrading prep or changing a hidden test all
grade afresh. Entries are written one file each, atomically, so an
interrupted batch keeps every grading that finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from grader.files import write_atomically
from grader.grading.grade import GradeResult
from grader.paths import PACKAGE_DIR, content_dir

CACHE_FOLDER = ".prep-cache"


@lru_cache(maxsize=1)
def grader_version() -> str:
    """A digest of everything that decides a verdict: the grader's code and the exercises' metadata."""
    digest = hashlib.sha256()
    exercises = content_dir("exercises")
    # Named relative to their roots, so a checkout moved or renamed keeps its cache.
    sources = [(path, PACKAGE_DIR) for path in sorted(PACKAGE_DIR.rglob("*.py")) if "_content" not in path.parts]
    sources += [(path, exercises) for path in sorted(exercises.glob("*/info.yaml"))]
    for path, root in sources:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ResultCache:
    def __init__(self, folder: Path):
        self.folder = folder

    @staticmethod
    def key(exercise: str, learner_file: Path, methods: list[str]) -> str:
        content = hashlib.sha256(learner_file.read_bytes()).hexdigest()
        return hashlib.sha256(f"{grader_version()}|{exercise}|{','.join(methods)}|{content}".encode()).hexdigest()

    def get(self, key: str) -> GradeResult | None:
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return GradeResult.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or unreadable: grade again

    def put(self, key: str, result: GradeResult) -> None:
        with contextlib.suppress(OSError):  # a read-only class folder only costs the next run time
            write_atomically(self.folder / f"{key}.json", json.dumps(result.as_json()))
