"""Resource limits for a supervised child, applied inside the child before any learner code."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

LIMITS_ENV = "PREP_SANDBOX_LIMITS"


@dataclass(frozen=True)
class Limits:
    wall_s: float = 10.0  # the whole scenario, from start to the end record
    exit_grace_s: float = 2.0  # time to exit after the main process finished its work
    cpu_s: int = 30  # soft limit: SIGXCPU first, so the child can say why; hard = soft + 2
    address_space_mb: int = 1024  # per process; a Pool(2) with a Queue and a Manager needs ~48 MB
    open_files: int = 256
    file_size_mb: int = 16  # also caps the output file
    output_bytes: int = 256 * 1024  # what is kept of the learner's output
    max_processes: int = 64  # the whole tree at once

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> Limits:
        raw = os.environ.get(LIMITS_ENV)
        return cls(**json.loads(raw)) if raw else cls()


def apply_in_child(limits: Limits) -> None:
    """Set this process's rlimits (inherited by everything it starts)."""
    import resource

    mb = 1024 * 1024
    settings = [
        (resource.RLIMIT_CPU, limits.cpu_s, limits.cpu_s + 2),
        (resource.RLIMIT_AS, limits.address_space_mb * mb, limits.address_space_mb * mb),
        (resource.RLIMIT_NOFILE, limits.open_files, limits.open_files),
        (resource.RLIMIT_FSIZE, limits.file_size_mb * mb, limits.file_size_mb * mb),
        (resource.RLIMIT_CORE, 0, 0),
    ]
    if os.geteuid() != 0:
        # Without a cgroup, RLIMIT_NPROC counts every process of this user: allow what runs now plus
        # the tree's share. (Root ignores RLIMIT_NPROC; the supervisor uses a pids cgroup there.)
        allowed = _processes_of_this_user() + limits.max_processes
        settings.append((resource.RLIMIT_NPROC, allowed, allowed))
    for which, soft, hard in settings:
        _, current_hard = resource.getrlimit(which)
        if current_hard != resource.RLIM_INFINITY:
            hard = min(hard, current_hard)
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))


def _processes_of_this_user() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                count += os.stat(f"/proc/{entry}").st_uid == uid
            except OSError:
                continue  # it exited meanwhile
    return count
