"""Hidden tests for exercise07 (shared_array): negate_in_child(values)."""

from grader.grading.evidence import (
    PUTS,
    RuleBroken,
    Scenario,
    calls,
    child_calls,
    first_line,
    require_ran,
    require_value,
    worker_crash,
)

ENTRY = "negate_in_child"
# Many values, so a child takes a while to negate them all: a parent that reads early sees old values.
VALUES = [round((i % 97) * 1.25 - 60.5, 2) for i in range(20_000)]
SCENARIOS = {
    "many": Scenario(ENTRY, {"values": VALUES}),
}
DOUBLES = ("d", "<class 'ctypes.c_double'>")
SENDS = (*PUTS, "Connection.send", "Connection.send_bytes", "Proxy.append", "Proxy.put", "Proxy.__setitem__",
         "Proxy.extend")


def _difference(got):
    if not isinstance(got, list):
        return f"a {type(got).__name__}, not a list"
    if len(got) != len(VALUES):
        return f"{len(got)} values for {len(VALUES)}"
    index = next(i for i, (g, v) in enumerate(zip(got, VALUES, strict=True)) if g != -v)
    return f"at index {index} {got[index]!r} instead of {-VALUES[index]!r}"


def test_every_value_is_negated(seen):
    """The parent returns every value negated"""
    observation = seen("many")
    got = require_value(observation, ENTRY)
    expected = [-v for v in VALUES]
    if got == expected:
        return
    unchanged = got == VALUES
    crash = worker_crash(observation)
    if crash and observation.start_method != "fork":
        raise RuleBroken("array-child-gets-the-array", start_method=observation.start_method, crash=crash)
    if unchanged:
        raise RuleBroken("array-negated-in-place",
                         detail="the parent got every value unchanged: the child negated a copy (a list, or a "
                                "name rebound to a new list), or the parent read the array before the child "
                                "had run.")
    same_length = isinstance(got, list) and len(got) == len(VALUES)
    if same_length and all(g in (v, -v) for g, v in zip(got, VALUES, strict=True)):
        raise RuleBroken("array-read-after-join",
                         detail="Some values came back negated and others not: the parent read the array while "
                                "the child was still negating it.")
    raise RuleBroken("array-negated-in-place", detail=f"{ENTRY} returned {_difference(got)}.")


def test_the_values_live_in_a_shared_array_of_doubles(seen):
    """The values live in a multiprocessing Array (or RawArray) of doubles"""
    observation = seen("many")
    require_ran(observation, ENTRY)
    arrays = calls(observation, "Array()", "RawArray()")
    if not arrays:
        raise RuleBroken("array-of-doubles", detail="No multiprocessing.Array or RawArray was created.")
    if not any(a.get("typecode") in DOUBLES for a in arrays):
        typecode = arrays[0].get("typecode")
        raise RuleBroken("array-of-doubles", arrays[0]["line"],
                         detail=f"The array at line {arrays[0]['line']} holds {typecode!r}, not doubles.")


def test_one_child_negates_the_array(seen):
    """One child process does the work"""
    observation = seen("many")
    require_ran(observation, ENTRY)
    started = calls(observation, "Process.start")
    if len(started) != 1:
        pools = calls(observation, "Pool()", "ProcessPoolExecutor()")
        raise RuleBroken("array-one-child", first_line(started, pools), got=f"{len(started)} processes started"
                         + (" and a pool" if pools else ""))
    # Filling the array before start() is fine; changing it after start() is the child's job, not the parent's.
    late = [w for w in calls(observation, "Array.write") if w["t"] > started[0]["t"]]
    if late:
        raise RuleBroken("array-one-child", late[0]["line"],
                         got=f"1 process started, but the parent itself writes the array at line {late[0]['line']}"
                             f" after starting it: the child does the negating, the parent only reads after join()")


def test_the_parent_reads_only_after_join(seen):
    """The parent reads the array only after join()"""
    observation = seen("many")
    require_ran(observation, ENTRY)
    started = calls(observation, "Process.start")
    if not started:
        return  # reported by the one-child check
    joins = [j for j in calls(observation, "Process.join") if j["obj"] == started[0]["obj"]]
    if not joins:
        raise RuleBroken("array-read-after-join", started[0]["line"],
                         detail=f"The child started at line {started[0]['line']} was never joined: waiting a "
                                f"while (time.sleep) does not prove it has finished; join() does.")
    finished = max(j["t"] for j in joins)
    early = [r for r in calls(observation, "Array.read") if started[0]["t"] < r["t"] < finished]
    if early:
        raise RuleBroken("array-read-after-join", early[0]["line"],
                         detail=f"Line {early[0]['line']} reads the array before the child is joined.")


def test_nothing_travels_back_but_the_shared_memory(seen):
    """The child sends nothing back: the parent reads the shared array"""
    observation = seen("many")
    require_ran(observation, ENTRY)
    sent = child_calls(observation, *SENDS)
    if sent:
        raise RuleBroken("array-not-sent-back", sent[0]["line"])
