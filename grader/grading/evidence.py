"""What hidden tests ask of an observation: the learner's calls, the returned value, a hang's cause.

Hidden tests fail by raising `RuleBroken`, which carries the rule id, the
learner's line and the message from `messages.RULES`; the test's own source
is never shown.
"""

from __future__ import annotations

import ast
import importlib
import linecache
import re
from dataclasses import dataclass
from typing import Any

from grader.grading.messages import describe
from grader.sandbox.observe import Observation
from grader.sandbox.supervisor import ENDED_UNREAPED


class RuleBroken(AssertionError):
    def __init__(self, rule: str, line: int | None = None, **details: Any):
        self.rule = rule
        self.line = line
        self.message = describe(rule, line=line, **details)
        super().__init__(self.message)


@dataclass(frozen=True)
class Scenario:
    entry: str
    inputs: dict[str, Any]
    wall_s: float = 5.0


def not_the_cpu_count(processes: int) -> int:
    """A pool size that differs from os.cpu_count(), so that Pool(os.cpu_count()) or Pool() cannot
    pass for Pool(processes) on the machine that grades."""
    import os

    return processes + 1 if processes == os.cpu_count() else processes


def task(name: str) -> dict[str, str]:
    """A grader-supplied task, named for the child to import."""
    return {"$callable": f"grader.tasks:{name}"}


def scenario_input(scenario: Scenario, name: str) -> Any:
    """One input of a scenario as the learner's function gets it: a grader-supplied object is looked up."""
    value = scenario.inputs[name]
    if isinstance(value, dict) and "$callable" in value:
        module, _, attribute = value["$callable"].partition(":")
        return getattr(importlib.import_module(module), attribute)
    return value


# Kinds of calls several exercises look for (a JoinableQueue's put and get are recorded as Queue's).
PUTS = ("Queue.put", "Queue.put_nowait", "SimpleQueue.put")
GETS = ("Queue.get", "Queue.get_nowait", "SimpleQueue.get")
STOPS = ("Process.terminate", "Process.kill")
# Where a process blocked in join() or in get() sits when its stack is dumped (innermost function).
WAITING_IN_JOIN = ("wait", "poll", "join", "_wait_for_tstate_lock", "select")
WAITING_IN_GET = ("get", "_recv", "_recv_bytes", "recv_bytes", "read", "acquire", "poll", "_poll", "wait")


def main_pid(seen: Observation) -> int | None:
    starts = seen.records.of_kind("start")
    return starts[0].get("pid") if starts else None


def calls(seen: Observation, *whats: str, in_main: bool = True) -> list[dict[str, Any]]:
    """The learner's calls of the given kinds (of every kind if none is given), in time order; by default
    those of the main process."""
    pid = main_pid(seen)
    return [c for c in seen.calls if (not whats or c["what"] in whats) and (not in_main or c["pid"] == pid)]


def child_calls(seen: Observation, *whats: str) -> list[dict[str, Any]]:
    """The calls of the given kinds (of every kind if none is given) made in child processes, in time order."""
    pid = main_pid(seen)
    return [c for c in calls(seen, *whats, in_main=False) if c["pid"] != pid]


def calls_by_pid(seen: Observation) -> dict[int, list[dict[str, Any]]]:
    """Every call made in a child process, per process, in time order."""
    found: dict[int, list[dict[str, Any]]] = {}
    for call in child_calls(seen):
        found.setdefault(call["pid"], []).append(call)
    return found


def first_line(*found: list[dict[str, Any]]) -> int | None:
    """The line of the first call in the first non-empty list of calls, or None if all are empty."""
    return next((calls_[0]["line"] for calls_ in found if calls_), None)


