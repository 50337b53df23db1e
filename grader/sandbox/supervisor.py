"""Run one child under supervision and report what happened, whatever happened.

The child starts in a new session with its output going to a file (a
grandchild holding a pipe open would hang us), under rlimits, in a pids
cgroup where we may make one. We read its record channel until it ends or
its time is up; on a timeout each of its processes is asked for a stack dump
before the whole tree is killed. Orphans come back to us (child subreaper)
and are found and killed too; `/dev/shm` entries multiprocessing leaves
behind and the private TMPDIR are removed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader.sandbox.cgroup import PidsCgroup
from grader.sandbox.channel import KEY_FD_ENV, RECORD_FD_ENV, hand_over_key
from grader.sandbox.childsetup import CGROUP_ENV, DUMP_DIR_ENV, DUMP_SIGNAL, LIMITS_ENV
from grader.sandbox.limits import Limits
from grader.sandbox.processes import ProcessInfo, all_processes, descendants, read_process, set_child_subreaper
from grader.sandbox.zygote import ForkedChild, shared_zygote

# The "dump" of a process that has ended and waits to be reaped: it cannot answer, and it is not stuck.
ENDED_UNREAPED = "<ended, never joined>"
DUMP_WAIT_S = 1.0  # at most (up to 3x on a loaded machine); a process that never answers is left empty
LEFTOVER_GRACE_S = 1.0  # after the main process exits, for helpers that are exiting too
SLOW_FACTOR = 2  # a busy (not blocked) tree may run this many times its wall limit
BUSY_SHARE = 0.05  # CPU seconds per wall second that count as progress
SHM = Path("/dev/shm")
SHM_PATTERNS = ("sem.mp-", "psm_", "mp-", "wnsm_")
Child = subprocess.Popen | ForkedChild  # a child started afresh, or forked from the zygote


@dataclass
class SupervisedRun:
    returncode: int | None  # None: it was killed by us (timeout or flood)
    duration_s: float
    output: str  # stdout
    output_truncated: bool
    errors: str = ""  # stderr, capped like stdout
    records: list[bytes] = field(default_factory=list)
    timed_out: bool = False
    exit_hung: bool = False  # sent its end record, then never exited
    flooded: bool = False
    stack_dumps: dict[int, str] = field(default_factory=dict)
    leftovers: list[ProcessInfo] = field(default_factory=list)  # alive after the main process ended
    process_limit_hit: bool = False
    isolated_by_cgroup: bool = False


def run_supervised(
    command: list[str],
    limits: Limits | None = None,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    is_end_record: Callable[[bytes], bool] | None = None,
    key: bytes | None = None,
) -> SupervisedRun:
    """Run `command` (whose program should be `-m grader.sandbox.child_main`) under supervision."""
    limits = limits or Limits()
    _prepare_this_process()
    workdir = Path(tempfile.mkdtemp(prefix="prep-sandbox-"))
    cgroup: PidsCgroup | None = None
    record_read = record_write = key_fd = -1
    proc: Child | None = None
    _shm_epoch_enter()
    try:
        (workdir / "tmp").mkdir()
        (workdir / "dumps").mkdir()
        cgroup = PidsCgroup.create(limits.max_processes)
        record_read, record_write = os.pipe()
        key_fd = hand_over_key(key) if key is not None else -1
        passed = (record_write,) if key_fd < 0 else (record_write, key_fd)
        child_env = dict(env if env is not None else os.environ)
        child_env.update({
            "TMPDIR": str(workdir / "tmp"),
            DUMP_DIR_ENV: str(workdir / "dumps"),
            LIMITS_ENV: limits.to_env(),
            RECORD_FD_ENV: str(record_write),
            "PYTHONDONTWRITEBYTECODE": "1",
        })
        if cgroup:
            child_env[CGROUP_ENV] = str(cgroup.procs_file)
        if key_fd >= 0:
            child_env[KEY_FD_ENV] = str(key_fd)
        output_path, errors_path = workdir / "output", workdir / "errors"
        started = time.monotonic()
        with open(output_path, "wb") as output, open(errors_path, "wb") as errors:
            proc = _start(command, child_env, cwd, output.fileno(), errors.fileno(), passed)
        os.close(record_write)
        record_write = -1  # closed: never close again a number another thread may have reused
        if key_fd >= 0:
            os.close(key_fd)
            key_fd = -1
        run = _watch(proc, record_read, (output_path, errors_path), limits, started, cgroup, workdir, is_end_record)
        run.isolated_by_cgroup = cgroup is not None
        return run
    finally:
        if proc is not None:
            if proc.poll() is None:  # interrupted while watching: nothing of the learner's may outlive us
                _kill_tree(proc, cgroup)
                proc.wait()
            with _children_lock:
                _our_children.discard(proc.pid)
        for fd in (record_write, key_fd, record_read):
            if fd >= 0:
                os.close(fd)
        if cgroup and not cgroup.remove(reap=lambda: _reap_adopted(-1)):
            cgroup.kill_all()
            cgroup.remove(reap=lambda: _reap_adopted(-1))
        _shm_epoch_exit()
        shutil.rmtree(workdir, ignore_errors=True)


@functools.cache
def _prepare_this_process() -> None:
    """Once per process: orphans of the learner's tree must come back to us (without that, a child
    forked by the zygote could not be waited for, so the zygote is not used); and the grader's
    bytecode is written once, since every spawned interpreter of the tree imports its bootstrap and
    compiling it afresh in each (PYTHONDONTWRITEBYTECODE) costs more than the exercise."""
    if not set_child_subreaper():
        shared_zygote().broken = True
    import compileall

    from grader.paths import PACKAGE_DIR

    with contextlib.suppress(OSError):
        compileall.compile_dir(PACKAGE_DIR, quiet=2, workers=1)


def _start(command: list[str], env: dict[str, str], cwd: Path | None, output: int, errors: int,
           passed: tuple[int, ...]) -> Child:
    """Start the child in a new session and register it as ours: forked from the zygote when the
    command is child_main's (most of a child's start-up is already done there), else a fresh process."""
    zygote = shared_zygote()
    if command[1:3] == ["-m", CHILD_MAIN] and not zygote.broken:
        fds = {name: int(env[name]) for name in (RECORD_FD_ENV, KEY_FD_ENV) if name in env}
        with _children_lock:
            launched = zygote.launch(command[3:], env, str(cwd or os.getcwd()), output, errors, fds)
            if launched is not None:
                _our_children.add(launched[0])
        if launched is not None:
            zygote.release(*launched)
            return ForkedChild(launched[0])
    with _children_lock:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=errors, cwd=cwd, env=env,
                                pass_fds=passed, start_new_session=True)
        _our_children.add(proc.pid)
    return proc


def _watch(proc: Child, record_fd: int, outputs: tuple[Path, Path], limits: Limits, started: float,
           cgroup: PidsCgroup | None, workdir: Path, is_end_record: Callable[[bytes], bool] | None) -> SupervisedRun:
    records: list[bytes] = []
    pending = b""
    deadline = started + limits.wall_s
    timed_out = exit_hung = flooded = False
    ended = False
    flood_bytes = limits.output_bytes * 4
    open_fd = True
    last_cpu, last_check = 0.0, started
    ended_at = started
    while True:
        now = time.monotonic()
        wait = max(0.0, min(0.02, deadline - now))
        ready = select.select([record_fd], [], [], wait)[0] if open_fd else (time.sleep(wait) or [])
        if ready:
            chunk = os.read(record_fd, 65536)
            if not chunk:
                open_fd = False
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if len(records) < 100_000:
                    records.append(line)
                if not ended and is_end_record and is_end_record(line):
                    ended = True
                    # From the end record on, the program has its exit grace, even if that goes past the
                    # wall limit: on a loaded machine the work may have used most of it.
                    ended_at = time.monotonic()
                    deadline = ended_at + limits.exit_grace_s
        if proc.poll() is not None:
            break
        if sum(_size(path) for path in outputs) > flood_bytes:
            flooded = True
            break
        if time.monotonic() >= deadline:
            # A tree that is still using CPU (or waiting for it) on a loaded machine is slow, not hung:
            # give it more time, up to SLOW_FACTOR times its limit. A deadlocked tree sleeps.
            now = time.monotonic()
            cpu, runnable = _tree_activity(_tree(proc.pid, cgroup))
            progressing = runnable or cpu - last_cpu > BUSY_SHARE * (now - last_check)
            last_cpu, last_check = cpu, now
            patience = ended_at + limits.exit_grace_s * SLOW_FACTOR if ended else started + limits.wall_s * SLOW_FACTOR
            if progressing and now < patience:
                deadline = now + 0.5
                continue
            timed_out, exit_hung = not ended, ended
            break
    tree = _tree(proc.pid, cgroup)
    dumps: dict[int, str] = {}
    if timed_out or exit_hung:
        dumps = _stack_dumps(tree, workdir / "dumps")
    main_exited = proc.poll() is not None
    if main_exited:
        # multiprocessing's helpers (resource tracker, fork server) exit just after the main process.
        tree = _settle(proc.pid, cgroup, tree)
    leftovers = [
        info for pid in sorted(tree)
        if pid != proc.pid and (info := read_process(pid, with_cmdline=True)) and info.state != "Z"
    ]
    limit_hit = _limit_hit(cgroup, tree, limits)  # before the kill: afterwards the tree is gone
    _kill_tree(proc, cgroup)
    code = proc.wait()
    returncode = code if main_exited else None
    # Drain what the child wrote before it died.
    with contextlib.suppress(OSError):
        while select.select([record_fd], [], [], 0)[0]:
            chunk = os.read(record_fd, 65536)
            if not chunk:
                break
            pending += chunk
    records.extend(line for line in pending.split(b"\n") if line)
    output, truncated = _read_capped(outputs[0], limits.output_bytes)
    errors, errors_truncated = _read_capped(outputs[1], limits.output_bytes)
    return SupervisedRun(
        returncode=returncode, duration_s=time.monotonic() - started, output=output,
        output_truncated=truncated or errors_truncated, errors=errors,
        records=records, timed_out=timed_out, exit_hung=exit_hung, flooded=flooded, stack_dumps=dumps,
        leftovers=leftovers if main_exited else [], process_limit_hit=limit_hit,
    )


def _tree(pid: int, cgroup: PidsCgroup | None) -> set[int]:
    """The child and everything it started: cgroup members, its session, its descendants, our orphans."""
    processes = all_processes()
    members = set(cgroup.members()) if cgroup else set()
    session = {p.pid for p in processes if p.sid == pid}
    me = os.getpid()
    with _children_lock:
        concurrent_runs = set(_our_children) - {pid} | {shared_zygote().pid}
    # An orphan re-parented to us that kept the child's session, or made its own with setsid();
    # the children of concurrent runs also have their own sessions, and are not ours to kill.
    adopted = {
        p.pid for p in processes
        if p.ppid == me and p.pid != pid and p.sid in (pid, p.pid) and p.pid not in concurrent_runs
    }
    return descendants(members | session | adopted | {pid}, processes)


def _settle(pid: int, cgroup: PidsCgroup | None, tree: set[int]) -> set[int]:
    """The tree once the processes that are exiting anyway have gone, waiting at most LEFTOVER_GRACE_S."""
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    while True:
        alive = {p for p in tree if p != pid and (info := read_process(p)) and info.state != "Z"}
        if not alive or time.monotonic() > deadline:
            return alive | {pid}
        time.sleep(0.02)
        tree = _tree(pid, cgroup)


def _tree_activity(tree: set[int]) -> tuple[float, bool]:
    """CPU seconds the tree has used so far, and whether any of its processes is runnable."""
    infos = [info for pid in tree if (info := read_process(pid)) is not None]
    return sum(info.cpu_s for info in infos), any(info.state == "R" for info in infos)


def _limit_hit(cgroup: PidsCgroup | None, tree: set[int], limits: Limits) -> bool:
    """The tree ran into its process limit: the cgroup says so, or (RLIMIT_NPROC, no cgroup) it was full."""
    if cgroup is not None:
        return cgroup.limit_was_hit()
    tasks = 0
    for pid in tree:  # RLIMIT_NPROC counts threads as well as processes
        with contextlib.suppress(OSError):
            tasks += len(os.listdir(f"/proc/{pid}/task"))
    return tasks >= limits.max_processes - 1


def _stack_dumps(tree: set[int], folder: Path) -> dict[int, str]:
    """Ask every process of the tree for its stacks; wait (briefly) until each has written them."""
    asked = set()
    dumps: dict[int, str] = {}
    for pid in tree:
        if (info := read_process(pid)) is not None and info.state == "Z":
            dumps[pid] = ENDED_UNREAPED
            continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, DUMP_SIGNAL)
            asked.add(pid)
    # A loaded machine answers slowly: wait longer when every core already has work queued.
    load = os.getloadavg()[0] / (os.cpu_count() or 1) if hasattr(os, "getloadavg") else 0.0
    deadline = time.monotonic() + DUMP_WAIT_S * min(3.0, max(1.0, load))
    sizes: dict[int, int] = {}
    while True:
        time.sleep(0.03)
        for pid in asked - set(dumps):
            path = folder / f"{pid}.txt"
            with contextlib.suppress(OSError):
                size = path.stat().st_size
                # faulthandler writes a dump in many small writes: take it once it has stopped growing.
                if size and sizes.get(pid) == size:
                    dumps[pid] = path.read_text(errors="replace").strip()
                sizes[pid] = size
        if set(dumps) >= asked or time.monotonic() > deadline:
            for pid in asked - set(dumps):  # whatever arrived of the slow ones; "" for silence
                text = ""
                with contextlib.suppress(OSError):
                    text = (folder / f"{pid}.txt").read_text(errors="replace").strip()
                dumps[pid] = text
            return dumps


def _kill_tree(proc: Child, cgroup: PidsCgroup | None) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if cgroup:
        cgroup.kill_all()
    for _ in range(50):
        tree = _tree(proc.pid, cgroup) - {proc.pid}
        alive = [pid for pid in tree if (info := read_process(pid)) and info.state != "Z"]
        for pid in alive:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        _reap_adopted(proc.pid)
        if not alive:
            return
        time.sleep(0.01)


def _reap_adopted(popen_pid: int) -> None:
    """Collect zombies re-parented to us, by pid: waitpid(-1) would steal a Popen child's status."""
    me = os.getpid()
    with _children_lock:
        ours = set(_our_children) | {popen_pid, shared_zygote().pid}
    for info in all_processes():
        if info.ppid == me and info.pid not in ours and info.state == "Z":
            with contextlib.suppress(ChildProcessError):
                os.waitpid(info.pid, os.WNOHANG)


