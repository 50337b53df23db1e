"""The first code a supervised child runs: cgroup, limits, stack dumps, channel key; then the work.

    python -m grader.sandbox.child_main script TARGET.py [ARGS...]   run a program as __main__
    python -m grader.sandbox.child_main call REQUEST.json            call a learner's entry point

Everything here happens before any learner code, so the learner's processes
start limited, enrolled and dumpable, and the channel key is already out of
reach of `os.environ` and the fd table.
"""

from __future__ import annotations

import os
import runpy
import sys

from grader.sandbox.channel import receive_key
from grader.sandbox.childsetup import apply_limits, arm_stack_dumps, enroll_in_cgroup


def main() -> None:
    if len(sys.argv) < 3 or sys.argv[1] not in ("script", "call"):
        raise SystemExit(USAGE)
    enroll_in_cgroup()
    apply_limits()
    arm_stack_dumps()
    mode, target = sys.argv[1], sys.argv[2]
    if mode == "call":
        from grader.sandbox import bootstrap
        from grader.sandbox.runner import run_call

        bootstrap.install_in_process(receive_key())
        if bootstrap.sender is None:
            raise SystemExit("grader error: no record channel")
        run_call(target, bootstrap.sender)
        return
    sys.argv = sys.argv[2:]
    sys.path[0] = os.path.dirname(os.path.abspath(target))
    forced = os.environ.pop(START_METHOD_ENV, None)
    if forced:
        import multiprocessing

        multiprocessing.set_start_method(forced, force=True)
    runpy.run_path(target, run_name="__main__")


START_METHOD_ENV = "PREP_START_METHOD"  # script mode: run the program under this start method
USAGE = "usage: python -m grader.sandbox.child_main (script TARGET.py [ARGS...] | call REQUEST.json)"


if __name__ == "__main__":
    main()