def capped_window(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One process's records up to the first the trace capped: past it, calls of that kind are no longer
    recorded, so what follows is incomplete."""
    capped = [r["t"] for r in records if r.get("capped")]
    return [r for r in records if r["t"] <= min(capped)] if capped else records


def hung(seen: Observation, *, at_exit: bool = False) -> bool:
    """The run was stopped at its time limit before the learner's function returned (so it has no verdict);
    with at_exit, a run that returned but then could not exit counts as hung too."""
    run = seen.run
    if run is None:
        return False
    return (seen.status == "no-verdict" and run.timed_out) or (at_exit and run.exit_hung)


def require_value(seen: Observation, entry: str) -> Any:
    """The returned value, or the rule that explains why there is none."""
    if seen.status == "returned":
        if seen.run and seen.run.exit_hung:
            raise RuleBroken("exit-hang", entry=entry, blocked=_blocked_suffix(seen))
        return seen.value
    if seen.status == "raised":
        error = seen.error or {}
        if still_the_stub(seen):
            raise RuleBroken("not-implemented", error.get("line"), entry=entry)
        _raise_for_local_callables(seen)
        where = f" at line {error['line']}" if error.get("line") else ""
        raise RuleBroken("crashed", error.get("line"), entry=entry, type=error.get("type"),
                         message=error.get("message"), where=where)
    if seen.status == "import-error":
        error = seen.error or {}
        where = f" at line {error['line']}" if error.get("line") else ""
        raise RuleBroken("import-error", error.get("line"), type=error.get("type"), message=error.get("message"),
                         where=where)
    if seen.status in ("missing-entry", "exited", "unserialisable"):
        rule = "missing-entry" if seen.status == "missing-entry" else "exited"
        raise RuleBroken(rule, reason=seen.reason, entry=entry)
    _raise_for_local_callables(seen)
    lost = lost_pool_task_line(seen)
    if lost is not None:
        closed = calls(seen, "Manager.__exit__", "Manager.shutdown")
        if closed:
            # The workers' tasks needed the manager's objects; with the manager gone they failed in a way the
            # pool cannot report (the proxy could not even be rebuilt), and get() waits for ever.
            raise RuleBroken("manager-closed-too-early", closed[0]["line"], waiting=f"line {lost}" if lost else
                             "the main process")
        raise RuleBroken("dead-worker", lost or None,
                         waiting=f"get() at line {lost}" if lost else "the main process")
    blocked = blocked_lines(seen)
    raise RuleBroken("no-verdict", blocked[0][1] if blocked else None,
                     reason=f"{seen.reason}{_blocked_suffix(seen)}")


def still_the_stub(seen: Observation) -> bool:
    """The entry point raised NotImplementedError from a `raise NotImplementedError` line of the learner's
    file: the stub's body is still there. One raised by something the learner's code called (indexing a
    memoryview of doubles, say) is the learner's own crash, reported as such."""
    error = seen.error or {}
    if seen.status != "raised" or error.get("type") != "NotImplementedError":
        return False
    line, tree = error.get("line"), learner_tree(seen)
    if not line or tree is None:
        return True
    return any(isinstance(node, ast.Raise) and node.lineno <= line <= (node.end_lineno or node.lineno)
               and _names_not_implemented(node.exc) for node in ast.walk(tree))


def _names_not_implemented(exc: ast.expr | None) -> bool:
    if isinstance(exc, ast.Call):
        exc = exc.func
    return (isinstance(exc, ast.Name) and exc.id == "NotImplementedError") or (
        isinstance(exc, ast.Attribute) and exc.attr == "NotImplementedError")


def require_results(seen: Observation, entry: str, items: list, expected: list) -> None:
    """The entry point returned exactly `expected` for `items`."""
    got = require_value(seen, entry)
    if got != expected:
        raise RuleBroken("results-in-order", entry=entry, items=items, got=got, expected=expected)


def require_ran(seen: Observation, entry: str) -> None:
    """The learner's code ran to a return or to its own exception, so its trace is worth judging."""
    # A value that cannot be sent back still shows the learner's code ran to its return.
    if seen.status in ("returned", "unserialisable") or (seen.status == "raised" and not still_the_stub(seen)):
        return
    require_value(seen, entry)


def pool_size(size: int | None) -> str:
    """A Pool's size as a message tells it: the `processes` the pool was made with, or the default."""
    return "the default size (one worker per CPU)" if size is None else f"{size} workers"


def require_pool_size(seen: Observation, processes: int) -> None:
    """The learner's first Pool was made with exactly `processes` workers."""
    pools = calls(seen, "Pool()")
    if not pools:
        raise RuleBroken("pool-size", expected=processes, made="no multiprocessing.Pool was made at all")
    size = pools[0].get("processes")
    if size != processes:
        line = pools[0]["line"]
        raise RuleBroken("pool-size", line, expected=processes, made=f"line {line} made it with {pool_size(size)}")


def require_close_before_join(seen: Observation) -> None:
    """The learner's first pool.join() comes after a close() or terminate()."""
    joins = calls(seen, "Pool.join")
    if not joins:
        return  # reported by require_close_and_join
    stopped = calls(seen, "Pool.close", "Pool.terminate")
    if not stopped or stopped[0]["t"] > joins[0]["t"]:
        raise RuleBroken("close-before-join", joins[0]["line"])


def require_close_and_join(seen: Observation) -> None:
    """Both pool.close() and pool.join() were called by the learner (a `with` block alone terminates)."""
    closed, joined = calls(seen, "Pool.close"), calls(seen, "Pool.join")
    missing = [name for name, made in (("close()", closed), ("join()", joined)) if not made]
    if missing:
        raise RuleBroken("close-and-join-called", first_line(calls(seen, "Pool()")),
                         missing=" and ".join(missing) + " never called")


def require_every_process_joined(seen: Observation, *, in_main: bool = True) -> None:
    """Every Process started (by default by the main process; with in_main=False, by any) is joined."""
    joined = {c["obj"] for c in calls(seen, "Process.join", in_main=in_main)}
    never = [c for c in calls(seen, "Process.start", in_main=in_main) if c["obj"] not in joined]
    if never:
        raise RuleBroken("join-every-process", never[0]["line"], count=len(never))


SEMLOCKS = ("Lock", "RLock", "Semaphore", "BoundedSemaphore")


def lock_operation(call: dict[str, Any]) -> tuple[str, str] | None:
    """('acquire' | 'release', lock id) for a lock operation in the trace (a multiprocessing lock or a
    Manager lock proxy, by `with` or by method), else None."""
    what = call["what"]
    if what.startswith("Proxy."):
        method = call.get("method")
        return (method, f"proxy:{call.get('referent')}") if method in ("acquire", "release") else None
    kind, _, name = what.partition(".")
    if kind not in SEMLOCKS:
        return None
    if name in ("__enter__", "acquire"):
        return "acquire", f"sem:{call['obj']}"
    if name in ("__exit__", "release"):
        return "release", f"sem:{call['obj']}"
    return None


def learner_tree(seen: Observation) -> ast.Module | None:
    """The learner's module, parsed (never run), or None if it cannot be read."""
    try:
        with open(seen.learner_file, encoding="utf-8") as handle:
            return ast.parse(handle.read())
    except (OSError, TypeError, ValueError, SyntaxError):
        return None


MUTATORS = {"append", "extend", "insert", "update", "setdefault", "add", "__setitem__", "clear", "pop"}


def require_no_fork_only_global(seen: Observation, entry: str) -> None:
    """Called when a run went wrong (a wrong value, an exception, no end): under spawn or forkserver, if
    the learner's code sets a global that workers read, that is the cause, since it only works under fork."""
    if seen.start_method == "fork" or not seen.run:
        return  # fork copies the parent's globals; no run at all (skipped after a hang) shows nothing
    error = seen.error or {}
    if seen.status == "raised":
        outcome = f"raised {error.get('type')}: {error.get('message')}"
    elif seen.status == "returned":
        crash = worker_crash(seen)
        outcome = f"returned {seen.value!r}" + (f" (a worker failed with {crash[:200]})" if crash else "")
    else:
        outcome = "did not finish"
    setters = fork_only_globals(seen)
    if setters:
        name, line = setters[0]
        raise RuleBroken("fork-only-global", line, entry=entry, start_method=seen.start_method,
                         outcome=outcome[:300], name=name)


def worker_crash(seen: Observation) -> str | None:
    """The last line of the last traceback a process of the run printed (`ValueError: ...`), if one did."""
    errors = seen.run.errors if seen.run else ""
    if "Traceback" not in errors:
        return None
    lines = [line for line in errors.strip().splitlines() if line and not line.startswith(" ")]
    return lines[-1] if lines else None


def fork_only_globals(seen: Observation) -> list[tuple[str, int]]:
    """(global, line) for each place a function other than a Pool initializer sets or fills a module-level
    name: `global x` then `x = ...`, `D[k] = ...`, `LIST.append(...)`, `globals()[...] = ...`. Workers see
    such a change only under fork, where they start as a copy of the parent. A name a Pool initializer sets
    reaches the workers that way, so it is left out. Rebinding and filling come before setting an attribute
    (a worker's `counter.value += 1` is one too), each in line order."""
    tree = learner_tree(seen)
    if tree is None:
        return []
    initializers = {c.get("target") for c in calls(seen, "Pool()") if c.get("target")}
    module_names = {target.id for statement in tree.body if isinstance(statement, (ast.Assign, ast.AnnAssign))
                    for target in (statement.targets if isinstance(statement, ast.Assign) else [statement.target])
                    if isinstance(target, ast.Name)}
    found = []  # (rank, line, global)
    handed = set()  # the globals a Pool initializer sets
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        declared = {name for node in ast.walk(function) if isinstance(node, ast.Global) for name in node.names}
        if function.name in initializers:
            handed |= declared
            continue
        local = {node.id for node in ast.walk(function) if isinstance(node, ast.Name)
                 and isinstance(node.ctx, ast.Store)} - declared
        local |= {a.arg for a in function.args.args + function.args.kwonlyargs + function.args.posonlyargs}
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in declared:
                found.append((0, node.lineno, node.id))
            elif isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, ast.Store):
                base, rank = node.value, int(isinstance(node, ast.Attribute))
                if isinstance(base, ast.Name) and base.id in module_names and base.id not in local:
                    found.append((rank, node.lineno, base.id))
                elif isinstance(base, ast.Call) and getattr(base.func, "id", getattr(base.func, "attr", None)) \
                        == "globals":
                    key = getattr(node, "slice", None)
                    name = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else "globals()"
                    found.append((rank, node.lineno, name))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS
                  and isinstance(node.func.value, ast.Name) and node.func.value.id in module_names
                  and node.func.value.id not in local):
                found.append((0, node.lineno, node.func.value.id))
    return [(name, line) for _, line, name in sorted(found) if name not in handed]


