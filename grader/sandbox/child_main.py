"""The first code a supervised child runs: limits, cgroup, stack dumps; then the target.

    python -m grader.sandbox.child_main TARGET.py [ARGS...]

Everything here happens before any learner code, so the learner's processes
start limited, enrolled and dumpable.
"""

from __future__ import annotations

import faulthandler
import os
import runpy
import signal
import sys

from grader.sandbox.limits import Limits, apply_in_child

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


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit("usage: python -m grader.sandbox.child_main TARGET.py [ARGS...]")
    enroll_in_cgroup()
    apply_in_child(Limits.from_env())
    arm_stack_dumps()
    target = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.abspath(target))
    runpy.run_path(target, run_name="__main__")


if __name__ == "__main__":
    main()
