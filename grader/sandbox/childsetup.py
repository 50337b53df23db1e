"""Process set-up in the child before learner code: cgroup, rlimits, stack dumps.

Every spawned interpreter of the learner's tree imports this module, so it stays light.
"""

from __future__ import annotations

import faulthandler
import json
import os
import signal

CGROUP_ENV = "PREP_SANDBOX_CGROUP"
DUMP_DIR_ENV = "PREP_SANDBOX_DUMPS"
LIMITS_ENV = "PREP_SANDBOX_LIMITS"  # JSON of `limits.Limits`
DUMP_SIGNAL = signal.SIGUSR1

_dump_file = None


def enroll_in_cgroup() -> None:
    procs = os.environ.pop(CGROUP_ENV, None)
    if procs:
        with open(procs, "w") as handle:
            handle.write(str(os.getpid()))


def arm_stack_dumps() -> None:
    """On DUMP_SIGNAL, write every thread's stack to DUMP_DIR/<pid>.txt; forked children too."""
    folder = os.environ.get(DUMP_DIR_ENV)
    if not folder:
        return

    def arm() -> None:
        global _dump_file
        _dump_file = open(os.path.join(folder, f"{os.getpid()}.txt"), "w")  # noqa: SIM115 - lives as long as us
        faulthandler.register(DUMP_SIGNAL, file=_dump_file, all_threads=True, chain=False)

    arm()
    os.register_at_fork(after_in_child=arm)


def apply_limits() -> None:
    """Set this process's rlimits from the supervisor's `Limits` (inherited by everything it starts)."""
    import resource

    raw = os.environ.get(LIMITS_ENV)
    if not raw:
        return
    limits = json.loads(raw)
    mb = 1024 * 1024
    settings = [
        (resource.RLIMIT_CPU, limits["cpu_s"], limits["cpu_s"] + 2),
        (resource.RLIMIT_AS, limits["address_space_mb"] * mb, limits["address_space_mb"] * mb),
        (resource.RLIMIT_NOFILE, limits["open_files"], limits["open_files"]),
        (resource.RLIMIT_FSIZE, limits["file_size_mb"] * mb, limits["file_size_mb"] * mb),
        (resource.RLIMIT_CORE, 0, 0),
    ]
    if os.geteuid() != 0:
        # Without a cgroup, RLIMIT_NPROC counts every task (thread) of this user: allow what runs now
        # plus the tree's share. (Root ignores RLIMIT_NPROC; the supervisor uses a pids cgroup there.)
        allowed = _processes_of_this_user() + limits["max_processes"]
        settings.append((resource.RLIMIT_NPROC, allowed, allowed))
    for which, soft, hard in settings:
        _, current_hard = resource.getrlimit(which)
        if current_hard != resource.RLIM_INFINITY:
            hard = min(hard, current_hard)
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))


def _processes_of_this_user() -> int:
    """Tasks (processes and their threads) this user runs now: RLIMIT_NPROC counts threads too."""
    uid = os.getuid()
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                continue  # it exited meanwhile
    return count
