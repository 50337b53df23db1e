"""Hidden tests for exercise12 (spawn_safe): parallel_lengths(words, processes).

The words are grader.tasks.MeasuredWord strings: len() of one reports the process that measured it,
so the evidence covers every way of starting workers, ProcessPoolExecutor included (whose workers
the call trace does not see). What the trace cannot see at import time (a ProcessPoolExecutor or a
demo call at module level) is read from the learner's source, which is parsed, never run, here.
"""

import ast
import os
import re

from grader.grading.evidence import (
    RuleBroken,
    Scenario,
    calls,
    learner_tree,
    main_pid,
    pool_size,
    require_no_fork_only_global,
    require_ran,
    require_results,
    require_value,
    scenario_input,
    still_the_stub,
    task,
)

ENTRY = "parallel_lengths"
SCENARIOS = {
    "lengths": Scenario(ENTRY, {"words": task("SPAWN_SAFE_WORDS"), "processes": 3}),
    "one_worker": Scenario(ENTRY, {"words": task("SPAWN_SAFE_FEW_WORDS"), "processes": 1}),
}
# Calls the trace records during an import anyway (the engine's work-at-import check reports them).
TRACED_AT_IMPORT = ("Process.start", "Pool()", "Manager()", "Manager.start", "Pool.map", "Pool.apply_async")
STARTERS = {"Pool", "ThreadPool", "Process", "ProcessPoolExecutor", "ThreadPoolExecutor", "Manager", "SyncManager"}
LOCAL_PICKLING = re.compile(r"Can't pickle (?:local object '(?P<local>[^']+)'|<function (?P<func>\S*<lambda>\S*))")


def measured(observation) -> list[dict]:
    return [r for r in observation.records.of_kind("task") if r.get("task") == "MeasuredWord.__len__"]


def _words(name: str) -> list[str]:
    """A scenario's words as plain strings (measuring a MeasuredWord here would report it)."""
    return [str(w) for w in scenario_input(SCENARIOS[name], "words")]


WORDS = _words("lengths")


def _expected(name: str) -> list[int]:
    return [len(w) for w in _words(name)]


def _why_it_failed(observation) -> None:
    """Under spawn/forkserver, name the fork-only habit that broke the run, if one did."""
    error = observation.error or {}
    found = LOCAL_PICKLING.search(error.get("message") or "") if observation.status == "raised" else None
    if found:
        raise RuleBroken("local-callable", error.get("line"), target=found["local"] or found["func"],
                         start_method=observation.start_method)
    require_no_fork_only_global(observation, ENTRY)


def _check_lengths(observation, name: str) -> None:
    if observation.status == "returned" and observation.value == _expected(name):
        return
    if not still_the_stub(observation):
        _why_it_failed(observation)
    require_results(observation, ENTRY, _words(name), _expected(name))


def test_returns_the_lengths_in_order(seen):
    """Returns [len(w) for w in words], in order"""
    _check_lengths(seen("lengths"), "lengths")


def test_returns_the_lengths_with_one_worker(seen):
    """Returns the lengths with processes=1"""
    _check_lengths(seen("one_worker"), "one_worker")


def test_lengths_are_computed_in_worker_processes(seen):
    """Every length is computed in a worker process, not in the parent or a thread"""
    observation = seen("lengths")
    require_value(observation, ENTRY)
    parent = main_pid(observation)
    in_workers = {r.get("word") for r in measured(observation) if r["pid"] != parent}
    missing = [w for w in WORDS if w not in in_workers]
    if not missing or (not measured(observation) and _process_workers_used(observation)):
        # No word measured anywhere: the learner's code made plain strings of them first (`w.strip()`), so
        # the measurement is lost, not the work; worker processes being used is then the evidence there is.
        return
    submitted = calls(observation, "Pool.map", "Pool.imap", "Pool.map_async", "Pool.apply_async", "Pool.starmap",
                      "Pool.imap_unordered", "Pool.apply")
    line = submitted[0]["line"] if submitted else None
    if len(missing) == len(WORDS):
        detail = "every length was computed in the main process itself."
    else:
        detail = f"{len(missing)} of the {len(WORDS)} lengths (for example of {missing[0]!r}) were computed in " \
                 "the main process."
    raise RuleBroken("lengths-in-worker-processes", line, detail=detail)


def _process_workers_used(observation) -> bool:
    """Work was handed to worker processes: a process Pool (not a ThreadPool), Processes, or a
    ProcessPoolExecutor."""
    pools = calls(observation, "Pool()")
    return (any(not p.get("threads") for p in pools)
            or bool(calls(observation, "Process.start", "ProcessPoolExecutor.map", "ProcessPoolExecutor.submit")))


def test_at_most_processes_worker_processes(seen):
    """At most `processes` worker processes"""
    for name in SCENARIOS:
        observation = seen(name)
        require_ran(observation, ENTRY)
        limit = SCENARIOS[name].inputs["processes"]
        for pool in calls(observation, "Pool()", in_main=False):
            size = pool.get("processes")
            effective = size if size is not None else os.cpu_count()
            if effective is not None and effective > limit:
                raise RuleBroken("at-most-processes", pool["line"], expected=limit,
                                 detail=f"line {pool['line']} made a Pool with {pool_size(size)} for "
                                        f"processes={limit}.")
        started = calls(observation, "Process.start", in_main=False)
        if len(started) > limit:
            raise RuleBroken("at-most-processes", started[0]["line"], expected=limit,
                             detail=f"{len(started)} processes were started for processes={limit}.")
        parent = main_pid(observation)
        workers = {r["pid"] for r in measured(observation) if r["pid"] != parent}
        if len(workers) > limit:
            raise RuleBroken("at-most-processes", expected=limit,
                             detail=f"{len(workers)} different processes computed lengths for processes={limit}.")


def test_importing_the_module_starts_nothing(seen):
    """Importing the module runs no demo and creates no pool or process"""
    observation = seen("lengths")
    require_ran(observation, ENTRY)
    imported = observation.records.of_kind("imported")
    limit = imported[0].get("t") if imported else None
    if any(limit is None or c["t"] < limit for c in calls(observation, *TRACED_AT_IMPORT)):
        return  # the engine's work-at-import check reports what the trace saw
    tree = learner_tree(observation)
    if tree is None:
        return
    own = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for statement in _runs_at_import(tree.body):
        for node in ast.walk(statement):
            if isinstance(node, ast.Call):
                callee = _callee(node.func)
                if callee in own or callee in STARTERS:
                    raise RuleBroken("work-at-import", node.lineno, call=f"{callee}()")


def _callee(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _runs_at_import(body: list[ast.stmt]) -> list[ast.stmt]:
    """The module-level statements that run when the module is imported, except definitions and the main guard."""
    running = []
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Import, ast.ImportFrom)):
            continue
        if isinstance(statement, ast.If) and _is_main_guard(statement.test):
            running.extend(_runs_at_import(statement.orelse))
            continue
        if isinstance(statement, ast.ClassDef):
            running.extend(s for s in statement.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))
            continue
        running.append(statement)
    return running


def _is_main_guard(test: ast.expr) -> bool:
    return (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and {ast.unparse(test.left), ast.unparse(test.comparators[0])} in ({"__name__", "'__main__'"},
                                                                               {"__name__", '"__main__"'}))