def _raise_for_local_callables(seen: Observation) -> None:
    if seen.start_method == "fork":
        return
    for call in seen.calls:
        if call.get("target_local"):
            raise RuleBroken("local-callable", call["line"], target=call.get("target"),
                             start_method=seen.start_method)


def learner_source(seen: Observation, line: int | None) -> str:
    path = seen.learner_file
    return linecache.getline(path, line).strip() if path and line else ""


IDLE_POOL_WORKER = "<idle pool worker>"
_EXITING = ("_exit_function", "_finalize_join", "join_thread")
_HELPERS = ("multiprocessing/resource_tracker.py", "multiprocessing/forkserver.py")
_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)')


def blocked_lines(seen: Observation) -> list[tuple[int, int, str]]:
    """For each dumped process: (pid, the learner line it was blocked at, the stdlib call it was in)."""
    if not seen.run:
        return []
    learner = seen.learner_file
    found = []
    pid = main_pid(seen)
    for dump_pid, dump in sorted(seen.run.stack_dumps.items(), key=lambda kv: kv[0] != pid):
        if dump == ENDED_UNREAPED:
            found.append((dump_pid, 0, ENDED_UNREAPED))
            continue
        if not dump.strip():
            found += _last_traced_call(seen, dump_pid)
            continue
        current = dump.split("Current thread", 1)[-1]
        frames = [m.groupdict() for m in _FRAME.finditer(current)]  # innermost first
        # Below a child's `_bootstrap` frame is its parent's stack at the fork: not where the child is.
        bootstrap = next((i for i, f in enumerate(frames)
                          if f["func"] == "_bootstrap" and f["file"].endswith("multiprocessing/process.py")), None)
        frames = frames[:bootstrap]
        if any(f["file"].endswith(_HELPERS) for f in frames):
            continue  # multiprocessing's own helper processes wait by design
        inner = frames[0]["func"] if frames else "?"
        if _POOL_WORKER.search(current) and _idle_pool_worker(current):
            inner = IDLE_POOL_WORKER
        elif any(f["func"] in _EXITING for f in frames):
            inner = "_finalize_join"  # done, but its queue's feeder thread cannot flush: nobody reads
        for frame in frames:
            if learner and frame["file"] == learner:
                found.append((dump_pid, int(frame["line"]), inner))
                break
        else:
            found.append((dump_pid, 0, inner))
    return found


