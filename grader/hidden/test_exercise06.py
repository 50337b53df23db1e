"""Hidden tests for exercise06 (pipe_ping_pong): ping_pong(rounds)."""

import itertools

from grader.grading.evidence import (
    STOPS,
    RuleBroken,
    Scenario,
    blocked_lines,
    calls,
    child_calls,
    first_line,
    hang_description,
    hung,
    main_pid,
    require_every_process_joined,
    require_ran,
    require_value,
    still_the_stub,
)

ENTRY = "ping_pong"
ROUNDS = 2000  # sending them all before reading fills the pipe after a few hundred: a deadlock
SCENARIOS = {
    # Short limits: a deadlocked exchange sleeps, so it is told from a slow one and stopped at the limit.
    # Not shorter: the limit also cuts short the time a finished run has to exit, on a busy machine.
    "rounds": Scenario(ENTRY, {"rounds": ROUNDS}, wall_s=3.0),
    "zero": Scenario(ENTRY, {"rounds": 0}, wall_s=3.0),
}
SENDS = ("Connection.send", "Connection.send_bytes")
RECVS = ("Connection.recv", "Connection.recv_bytes", "Connection.recv_bytes_into")
CLOSES = ("Connection.close", "Connection.__exit__")
QUEUES = ("Queue()", "SimpleQueue()", "JoinableQueue()")


def _judgeable(observation) -> None:
    """The trace is worth judging: the code ran to its end, or hung (the trace up to the hang is valid)."""
    if not hung(observation):
        require_ran(observation, ENTRY)


def _lines(observation, *whats, in_main: bool) -> set[int]:
    pid = main_pid(observation)
    return {c["line"] for c in calls(observation, *whats, in_main=False) if (c["pid"] == pid) == in_main}


def _stuck_child(observation) -> int | None:
    """When the main process hung in join() (or, after returning, at exit) while a child waited in recv():
    the child's line, else None."""
    if not hung(observation, at_exit=True):
        return None
    exit_hung = observation.run.exit_hung
    pid = main_pid(observation)
    joins = _lines(observation, "Process.join", in_main=True)
    child_recvs = _lines(observation, *RECVS, "Connection.poll", in_main=False)
    blocked = blocked_lines(observation)
    main_in_join = exit_hung or any(p == pid and line in joins for p, line, _ in blocked)
    waiting = [line for p, line, inner in blocked
               if p != pid and line and (line in child_recvs or inner in ("_recv", "recv", "_poll", "poll"))]
    if main_in_join and waiting:
        return waiting[0]
    return _stuck_child_by_trace(observation, joins)


def _stuck_child_by_trace(observation, joins: list[int]) -> int | None:
    """The same diagnosis from the trace, for a loaded machine where a stack dump came too late: a call is
    recorded as it starts, so the main process's last record is the join() it hung in; a child whose last
    records are its pipe exchange (the trace stops counting a hot loop after a while) was left in its
    receiving loop, at its recv() line."""
    pid = main_pid(observation)
    last: dict[int, dict] = {}
    for call in observation.calls:
        last[call["pid"]] = call
    main_last = last.get(pid)
    if main_last is None or main_last["what"] != "Process.join" or main_last["line"] not in joins:
        return None
    for other, call in last.items():
        if other != pid and call["what"].startswith("Connection."):
            receives = [c["line"] for c in observation.calls
                        if c["pid"] == other and c["what"] in (*RECVS, "Connection.poll")]
            if receives:
                return receives[-1]
    return None


def _exchange_end(observation) -> str | None:
    """The id of the connection the parent sends on."""
    sent = calls(observation, *SENDS, *RECVS)
    return sent[0]["obj"] if sent else None


def _require_child_still_there(observation) -> None:
    """The parent's recv() raising EOFError means the child was gone before the parent was done: its loop
    stopped early (a truthiness test stops on 0) or it crashed. Said as such, since EOFError has no text."""
    error = observation.error or {}
    if observation.status != "raised" or error.get("type") != "EOFError":
        return
    receives = child_calls(observation, *RECVS)  # past the trace's cap, still one record now and then
    line = receives[-1]["line"] if receives else None
    where = f" (its last recv() started at line {line})" if line else ""
    raise RuleBroken("child-ended-early", line or error.get("line"), entry=ENTRY, parent_line=error.get("line"),
                     where=where)


