"""Where prep finds its content and keeps the learner's progress."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

# Where Gradescope's autograder image puts the learner's upload and reads the results.
GRADESCOPE_SUBMISSION = Path("/autograder/submission")
GRADESCOPE_RESULTS = Path("/autograder/results/results.json")

# Overrides the folder that holds the progress database.
PREP_HOME_ENV = "PREP_HOME"


def content_dir(name: str) -> Path:
    """A content folder (`quizzes`, `exercises`, `solutions`).

    An installed wheel carries the content under `grader/_content/`; in a
    checkout (or an editable install) it sits at the top of the repository.
    """
    packaged = PACKAGE_DIR / "_content" / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / name


def data_dir() -> Path:
    """The per-user folder for progress, following each platform's convention."""
    override = os.environ.get(PREP_HOME_ENV)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "prep"
