"""The first code a supervised child runs: cgroup, limits, stack dumps, channel key; then the work.

    python -m grader.sandbox.child_main script TARGET.py [ARGS...]   run a program as __main__
    python -m grader.sandbox.child_main call REQUEST.json            call a learner's entry point

Everything here happens before any learner code, so the learner's processes
start limited, enrolled and dumpable, and the channel key is already out of
reach of `os.environ` and the fd table.
"""

from __future__ import annotations

import faulthandler
import os
import runpy
import signal
import sys

from grader.sandbox.channel import Sender, receive_key
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
    if len(sys.argv) < 3 or sys.argv[1] not in ("script", "call"):
        raise SystemExit(USAGE)
    enroll_in_cgroup()
    apply_in_child(Limits.from_env())
    arm_stack_dumps()
    key = receive_key()
    mode, target = sys.argv[1], sys.argv[2]
    if mode == "call":
        from grader.sandbox.runner import run_call

        sender = Sender.from_environment(key) if key else None
        if sender is None:
            raise SystemExit("grader error: no record channel")
        run_call(target, sender)
        return
    sys.argv = sys.argv[2:]
    sys.path[0] = os.path.dirname(os.path.abspath(target))
    runpy.run_path(target, run_name="__main__")


USAGE = "usage: python -m grader.sandbox.child_main (script TARGET.py [ARGS...] | call REQUEST.json)"


if __name__ == "__main__":
    main()
