"""Resource limits for a supervised child (applied inside the child by `childsetup.apply_limits`)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


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
