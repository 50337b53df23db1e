"""The child's side of a scenario: import the learner's module, call its entry point, report.

Runs after `child_main` has applied limits; everything it reports goes over
the authenticated channel, and the result as a JSON file whose digest is in
the signed end record. Nothing is pickled back to the grader.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import multiprocessing
import os
import sys
import time
import traceback

from grader.sandbox.channel import Sender

TYPE_CHECKING = False  # not `from typing import`: importing typing costs each spawned worker 3 ms

if TYPE_CHECKING:
    from typing import Any

CALLABLE_KEY = "$callable"  # {"$callable": "package.module:function"} in inputs


def resolve_inputs(value: Any) -> Any:
    """Turn `{"$callable": "mod:name"}` markers into the grader-supplied callables they name."""
    if isinstance(value, dict):
        if set(value) == {CALLABLE_KEY}:
            module, _, name = value[CALLABLE_KEY].partition(":")
            return getattr(importlib.import_module(module), name)
        return {k: resolve_inputs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_inputs(v) for v in value]
    return value


def learner_error(exc: BaseException, learner_file: str) -> dict[str, Any]:
    """The exception, with the deepest line of the learner's own file it passed through."""
    line = None
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in frames:
        if os.path.abspath(frame.filename) == learner_file:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename and os.path.abspath(exc.filename) == learner_file:
        line = exc.lineno
    return {"type": type(exc).__name__, "message": str(exc)[:500], "line": line}


def run_call(request_path: str, sender: Sender) -> None:
    request = json.loads(_read(request_path))
    learner_file = os.path.abspath(request["file"])
    multiprocessing.set_start_method(request["start_method"], force=True)
    sys.path.insert(0, os.path.dirname(learner_file))
    sender.send({"kind": "start", "pid": os.getpid(), "t": time.monotonic()})

    def end(status: str, **details: Any) -> None:
        sender.send({"kind": "end", "status": status, "t": time.monotonic(), **details})

    try:
        module = importlib.import_module(request["module"])
    except SystemExit as exc:
        return end("exited", phase="import", code=_exit_code(exc))
    except BaseException as exc:  # every failure of learner code is a verdict
        return end("import-error", error=learner_error(exc, learner_file))
    sender.send({"kind": "imported", "t": time.monotonic()})
    entry = getattr(module, request["entry"], None)
    if not callable(entry):
        return end("missing-entry", entry=request["entry"])
    inputs = resolve_inputs(request["inputs"])
    try:
        value = entry(**inputs)
    except SystemExit as exc:
        return end("exited", phase="call", code=_exit_code(exc))
    except BaseException as exc:
        return end("raised", error=learner_error(exc, learner_file))
    unjoined = unjoined_children()
    try:
        body = json.dumps({"value": value}).encode()
    except (TypeError, ValueError) as exc:
        return end("unserialisable", type=type(value).__name__, message=str(exc)[:300], unjoined=unjoined)
    _write(request["result_path"], body)
    end("returned", result_sha256=hashlib.sha256(body).hexdigest(), result_bytes=len(body), unjoined=unjoined)


def unjoined_children() -> list[dict[str, Any]]:
    """The processes this one started that nothing has waited for yet, as the entry point returns: still
    running (a join(timeout) that timed out, no join at all), or ended but never joined (a zombie).

    Read from multiprocessing's own list and /proc, never by waiting: waiting would reap them and hide
    exactly this. multiprocessing's exit handler joins them later, so after the exit it is too late to see.
    """
    from multiprocessing import process

    from grader.sandbox.processes import read_process  # loaded already in a zygote's child

    found: list[dict[str, Any]] = []
    try:
        children = list(process._children)
    except Exception:  # learner code that replaced multiprocessing's bookkeeping: this check is lost, not the run
        return found
    for child in children:
        popen = getattr(child, "_popen", None)
        if popen is None or popen.returncode is not None:
            continue  # waited for already
        # No such process: a forkserver's child, reaped by its server (it ended, but the learner never joined it).
        info = read_process(popen.pid)
        found.append({"pid": popen.pid, "name": str(child.name)[:60], "obj": getattr(child, "_prep_trace_id", None),
                      "state": "running" if info is not None and info.state not in ("Z", "X") else "ended"})
    return found[:50]


def _exit_code(exc: SystemExit) -> int | str | None:
    code = exc.code
    return code if code is None or isinstance(code, int) else str(code)[:200]


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _write(path: str, body: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(body)