def test_answers_in_order(seen):
    """ping_pong(2000) returns the 2000 answers, in order"""
    observation = seen("rounds")
    _require_child_still_there(observation)
    got = require_value(observation, ENTRY)
    expected = [i * i for i in range(ROUNDS)]
    if got != expected:
        raise RuleBroken("results-in-order", entry=ENTRY, items=f"range({ROUNDS})", got=_summary(got, expected),
                         expected=f"[0, 1, 4, 9, ..., {(ROUNDS - 1) ** 2}]")


def test_one_child_over_one_duplex_pipe(seen):
    """One child process and the parent talk over one duplex Pipe"""
    observation = seen("rounds")
    _judgeable(observation)
    started = calls(observation, "Process.start")
    pools = calls(observation, "Pool()")
    if pools:
        raise RuleBroken("one-child-one-pipe", pools[0]["line"], got=f"line {pools[0]['line']} made a Pool")
    if len(started) != 1:
        raise RuleBroken("one-child-one-pipe", started[1]["line"] if len(started) > 1 else None,
                         got=f"{len(started)} processes were started")
    pipes = calls(observation, "Pipe()")
    if not pipes and not calls(observation, *SENDS):
        raise RuleBroken("one-child-one-pipe", got="the parent never sent anything on a Pipe")
    if len(pipes) > 1:
        raise RuleBroken("one-child-one-pipe", pipes[1]["line"], got=f"{len(pipes)} pipes were made")
    if pipes and pipes[0].get("duplex") is False:
        raise RuleBroken("one-child-one-pipe", pipes[0]["line"],
                         got=f"line {pipes[0]['line']} made a one-way Pipe(duplex=False)")
    queues = calls(observation, *QUEUES)
    if queues:
        raise RuleBroken("one-child-one-pipe", queues[0]["line"],
                         got=f"line {queues[0]['line']} made a {queues[0]['what'][:-2]}; the answers come back over "
                             "the Pipe too")
    # Only a run that returned: one that sends everything first hangs before its first recv() (the alternation
    # check's), one that crashed never got that far.
    if not calls(observation, *RECVS) and observation.status == "returned":
        raise RuleBroken("one-child-one-pipe", first_line(calls(observation, *SENDS)),
                         got="the parent never received an answer over the Pipe")


def test_sends_and_receives_alternate(seen):
    """The parent sends one number, reads its answer, then sends the next"""
    observation = seen("rounds")
    _judgeable(observation)
    if not calls(observation, *RECVS) and not hung(observation):
        return  # no answer read over the pipe (another way, or a crash first): nothing alternates
    exchange = calls(observation, *SENDS, *RECVS)
    # The trace keeps only the first calls of each kind: past the first capped one, the count is meaningless.
    capped = next((i for i, call in enumerate(exchange) if call.get("capped")), None)
    exchange = exchange if capped is None else exchange[:capped]
    levels = list(itertools.accumulate(1 if call["what"] in SENDS else -1 for call in exchange))
    # One message before the exchange that is never answered (telling the child `rounds`, say) is fine: the
    # parent still waits for each answer before the next number. Seen as two sends before the first recv(),
    # and never fewer than one message unanswered from then on (sending in pairs would drop to none).
    first_recv = next((i for i, call in enumerate(exchange) if call["what"] in RECVS), None)
    header = int(first_recv == 2 and min(levels[first_recv:]) >= 1)
    for call, ahead in zip(exchange, levels, strict=True):
        if ahead > 1 + header:
            hang = f" The program hung: {hang_description(observation)}" if hung(observation) else ""
            raise RuleBroken("alternate-send-recv", call["line"], hang=hang)


