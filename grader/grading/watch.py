"""`prep watch`: grade again whenever the learner's file changes.

It polls the path's (inode, size, mtime) rather than relying on file events:
that works on every platform and filesystem, and sees editors that save by
writing a new file and renaming it over the old one (a new inode). A change
is graded once it has been quiet for DEBOUNCE_S, so a burst of writes from
one save grades once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

POLL_S = 0.2
DEBOUNCE_S = 0.3

Signature = tuple[int, int, int] | None


def signature(path: Path) -> Signature:
    try:
        stat = os.stat(path)
    except OSError:
        return None  # mid-rename, or deleted: wait for it to come back
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def watch(path: Path, on_change: Callable[[], None]) -> None:
    """Call `on_change` now and after every settled change of `path`, until Ctrl-C."""
    on_change()
    graded = signature(path)
    pending_since: float | None = None
    current = graded
    while True:
        time.sleep(POLL_S)
        seen = signature(path)
        if seen != current:
            current, pending_since = seen, time.monotonic()
            continue
        if pending_since is not None and seen is not None and seen != graded \
                and time.monotonic() - pending_since >= DEBOUNCE_S:
            pending_since, graded = None, seen
            on_change()
