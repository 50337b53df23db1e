"""Finding a learner's file for each exercise in a folder they handed in.

The same search serves a class folder (`prep grade --submissions`, a folder per
learner) and a platform's upload (`prep autograder`): a prep workspace, flat
files named by the exercise, or a whole repository with its own layout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from grader.exercises.catalogue import Exercise

# Folders that hold no submission of the learner's own: tools' caches, virtual environments, VCS data.
IGNORED_FOLDERS = {"__pycache__", "node_modules", "site-packages", "venv", "env", ".venv", ".git", ".prep-cache"}
MAX_FILE_BYTES = 1_000_000  # an exercise is a page of code; anything bigger is not one
MAX_ENTRIES = 50_000  # a submission tree bigger than this is searched no further


@dataclass
class Found:
    """The learner's file for each exercise found in a submission, and what the search had to say."""

    files: dict[str, Path] = field(default_factory=dict)  # exercise id -> file
    layout: str = "flat"  # "workspace" when a prep workspace (or its exercises/ layout) held them
    notes: list[str] = field(default_factory=list)


def find_submission_files(submission: Path, catalogue: list[Exercise]) -> Found:
    """Each exercise's file in `submission`: in a prep workspace layout (`exercises/<folder>/<file>`, the
    marker file optional) or named by the exercise's id, file name or slug anywhere in the tree. When
    several match, the workspace layout wins, then the shallowest. Symbolic links are not followed: a submission
    cannot point the grader at a file outside itself."""
    found = Found()
    if not submission.is_dir():
        found.notes.append(NO_SUBMISSION.format(path=submission))
        return found
    wanted: dict[str, list[Exercise]] = {}
    for exercise in catalogue:
        for name in dict.fromkeys((f"{exercise.id}.py", exercise.file, f"{exercise.slug}.py")):
            wanted.setdefault(name, []).append(exercise)
    candidates: dict[str, list[tuple[bool, int, str, Path]]] = {}
    seen = 0
    for folder, dirs, files in os.walk(submission, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not _ignored(here / d))
        for name in sorted(files):
            seen += 1
            if name not in wanted:
                continue
            path = here / name
            relative = path.relative_to(submission)
            if path.is_symlink() or not path.is_file():
                found.notes.append(IGNORED_LINK.format(path=relative))
                continue
            if path.stat().st_size > MAX_FILE_BYTES:
                found.notes.append(IGNORED_BIG.format(path=relative, limit=MAX_FILE_BYTES))
                continue
            for exercise in wanted[name]:
                in_layout = here.name == exercise.folder.name and here.parent.name == "exercises"
                candidates.setdefault(exercise.id, []).append(
                    (not in_layout, len(relative.parts), str(relative), path))
        if seen > MAX_ENTRIES:
            found.notes.append(TOO_MANY.format(count=MAX_ENTRIES))
            break
    for exercise in catalogue:
        options = sorted(candidates.get(exercise.id, []))
        if not options:
            continue
        chosen = options[0]
        found.files[exercise.id] = chosen[3]
        if not chosen[0]:
            found.layout = "workspace"
        for other in options[1:]:
            found.notes.append(ALSO_FOUND.format(exercise=exercise.id, other=other[2], chosen=chosen[2]))
    return found


def is_untouched_stub(path: Path, exercise: Exercise) -> bool:
    """The learner's file is still the stub prep handed out: nothing to grade."""
    try:
        return path.read_bytes() == exercise.stub.read_bytes()
    except OSError:
        return False


def _ignored(folder: Path) -> bool:
    if folder.is_symlink():
        return True
    if folder.name in IGNORED_FOLDERS or folder.name.startswith("."):
        return True
    return (folder / "pyvenv.cfg").is_file()  # a virtual environment under another name


NO_SUBMISSION = "The submission folder {path} does not exist or is not a folder."
IGNORED_LINK = "Ignored {path}: a symbolic link or not a regular file; upload the file itself."
IGNORED_BIG = "Ignored {path}: larger than {limit} bytes."
TOO_MANY = "The submission holds more than {count} files; the search stopped there."
ALSO_FOUND = "{exercise}: also found {other}; graded {chosen}."