def test_parent_closes_the_childs_end(seen):
    """The parent closes its copy of the child's end after start(), before the exchange"""
    observation = seen("rounds")
    _judgeable(observation)
    end = _exchange_end(observation)
    pipes = calls(observation, "Pipe()")
    ends = set(pipes[0].get("objects") or []) if pipes else set()
    exchange = [c["t"] for c in calls(observation, *SENDS, *RECVS) if c["obj"] == end]
    first = exchange[0] if exchange else float("inf")
    closed = [c for c in calls(observation, *CLOSES)
              if c["obj"] != end and (c["obj"] in ends or not ends)]
    started = calls(observation, "Process.start")
    start = started[0]["t"] if started else float("-inf")
    if any(start < c["t"] < first for c in closed):
        return
    # Closed before start(): the child is handed a closed connection (under spawn and forkserver start()
    # cannot even pickle it), so the exchange fails instead of being protected.
    early = [c for c in closed if c["t"] < start]
    if early:
        detail = (f"line {early[0]['line']} closes the child's end before start() (line {started[0]['line']}), "
                  "so the child gets a closed connection.")
        raise RuleBroken("close-child-end", early[0]["line"], detail=detail)
    if closed:
        detail = (f"line {closed[0]['line']} closes the parent's copy of the child's end only after the "
                  "exchange.")
        raise RuleBroken("close-child-end", closed[0]["line"], detail=detail)
    raise RuleBroken("close-child-end", first_line(pipes),
                     detail="the parent never closes its copy of the child's end.")


def test_the_child_ends_by_itself(seen):
    """The child ends by itself once the parent is done (a sentinel, or EOF)"""
    observation = seen("rounds")
    stuck = _stuck_child(observation)
    if stuck is not None:
        end = _exchange_end(observation)
        parent_closed = any(c["obj"] == end for c in calls(observation, *CLOSES))
        rule = "close-parent-end-in-child" if parent_closed else "child-must-end"
        raise RuleBroken(rule, stuck, blocked=hang_description(observation))
    _judgeable(observation)
    stopped = calls(observation, *STOPS)
    if stopped:
        raise RuleBroken("child-ends-by-itself", stopped[0]["line"],
                         call=stopped[0]["what"].replace("Process.", "") + "()")
    # poll(None) blocks like recv(); any finite timeout (poll() is poll(0)) is a way for the child to stop that
    # is neither the sentinel nor EOF. The parent may poll with a timeout (to notice a dead child): not judged.
    timed = [c for c in child_calls(observation, "Connection.poll") if c.get("timeout") is not None]
    if timed:
        timeout = timed[0]["timeout"]
        raise RuleBroken("child-polls-with-timeout", timed[0]["line"],
                         call="poll()" if timeout == 0.0 else f"poll({timeout!r})")


def test_the_child_is_joined(seen):
    """The child is joined"""
    observation = seen("rounds")
    require_ran(observation, ENTRY)
    require_every_process_joined(observation)


def test_zero_rounds_give_an_empty_list(seen):
    """ping_pong(0) returns [] and ends the child"""
    observation = seen("zero")
    if hung(observation) and seen("rounds").status == "returned":
        raise RuleBroken("zero-rounds", _main_blocked_line(observation), entry=ENTRY,
                         got=f"hung: {hang_description(observation)}")
    error = observation.error or {}
    if observation.status == "raised" and not still_the_stub(observation):
        raise RuleBroken("zero-rounds", error.get("line"), entry=ENTRY,
                         got=f"raised {error.get('type')}: {error.get('message')}.")
    got = require_value(observation, ENTRY)
    if got != []:
        raise RuleBroken("zero-rounds", entry=ENTRY, got=f"returned {repr(got)[:200]}.")


def _main_blocked_line(observation) -> int | None:
    pid = main_pid(observation)
    return next((line for p, line, _ in blocked_lines(observation) if p == pid and line), None)


def _summary(got, expected: list) -> str:
    if not isinstance(got, list):
        return repr(got)[:100]
    if len(got) != len(expected):
        return f"a list of {len(got)} answers"
    index = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
    return f"a list whose item {index} is {got[index]!r} (expected {expected[index]!r})"
