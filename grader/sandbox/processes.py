"""What /proc says about the processes on this machine (Linux)."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    ppid: int
    sid: int
    state: str  # R, S, D, Z (zombie), T...
    command: str
    cpu_s: float = 0.0  # user + system CPU time so far
    cmdline: str = ""  # filled by read_process(..., with_cmdline=True)


def read_process(pid: int, with_cmdline: bool = False) -> ProcessInfo | None:
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may itself contain spaces or parentheses.
    command = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()
    cmdline = ""
    if with_cmdline:
        with contextlib.suppress(OSError):
            cmdline = (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    cpu_s = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return ProcessInfo(pid, int(fields[1]), int(fields[3]), fields[0], command, cpu_s, cmdline)


def all_processes() -> list[ProcessInfo]:
    found = []
    for entry in os.listdir(PROC):
        if entry.isdigit():
            info = read_process(int(entry))
            if info is not None:
                found.append(info)
    return found


def descendants(roots: set[int], processes: list[ProcessInfo]) -> set[int]:
    """Every process below `roots` by parent links (the roots included)."""
    children: dict[int, list[int]] = {}
    for info in processes:
        children.setdefault(info.ppid, []).append(info.pid)
    found, stack = set(), list(roots)
    while stack:
        pid = stack.pop()
        if pid not in found:
            found.add(pid)
            stack.extend(children.get(pid, ()))
    return found


def set_child_subreaper() -> bool:
    """Make orphaned descendants re-parent to this process instead of init (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_child_subreaper = 36
        return libc.prctl(pr_set_child_subreaper, 1, 0, 0, 0) == 0
    return False
