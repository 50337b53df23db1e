"""Every rule a hidden test can report, in the words a learner reads. One table, reviewed in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    title: str
    message: str  # formatted with the details the test gives (entry, line, ...)
    topic: str | None = None  # the quiz topic that teaches it


RULES: dict[str, Rule] = {
    "not-implemented": Rule(
        "Solve the exercise",
        "{entry} still raises NotImplementedError: replace the stub's body with your solution.",
    ),
    "no-verdict": Rule("The program must finish and report", "{reason}", "lifecycle"),
    "crashed": Rule("The function must return", "{entry} raised {type}: {message}{where}.", None),
    "import-error": Rule("The file must import", "your file could not be imported: {type}: {message}{where}."),
    "missing-entry": Rule("The entry point must exist", "{reason} The grader calls {entry}(...) by keyword."),
    "exited": Rule("Return, do not exit", "{reason} Return the result instead.", "lifecycle"),
    "exit-hang": Rule(
        "Leave nothing running",
        "{entry} returned, but the program could not exit: a process you started is still running or a queue "
        "still holds data nobody read.{blocked}",
        "lifecycle",
    ),
    "pool-size": Rule(
        "Use exactly `processes` workers",
        "create the pool with Pool(processes) so it has exactly {expected} workers; line {line} made it with "
        "{got}.",
        "pool",
    ),
    "apply-async-per-item": Rule(
        "One apply_async per item",
        "submit each item with pool.apply_async(task, (item,)): {expected} items, {got} apply_async calls.",
        "pool",
    ),
    "submit-all-before-get": Rule(
        "Submit every task before the first get()",
        "AsyncResult.get() at line {line} waits for a result before all tasks were submitted, so the tasks run "
        "one at a time. Submit them all first, then collect the results.",
        "pool",
    ),
    "close-before-join": Rule(
        "close() before join()",
        "pool.join() at line {line} was called before pool.close(): join() waits for the workers to exit, "
        "which only happens after close() (or terminate()); without it, join() raises "
        "ValueError: Pool is still running.",
        "pool",
    ),
    "close-and-join-called": Rule(
        "Call close() and join()",
        "this exercise requires pool.close() then pool.join(); {missing}. A `with Pool()` block alone ends "
        "with terminate(), which kills the workers instead of letting them finish.",
        "pool",
    ),
    "results-in-order": Rule(
        "Results in the order of the items",
        "for items {items} {entry} returned {got}; expected {expected}.",
        None,
    ),
    "exception-propagates": Rule(
        "Let a task's exception propagate",
        "a task raised ValueError('task failed on item 3'), but {entry} {got}. Let AsyncResult.get() re-raise "
        "it out of {entry}.",
        "pool",
    ),
    "stop-pool-on-error": Rule(
        "Stop the pool when a task fails",
        "when a task raised, the pool was left open: stop it before the exception leaves {entry} (close() "
        "then join() in a finally block, or terminate()).",
        "pool",
    ),
    "one-process-per-item": Rule(
        "One Process per item",
        "start one multiprocessing.Process per item: {expected} items, {got} processes started.",
        "process-api",
    ),
    "start-all-before-join": Rule(
        "Start every process before the first join()",
        "join() at line {line} waits for a process before all processes were started, so they run one at a "
        "time. Start them all, then join them.",
        "process-api",
    ),
    "join-every-process": Rule(
        "Join every process",
        "{count} process(es) started at line {line} were never joined: call join() on every process you start.",
        "lifecycle",
    ),
    "results-through-queue": Rule(
        "Send results back through a Queue",
        "{detail} Results must travel from the child processes back through a multiprocessing.Queue.",
        "queues",
    ),
    "drain-before-join": Rule(
        "Read the queue before joining",
        "the program hung: {blocked} A child that put data on a queue cannot exit until that data is read "
        "(docs: 'Joining processes that use queues'). Read every result first, then join.",
        "queues",
    ),
    "no-pool": Rule(
        "Use Process, not Pool",
        "this exercise is about multiprocessing.Process; line {line} created a Pool.",
        "process-api",
    ),
    "empty-input": Rule("Handle empty input", "for items [] {entry} returned {got}; expected [].", None),
    "leftover-processes": Rule(
        "Leave no process running",
        "{count} process(es) were still running after {entry} returned ({commands}). Join every process you "
        "start; never leave a double-forked or daemonised process behind.",
        "daemons",
    ),
    "manager-left-running": Rule(
        "Shut down every Manager",
        "the Manager created at line {line} was never shut down: its server process outlives your function. "
        "Use `with Manager() as manager:` or call manager.shutdown().",
        "managers",
    ),
    "too-many-processes": Rule(
        "Stay within the process limit",
        "your program tried to run more than {limit} processes at once and was refused; start only the "
        "processes the task needs.",
        "process-api",
    ),
    "work-at-import": Rule(
        "Importing the module must not start work",
        "line {line} ran {call} while the module was being imported. Under spawn and forkserver every child "
        "re-imports your module, so put such code inside a function or under if __name__ == \"__main__\":.",
        "pickling",
    ),
    "start-method-choice": Rule(
        "Let the grader choose the start method",
        "line {line} calls {call}; the grader runs your code under each start method itself. Use the default "
        "context (multiprocessing.Process, multiprocessing.Pool).",
        "start-methods",
    ),
    "local-callable": Rule(
        "Targets and tasks must be top-level functions",
        "line {line} passes {target}, which cannot be pickled under {start_method}: use a function defined at "
        "the top level of the module.",
        "pickling",
    ),
}


def describe(rule_id: str, **details: object) -> str:
    rule = RULES[rule_id]
    text = rule.message.format_map(_Missing(details))
    if rule.topic:
        text += f" (Learn it: prep quiz --topic {rule.topic})"
    return text


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return f"<{key}>"