_POOL_WAIT = re.compile(r'multiprocessing/pool\.py", line \d+ in (get|wait|next)\b')
_POOL_WORKER = re.compile(r'multiprocessing/pool\.py", line \d+ in worker\b')


def lost_pool_task_line(seen: Observation) -> int | None:
    """The learner's line waiting for a pool result that cannot come, if the hang looks like that.

    The signature of a pool worker that died in the middle of a task (os._exit, a signal, a crash in C):
    the main process waits in AsyncResult.get()/wait() or map(), while every worker, the replacement
    the pool started included, sits idle waiting for new tasks. Returns 0 if the learner's line is unknown.
    """
    if not seen.run or not seen.run.timed_out:
        return None
    pid = main_pid(seen)
    dumps = seen.run.stack_dumps
    main_dump = dumps.get(pid, "").split("Current thread", 1)[-1]
    if not _POOL_WAIT.search(main_dump):
        return None
    workers = [dump for other, dump in dumps.items() if other != pid and _POOL_WORKER.search(dump)]
    if not workers or not all(_idle_pool_worker(dump) for dump in workers):
        return None
    lines = [line for dump_pid, line, _ in blocked_lines(seen) if dump_pid == pid]
    return lines[0] if lines else 0


def _idle_pool_worker(dump: str) -> bool:
    """The worker is waiting for its next task: above its `worker` frame there is only the task queue."""
    current = dump.split("Current thread", 1)[-1]
    above_worker = _POOL_WORKER.split(current, 1)[0]
    files = {m.group("file") for m in _FRAME.finditer(above_worker)}
    return all(f.endswith(("multiprocessing/queues.py", "multiprocessing/connection.py",
                           "multiprocessing/synchronize.py", "sandbox/trace.py")) for f in files)


