"""Where the learner's copy of each exercise lives.

In a clone of the repository the files under `exercises/` are the learner's.
An installed prep has no checkout: `prep init DIR` writes a workspace (a
copy of the exercises and a marker file) and prep finds it from any folder
inside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from grader.errors import PrepError
from grader.exercises.catalogue import Exercise
from grader.paths import PACKAGE_DIR, content_dir

MARKER = ".prep-workspace"


def find_workspace(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def learner_file(exercise: Exercise, start: Path | None = None) -> Path:
    workspace = find_workspace(start)
    if workspace is not None:
        return workspace / "exercises" / exercise.folder.name / exercise.file
    if not _is_packaged(exercise.folder):
        return exercise.stub
    raise PrepError(NO_WORKSPACE)


def _is_packaged(folder: Path) -> bool:
    return (PACKAGE_DIR / "_content") in folder.resolve().parents


def init_workspace(target: Path) -> Path:
    if (target / MARKER).exists():
        raise PrepError(ALREADY.format(path=target))
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content_dir("exercises"), target / "exercises", dirs_exist_ok=False,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (target / MARKER).write_text("This folder is a prep workspace: `prep grade EXERCISE` works anywhere inside it.\n")
    return target


NO_WORKSPACE = "No prep workspace here: run `prep init DIR` to create one, then work inside DIR."
ALREADY = "{path} is already a prep workspace."
