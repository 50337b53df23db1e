"""End-to-end: the real `prep quiz` in a subprocess, scripted answers, a private PREP_HOME."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from datetime import datetime, timedelta, timezone

from grader.quiz.target import make_target

from conftest import SAMPLE_BANK
from quizplan import plan, right, wrong

BANK = ["--bank", str(SAMPLE_BANK), "--topic", "sample"]
ALL = 8  # items in the sample bank


def answers_in(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT item_id, correct, answered_at, response FROM answers ORDER BY id").fetchall()


def wait_for_answers(db, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if len(answers_in(db)) >= count:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    raise AssertionError(f"never saw {count} answers in {db}")


def script(presented, good: int) -> str:
    return "".join((right(p) if i < good else wrong(p)) + "\n" for i, p in enumerate(presented))


def test_a_whole_scripted_session_is_graded_recorded_and_summarised(prep):
    presented = plan(seed=5, count=ALL)
    result = prep.run("quiz", *BANK, "--seed", "5", "--count", str(ALL), "--format", "json",
                      input=script(presented, good=5))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answered"] == ALL and report["correct"] == 5
    assert [i["id"] for i in report["items"]] == [p.item.id for p in presented]
    assert [i["correct"] for i in report["items"]] == [True] * 5 + [False] * 3
    assert "Summary by topic" in result.stderr and "Sample topic" in result.stderr
    stored = answers_in(prep.database)
    assert [row[0] for row in stored] == [p.item.id for p in presented]
    assert all(datetime.fromisoformat(row[2]).utcoffset() == timedelta(0) for row in stored)


def test_text_mode_explains_each_answer_with_feedback_and_source(prep):
    presented = plan(seed=11, count=ALL)
    single = next(i for i, p in enumerate(presented) if p.item.id == "s-single")
    answers = [right(p) for p in presented]
    answers[single] = presented[single].letter("start")  # the option with feedback
    result = prep.run("quiz", *BANK, "--seed", "11", "--count", str(ALL), input="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("✓ Right") == ALL - 1 and out.count("✗ Wrong") == 1
    assert "A Pool starts its workers when it is created." in out
    assert "join() requires close() or terminate() first." in out
    assert "https://docs.python.org/3/library/multiprocessing.html#multiprocessing.pool.Pool.join" in out
    assert f"{ALL - 1} of {ALL} right." in out


def test_the_same_seed_gives_the_same_session_and_another_seed_does_not(prep, tmp_path):
    from conftest import Prep

    other = Prep(tmp_path / "other-home")
    answers = "a\n" * ALL
    first = prep.run("quiz", *BANK, "--seed", "42", "--count", str(ALL), input=answers)
    second = other.run("quiz", *BANK, "--seed", "42", "--count", str(ALL), input=answers)
    third = other.run("quiz", *BANK, "--seed", "43", "--count", str(ALL), input=answers)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert third.stdout.split("\n", 1)[1] != first.stdout.split("\n", 1)[1]


def test_count_limits_the_session(prep):
    result = prep.run("quiz", *BANK, "--seed", "1", "--count", "3", "--format", "json", input="?\n" * 10)
    assert json.loads(result.stdout)["answered"] == 3


def test_closed_stdin_midway_keeps_every_answer_and_shows_the_summary(prep):
    presented = plan(seed=8, count=ALL)
    result = prep.run("quiz", *BANK, "--seed", "8", "--count", str(ALL), "--format", "json",
                      input=script(presented[:3], good=3))
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["answered"] == 3 and report["correct"] == 3 and report["stopped"] == "end of input"
    assert "Stopped early" in result.stderr
    assert len(answers_in(prep.database)) == 3


def quiz_midway(prep, seed: int, answered: int, good: int):
    """A quiz process that has committed `answered` answers and waits for the next one."""
    presented = plan(seed=seed, count=ALL)
    proc = prep.popen("quiz", *BANK, "--seed", str(seed), "--count", str(ALL))
    proc.stdin.write(script(presented[:answered], good=good))
    proc.stdin.flush()
    wait_for_answers(prep.database, answered)
    return proc, presented


def test_ctrl_c_midway_keeps_every_answer_and_shows_the_summary(prep):
    proc, _ = quiz_midway(prep, seed=9, answered=2, good=2)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Stopped early (interrupted) after 2 of 8 questions" in out
    assert "Traceback" not in err
    assert len(answers_in(prep.database)) == 2


def test_a_session_killed_with_sigkill_loses_no_committed_answer(prep):
    proc, presented = quiz_midway(prep, seed=10, answered=3, good=1)
    proc.kill()
    proc.communicate(timeout=30)
    with sqlite3.connect(prep.database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = answers_in(prep.database)
    assert [(row[0], row[1]) for row in stored] == [(p.item.id, int(i < 1)) for i, p in enumerate(presented[:3])]
    stats = prep.run("stats", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["reviews"] == 3
    # The killed database keeps working for the next session.
    again = prep.run("quiz", *BANK, "--seed", "10", "--count", "2", input="?\n?\n")
    assert again.returncode == 0 and len(answers_in(prep.database)) == 5


def test_two_quizzes_at_once_lose_nothing(prep):
    runs = []
    for seed in (21, 22):
        presented = plan(seed=seed, count=ALL)
        proc = prep.popen("quiz", *BANK, "--seed", str(seed), "--count", str(ALL), "--format", "json")
        runs.append((proc, script(presented, good=ALL)))
    for proc, answers in runs:
        proc.stdin.write(answers)
        proc.stdin.flush()
    for proc, _ in runs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert json.loads(out)["correct"] == ALL
    assert len(answers_in(prep.database)) == 2 * ALL
    with sqlite3.connect(prep.database) as conn:
        assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == ALL


def test_due_asks_what_fsrs_scheduled_first_then_new_items(prep):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    presented = plan(seed=3, count=4)
    first = prep.run("quiz", *BANK, "--seed", "3", "--count", "4", input=script(presented, good=2),
                     env=prep.env(PREP_NOW=start.isoformat()))
    assert first.returncode == 0, first.stderr
    right_ids = {p.item.id for p in presented[:2]}
    wrong_ids = {p.item.id for p in presented[2:]}
    later = start + timedelta(minutes=5)  # Again is due after 1 minute, Good after 10 (FSRS learning steps)
    with sqlite3.connect(prep.database) as conn:
        rows = conn.execute("SELECT item_id FROM cards WHERE due <= ? ORDER BY due, item_id",
                            (later.isoformat(timespec="microseconds"),))
        due = [row[0] for row in rows]
    assert set(due) == wrong_ids
    second = prep.run("quiz", *BANK, "--due", "--count", "6", "--format", "json", input="?\n" * 6,
                      env=prep.env(PREP_NOW=later.isoformat()))
    asked = [item["id"] for item in json.loads(second.stdout)["items"]]
    assert asked[:2] == due
    assert set(asked[2:]).isdisjoint(right_ids | wrong_ids) and len(asked) == 2 + (ALL - 4)
    # A day later everything answered is due again, the most overdue first; nothing new is left.
    day_after = start + timedelta(days=1)
    third = prep.run("quiz", *BANK, "--due", "--count", "20", "--format", "json", input="?\n" * 20,
                     env=prep.env(PREP_NOW=day_after.isoformat()))
    assert sorted(item["id"] for item in json.loads(third.stdout)["items"]) == sorted(
        p.item.id for p in plan(seed=0, count=ALL))


def test_due_with_nothing_due_says_so(prep):
    now = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc).isoformat()
    prep.run("quiz", *BANK, "--count", str(ALL), input="?\n" * ALL, env=prep.env(PREP_NOW=now))
    result = prep.run("quiz", *BANK, "--due", env=prep.env(PREP_NOW=now))
    assert result.returncode == 0 and "Nothing is due" in result.stdout


def test_python_and_platform_choose_the_variant(prep):
    target = make_target("3.14", "linux")
    presented = plan(seed=4, count=ALL, target=target)
    result = prep.run("quiz", *BANK, "--seed", "4", "--count", str(ALL), "--python", "3.14", "--platform", "linux",
                      "--format", "json", input=script(presented, good=ALL))
    assert json.loads(result.stdout)["correct"] == ALL
    assert "Answer for Python 3.14 on Linux." in result.stderr
    default = next(p for p in presented if p.item.id == "s-default")
    assert default.answer == "forkserver"


def test_unknown_topic_or_platform_is_a_usage_error(prep):
    result = prep.run("quiz", "--topic", "nonsense")
    assert result.returncode == 2 and "Unknown topic: nonsense" in result.stderr and "Traceback" not in result.stderr
    result = prep.run("quiz", "--platform", "beos")
    assert result.returncode == 2 and "beos" in result.stderr


def test_stats_reports_reviews_topics_due_and_misconceptions(prep):
    presented = plan(seed=6, count=ALL)
    answers = [right(p) for p in presented]
    single = next(i for i, p in enumerate(presented) if p.item.id == "s-single")
    answers[single] = presented[single].letter("start")
    prep.run("quiz", *BANK, "--seed", "6", "--count", str(ALL), input="\n".join(answers) + "\n")
    report = json.loads(prep.run("stats", "--format", "json").stdout)
    assert report["reviews"] == ALL and report["correct"] == ALL - 1
    assert report["topics"]["sample"] == {"answered": ALL, "correct": ALL - 1, "accuracy": round(7 / 8, 4)}
    assert report["misconceptions"] == [{"tag": "pool-needs-start", "count": 1}]
    assert report["items_seen"] == ALL
    assert sum(report["reviews_by_day"].values()) == ALL
    text = prep.run("stats")
    assert "pool-needs-start" in text.stdout and "Reviews due" in text.stdout


def test_misconception_drills_only_the_items_that_can_reveal_it(prep):
    result = prep.run("quiz", "--bank", str(SAMPLE_BANK), "--misconception", "qsize-exact", "--count", "50",
                      "--seed", "1", "--format", "json", input="?\n" * 50)
    assert result.returncode == 0, result.stderr
    from grader.quiz.bank import load_bank

    revealing = {item.id for item in load_bank([SAMPLE_BANK]).items if "qsize-exact" in item.misconceptions}
    asked = {item["id"] for item in json.loads(result.stdout)["items"]}
    assert "s-tf" in asked and asked == revealing
    unknown = prep.run("quiz", "--bank", str(SAMPLE_BANK), "--misconception", "no-such-belief")
    assert unknown.returncode == 2 and "Unknown misconception: no-such-belief" in unknown.stderr


def test_matching_cloze_and_spot_the_line_are_asked_and_graded_end_to_end(prep):
    from grader.quiz.bank import load_bank
    from grader.quiz.selection import Criteria, choose, matching_items, present

    from conftest import FIXTURES

    bank_path = FIXTURES / "banks" / "new_types.yaml"
    target = make_target()
    bank = load_bank([bank_path])
    chosen = choose(matching_items(bank, Criteria(("new-types",)), target), 3, 5)
    answers = []
    for p in (present(item, target, 5) for item in chosen):
        if p.item.type.value == "matching":
            answers.append("".join(p.letter(pair.match) for pair in p.answer))
        elif p.item.type.value == "cloze":
            answers.append("close; join")
        else:
            answers.append("11")  # the tempting wrong line
    result = prep.run("quiz", "--bank", str(bank_path), "--topic", "new-types", "--count", "3", "--seed", "5",
                      input="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. Pipe()" in out.replace("`", "") and "Answer with a letter for each numbered row" in out
    assert "____[1]" in out and "Answer with the line number" in out
    assert "Wrong. Answer: line 10" in out and "already stuck one line earlier" in out
    report = json.loads(prep.run("stats", "--format", "json").stdout)
    assert report["reviews"] == 3 and report["correct"] == 2
    assert report["misconceptions"] == [{"tag": "get-blocks-forever", "count": 1}]
