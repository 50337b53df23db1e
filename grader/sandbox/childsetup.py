"""Process set-up shared by the main child and spawned interpreters: cgroup and stack dumps."""

from __future__ import annotations

import faulthandler
import os
import signal

CGROUP_ENV = "PREP_SANDBOX_CGROUP"
DUMP_DIR_ENV = "PREP_SANDBOX_DUMPS"
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