def _last_traced_call(seen: Observation, pid: int) -> list[tuple[int, int, str]]:
    """For a process that did not answer the stack-dump signal in time: its last recorded call (a call is
    recorded as it starts, so a process blocked in one has it last), as (pid, line, method)."""
    own = [call for call in seen.calls if call["pid"] == pid]
    if not own:
        return []
    last = own[-1]
    return [(pid, last["line"], last["what"].rsplit(".", 1)[-1])]


# What a process was doing when it hung, for one process and for several.
_IDLE = ("(a pool worker) was idle, waiting for a task", "(pool workers) were idle, waiting for tasks")
_ENDED = ("had already ended (it was never joined)", "had already ended (they were never joined)")
_UNREAD = ("had finished but could not exit: the data it put on a queue was never read",
           "had finished but could not exit: the data they put on a queue was never read")


def _blocked_suffix(seen: Observation) -> str:
    """Where each process was, processes in the same state told together ("processes 12, 13 had ...")."""
    states: dict[tuple[str, str], list[str]] = {}
    pid = main_pid(seen)
    for dump_pid, line, inner in blocked_lines(seen):
        if line:
            stuck = f"stuck at line {line} (`{learner_source(seen, line)}`)"
            state = (f"was {stuck}", f"were {stuck}")
        elif inner == IDLE_POOL_WORKER:
            state = _IDLE
        elif inner == ENDED_UNREAPED:
            state = _ENDED
        elif inner in ("_feed", "_send", *_EXITING):
            state = _UNREAD
        else:
            state = (f"was in {inner}()", f"were in {inner}()")
        states.setdefault(state, []).append("the main process" if dump_pid == pid else str(dump_pid))
    parts = []
    for (one, several), who in states.items():
        if who == ["the main process"]:
            parts.append(f"the main process {one}")
        else:
            parts.append(f"process {who[0]} {one}" if len(who) == 1 else f"processes {', '.join(who)} {several}")
    return " " + "; ".join(parts) + "." if parts else ""


def hang_description(seen: Observation) -> str:
    return _blocked_suffix(seen).strip()
