# expect: fail too-many-processes
# requires: cgroup
"""A fork bomb: every process forks again until refused."""
import os
import time


def map_with_pool(task, items, processes):
    for _ in range(200):
        try:
            if os.fork() == 0:
                time.sleep(30)
                os._exit(0)
        except OSError:
            break
    raise SystemExit(1)
