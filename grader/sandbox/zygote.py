"""A pre-started interpreter that forks each sandboxed child, so a child does not pay for start-up.

Starting Python and importing what a child needs (the channel, the trace,
multiprocessing) costs a scenario about 60 ms of CPU; a grading runs dozens
of scenarios. The zygote pays it once: it imports all of that, then waits
on a socket. For each child the supervisor sends the command line, the
environment, the folder and the file descriptors (stdout, stderr, record
pipe, key pipe); the zygote forks, and that fork forks the child and exits,
so the child is re-parented to the supervisor (a child subreaper) and is
waited for like any other child. The child starts its own session, then
waits for the supervisor's "go" (sent once the supervisor has registered
it), and runs `child_main` exactly as a freshly started interpreter would.

Learner code never runs in the zygote, only in forks of it; the zygote
forks one child at a time, with no thread running. Where anything about this
does not work (no `socket.send_fds`, no subreaper), the supervisor starts
each child with a plain `Popen`.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time

from grader.sandbox.processes import read_process

DISABLE_ENV = "PREP_NO_ZYGOTE"  # set to 1 to start every child with Popen
_PID = struct.Struct("!q")
_HEADER = struct.Struct("!I")
START_TIMEOUT_S = 10.0
# Imported once in the zygote, so that its children start with them loaded.
PRELOAD = (
    "grader.sandbox.child_main", "grader.sandbox.runner", "grader.sandbox.bootstrap", "grader.sandbox.trace",
    "multiprocessing.connection", "multiprocessing.pool", "multiprocessing.queues", "multiprocessing.synchronize",
    "multiprocessing.popen_fork", "multiprocessing.popen_spawn_posix", "multiprocessing.popen_forkserver",
    "multiprocessing.spawn", "multiprocessing.resource_tracker", "multiprocessing.forkserver",
    "runpy", "traceback", "resource", "faulthandler",
)


class ForkedChild:
    """A child the zygote started, now ours: the parts of `subprocess.Popen` the supervisor uses."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return None  # not re-parented to us yet
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        while self.returncode is None:
            try:
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                time.sleep(0.001)
        return self.returncode


class Zygote:
    """The supervisor's side: start the zygote once, then ask it for children."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None
        self.broken = not hasattr(socket, "send_fds") or os.environ.get(DISABLE_ENV) == "1"

    @property
    def pid(self) -> int | None:
        """The zygote's own pid: our child, but no run's to kill or reap."""
        process = self._process
        return process.pid if process is not None else None

    def launch(self, argv: list[str], env: dict[str, str], cwd: str, stdout: int, stderr: int,
               passed: dict[str, int]) -> tuple[int, int] | None:
        """Fork a child that will run `python -m grader.sandbox.child_main ARGV`; None if the zygote cannot.

        `passed` maps environment variables to the descriptors they name (the record and key pipes).
        Returns the child's pid and the "go" descriptor: register the pid, then call `release`.
        """
        with self._lock:
            if self.broken or not self._ready():
                return None
            go_read, go_write = os.pipe()
            names = sorted(passed)
            payload = json.dumps({"argv": argv, "env": env, "cwd": cwd, "passed": names}).encode()
            try:
                assert self._socket is not None
                socket.send_fds(self._socket, [_HEADER.pack(len(payload)), payload],
                                [stdout, stderr, go_read, *(passed[n] for n in names)])
                pid = _PID.unpack(_receive(self._socket, _PID.size))[0]
            except (OSError, struct.error):
                self._stop()
                os.close(go_write)
                return None
            finally:
                os.close(go_read)
            return pid, go_write

    @staticmethod
    def release(pid: int, go: int) -> None:
        """Let the registered child run, once it is our child (its first parent exits at once)."""
        deadline = time.monotonic() + 2.0
        while (info := read_process(pid)) and info.ppid != os.getpid() and time.monotonic() < deadline:
            time.sleep(0.0005)
        with contextlib.suppress(OSError):
            os.write(go, b"g")
        os.close(go)

    def _ready(self) -> bool:
        if self._process is not None and self._process.poll() is None:
            return True
        try:
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
            self._process = subprocess.Popen(
                [sys.executable, "-m", "grader.sandbox.zygote", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, start_new_session=True,
            )
            theirs.close()
            ours.settimeout(START_TIMEOUT_S)
            if _receive(ours, 1) != b"R":
                raise OSError("the zygote did not start")
            self._socket = ours
            return True
        except (OSError, subprocess.SubprocessError):
            self._stop()
            self.broken = True
            return False

    def _stop(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._process.kill()
            self._process.wait()
            self._process = None

    def stop(self) -> None:
        with self._lock:
            self._stop()


def _receive(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise OSError("the zygote closed its socket")
        data += chunk
    return data


_shared: Zygote | None = None
_shared_lock = threading.Lock()


def shared_zygote() -> Zygote:
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Zygote()
        return _shared


def shutdown() -> None:
    """Stop the zygote (it also dies with this process)."""
    with _shared_lock:
        if _shared is not None:
            _shared.stop()


# -- the zygote's side --------------------------------------------------------


def _serve(fd: int) -> tuple[dict, list[int]] | None:
    """Fork a child per request; returns only in a child, with its request."""
    import importlib

    # No PR_SET_PDEATHSIG: it fires when the *thread* that started us ends. When the grader dies, the
    # socket reaches EOF and the loop below returns.
    sock = socket.socket(fileno=fd)
    for name in PRELOAD:
        importlib.import_module(name)
    sock.sendall(b"R")
    while True:
        try:
            header, fds, _, _ = socket.recv_fds(sock, _HEADER.size, 16)
            if not header:
                return None
            payload = _receive(sock, _HEADER.unpack(header)[0])
        except OSError:
            return None
        first = os.fork()
        if first == 0:
            child = os.fork()
            if child == 0:
                sock.close()
                return json.loads(payload), fds
            sock.sendall(_PID.pack(child))
            os._exit(0)
        for received in fds:
            os.close(received)
        os.waitpid(first, 0)


def _become_child(request: dict, fds: list[int]) -> None:
    """In the forked child: a new session, its own descriptors and environment, then child_main."""
    os.setsid()
    stdout, stderr, go, *passed = fds
    if os.read(go, 1) != b"g":  # the supervisor gave up on us
        os._exit(1)
    os.close(go)
    devnull = os.open(os.devnull, os.O_RDONLY)
    for source, target in ((devnull, 0), (stdout, 1), (stderr, 2)):
        os.dup2(source, target)
    env = dict(request["env"])
    for name, fd in zip(request["passed"], passed, strict=True):
        env[name] = str(fd)
    keep = {0, 1, 2, *passed}
    for entry in os.listdir("/proc/self/fd"):
        number = int(entry)
        if number not in keep:
            with contextlib.suppress(OSError):
                os.close(number)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(env)
    sys.dont_write_bytecode = True
    sys.path[0] = request["cwd"]  # as `python -m` started in that folder would have it
    sys.argv = [sys.argv[0], *request["argv"]]
    import multiprocessing

    # What a fresh interpreter would have of its own: an authkey (for managers and listeners) not shared
    # with every other child of the zygote, and child_main as the main module spawned workers re-import.
    multiprocessing.current_process().authkey = os.urandom(32)
    from grader.sandbox import child_main

    sys.modules["__main__"] = child_main
    child_main.main()


if __name__ == "__main__":
    job = _serve(int(sys.argv[1]))
    if job is not None:
        _become_child(*job)