# Children started by concurrent runs: their statuses belong to their Popen objects.
_children_lock = threading.Lock()
_our_children: set[int] = set()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_capped(path: Path, cap: int) -> tuple[str, bool]:
    with open(path, "rb") as handle:
        data = handle.read(cap + 1)
    return data[:cap].decode("utf-8", errors="replace"), len(data) > cap


# /dev/shm entries have random names, so a run cannot tell its own from a concurrent run's:
# the last of a group of overlapping runs removes what appeared while the group ran.
_shm_lock = threading.Lock()
_shm_active = 0
_shm_before: set[str] = set()


def _shm_entries() -> set[str]:
    try:
        return {name for name in os.listdir(SHM) if name.startswith(SHM_PATTERNS)}
    except OSError:
        return set()


def _shm_epoch_enter() -> None:
    global _shm_active, _shm_before
    with _shm_lock:
        if _shm_active == 0:
            _shm_before = _shm_entries()
        _shm_active += 1


def _shm_epoch_exit() -> None:
    global _shm_active
    with _shm_lock:
        _shm_active -= 1
        if _shm_active == 0:
            new = _shm_entries() - _shm_before
            # Another grader (another prep process) may be using entries that appeared meanwhile:
            # only what no live process maps or holds open is a leftover.
            in_use = _shm_inodes_in_use() if new else set()
            for name in new:
                with contextlib.suppress(OSError):
                    if (SHM / name).stat().st_ino not in in_use:
                        (SHM / name).unlink()


def _shm_inodes_in_use() -> set[int]:
    """Inodes of /dev/shm files that some process maps or has open.

    By inode, not name: sem_open maps a temporary file and only then links it under its final
    name, so /proc/PID/maps shows the temporary name.
    """
    used: set[int] = set()
    prefix = f"{SHM}/"
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError), open(f"/proc/{entry}/maps") as maps:
            for line in maps:
                if prefix in line:
                    used.add(int(line.split()[4]))
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{entry}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{entry}/fd/{fd}").startswith(prefix):
                        used.add(os.stat(f"/proc/{entry}/fd/{fd}").st_ino)
    return used


CHILD_MAIN = "grader.sandbox.child_main"


def child_command(target: Path, *args: str) -> list[str]:
    """The command that runs the program `target` as a supervised child with this interpreter."""
    return [sys.executable, "-m", CHILD_MAIN, "script", str(target), *args]


def call_command(request: Path) -> list[str]:
    """The command that calls a learner's entry point as described by the `request` file."""
    return [sys.executable, "-m", CHILD_MAIN, "call", str(request)]
