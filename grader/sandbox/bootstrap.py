"""Setting up a process of the learner's tree: channel, trace, and the relay to spawned children.

The main child calls `install_in_process` from `child_main`. Interpreters
started by spawn or forkserver run `install_spawned` from `site/sitecustomize.py`
(on their PYTHONPATH): they get the record fd and a fresh one-shot key pipe
from their parent through the wrapped `multiprocessing.util.spawnv_passfds`.
Forked children inherit everything already installed.
"""

from __future__ import annotations

import os

from grader.sandbox import trace
from grader.sandbox.channel import KEY_FD_ENV, Sender, hand_over_key, receive_key

LEARNER_FILE_ENV = "PREP_LEARNER_FILE"
SPAWNED_ENV = "PREP_SPAWNED"
SITE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "site")

sender: Sender | None = None


def install_in_process(key: bytes | None) -> None:
    global sender
    if key is None:
        return
    sender = Sender.from_environment(key)
    if sender is None:
        return
    learner = os.environ.get(LEARNER_FILE_ENV)
    if learner:
        trace.install(learner, sender.send)
    _relay_to_spawned_children(key, sender.fd)


def install_spawned() -> None:
    from grader.sandbox.childsetup import arm_stack_dumps

    arm_stack_dumps()
    install_in_process(receive_key())


def _relay_to_spawned_children(key: bytes, record_fd: int) -> None:
    import multiprocessing.util as util
    import threading

    original = util.spawnv_passfds
    if getattr(original, "_prep_relay", False):
        return
    # The key pipe is named in the environment, which is the whole process's: a Pool's worker-handler
    # thread may spawn a replacement while the main thread spawns, so one spawn at a time.
    one_at_a_time = threading.Lock()

    def spawnv_passfds(path, args, passfds):
        with one_at_a_time:
            key_fd = hand_over_key(key)
            os.environ[KEY_FD_ENV] = str(key_fd)
            os.environ[SPAWNED_ENV] = "1"
            try:
                return original(path, args, [*passfds, key_fd, record_fd])
            finally:
                os.environ.pop(KEY_FD_ENV, None)
                os.environ.pop(SPAWNED_ENV, None)
                os.close(key_fd)

    spawnv_passfds._prep_relay = True  # type: ignore[attr-defined]
    util.spawnv_passfds = spawnv_passfds
