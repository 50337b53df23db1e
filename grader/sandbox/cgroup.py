"""A pids cgroup per scenario, when this process may make one (root with cgroup v1 or v2).

It bounds how many processes the learner's tree may have (a fork bomb stops
at the limit), and lists every member however it was started: a
double-forked, setsid'd orphan is still in the group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from collections.abc import Callable
from pathlib import Path

_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))


class PidsCgroup:
    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def create(cls, max_processes: int) -> PidsCgroup | None:
        """A fresh cgroup limited to `max_processes`, or None where cgroups are not ours to make."""
        if os.geteuid() != 0:
            return None
        for root in _ROOTS:
            if not (root / "cgroup.procs").exists():
                continue
            if root.name != "pids" and "pids" not in _read(root / "cgroup.controllers"):
                continue
            _sweep_abandoned(root)
            # The owner's pid in the name: a later run can tell a group whose grader was killed.
            path = root / f"prep-{os.getpid()}-{uuid.uuid4().hex[:12]}"
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(max_processes))
            except OSError:
                with contextlib.suppress(OSError):
                    path.rmdir()
                continue
            return cls(path)
        return None

    @classmethod
    def available(cls) -> bool:
        """Whether this process can make (and remove) a pids cgroup here."""
        probe = cls.create(4)
        return probe is not None and probe.remove()

    @property
    def procs_file(self) -> Path:
        return self.path / "cgroup.procs"

    def members(self) -> list[int]:
        return [int(line) for line in _read(self.procs_file).split()]

    def limit_was_hit(self) -> bool:
        events = _read(self.path / "pids.events")
        return any(line.startswith("max ") and line.split()[1] != "0" for line in events.splitlines())

    def kill_all(self, timeout: float = 5.0) -> None:
        """SIGKILL every member until none is left (new forks are bounded by pids.max)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            members = self.members()
            if not members:
                return
            for pid in members:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self, reap: Callable[[], None] | None = None, timeout: float = 2.0) -> bool:
        """Remove the (emptied) cgroup; killed members count until reaped, so keep reaping meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.path.rmdir()
                return True
            except FileNotFoundError:
                return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
            if reap is not None:
                reap()
            time.sleep(0.01)


_swept: set[Path] = set()


def _sweep_abandoned(root: Path) -> None:
    """Kill and remove the groups of graders that died without cleaning up (killed with SIGKILL, say):
    their learners' processes, re-parented to init, would otherwise run on. Once per process and root."""
    if root in _swept:
        return
    _swept.add(root)
    for path in root.glob("prep-*-*"):
        owner = path.name.split("-")[1]
        if owner.isdigit() and not Path(f"/proc/{owner}").exists():
            group = PidsCgroup(path)
            group.kill_all(timeout=2.0)
            group.remove(timeout=1.0)


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""
