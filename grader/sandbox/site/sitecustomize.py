"""Loaded by every interpreter of a sandboxed learner tree (this folder is on PYTHONPATH).

Only interpreters started by spawn or forkserver from a traced process act:
they install the channel and the trace before running any learner code.
"""

import os

if os.environ.pop("PREP_SPAWNED", None) == "1":
    from grader.sandbox.bootstrap import install_spawned

    install_spawned()
