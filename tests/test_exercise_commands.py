"""The learner's exercise commands: a workspace, the list with status, prompts, hints, the solution gate,
and the machine-readable result formats."""

from __future__ import annotations

import json
import subprocess
from xml.etree import ElementTree as ET

import pytest

import grader.cli as cli
from grader.errors import EXIT_INTERNAL, EXIT_USAGE, PrepError

from conftest import ROOT, prep_command

SOLUTION03 = ROOT / "solutions" / "exercise03.py"
STUB_VARIANT = ROOT / "tests" / "exercise_variants" / "exercise03" / "fail_with_no_close_join.py"


def test_a_workspace_is_found_from_any_folder_inside_it_and_graded_there(prep, tmp_path):
    workspace = tmp_path / "work"
    made = prep.run("init", str(workspace))
    assert made.returncode == 0, made.stderr
    learner = workspace / "exercises" / "exercise03_pool_ordering" / "exercise03.py"
    assert learner.read_text() == (ROOT / "exercises" / "exercise03_pool_ordering" / "exercise03.py").read_text()
    learner.write_text(SOLUTION03.read_text())
    inside = workspace / "exercises"
    graded = subprocess.run([*prep_command(), "grade", "pool_ordering", "--format", "json", "--start-method", "fork"],
                            cwd=inside, capture_output=True, text=True, env=prep.env(), timeout=120)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert json.loads(graded.stdout)["passed"] is True
    again = prep.run("init", str(workspace))
    assert again.returncode == 2 and "already a prep workspace" in again.stderr


def test_exercises_lists_status_from_the_progress_store(prep):
    listed = json.loads(prep.run("exercises", "--format", "json").stdout)
    assert [e["id"] for e in listed] == [f"exercise{n:02d}" for n in range(1, 13)]
    assert {e["status"] for e in listed} == {"not started"}
    prep.run("grade", "exercise03", "--file", str(STUB_VARIANT), "--start-method", "fork")
    status = {e["id"]: e["status"] for e in json.loads(prep.run("exercises", "--format", "json").stdout)}
    assert status["exercise03"] == "failing"
    prep.run("grade", "exercise03", "--file", str(SOLUTION03), "--start-method", "fork")
    status = {e["id"]: e["status"] for e in json.loads(prep.run("exercises", "--format", "json").stdout)}
    assert status["exercise03"] == "passed"


def test_hints_are_revealed_one_tier_at_a_time(prep):
    first = prep.run("hint", "exercise03").stdout
    assert "Hint 1/3" in first and "Hint 2/3" not in first
    second = prep.run("hint", "03").stdout
    assert "Hint 2/3" in second and "Hint 3/3" not in second
    third = prep.run("hint", "pool_ordering").stdout
    assert "Hint 3/3" in third and "last hint" in third


def test_show_prints_the_prompt(prep):
    shown = prep.run("show", "exercise01")
    assert shown.returncode == 0 and "run_in_processes" in shown.stdout


def test_the_solution_opens_only_after_passing_unless_forced(prep):
    locked = prep.run("solution", "exercise03")
    assert locked.returncode == 2 and "opens once" in locked.stderr
    forced = prep.run("solution", "exercise03", "--force")
    assert forced.returncode == 0 and "def map_with_pool" in forced.stdout and "warning" in forced.stderr
    prep.run("grade", "exercise03", "--file", str(SOLUTION03), "--start-method", "fork")
    opened = prep.run("solution", "exercise03")
    assert opened.returncode == 0 and "warning" not in opened.stderr


def test_junit_output_is_valid_xml_with_a_failure_per_broken_check(prep):
    result = prep.run("grade", "exercise03", "--file", str(STUB_VARIANT), "--format", "junit", "--start-method", "fork")
    assert result.returncode == 1
    suite = ET.fromstring(result.stdout).find("testsuite")
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("tests")) == len(cases) and int(suite.get("failures")) == len(failures) >= 1
    assert any("close()" in f.find("failure").get("message") for f in failures)


def test_gradescope_output_has_the_documented_fields(prep):
    result = prep.run("grade", "exercise03", "--file", str(SOLUTION03), "--format", "gradescope",
                      "--start-method", "fork")
    assert result.returncode == 0
    body = json.loads(result.stdout)
    assert {"score", "execution_time", "output", "tests"} <= set(body)
    assert body["score"] == sum(t["score"] for t in body["tests"]) == len(body["tests"])
    for test in body["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert test["status"] in ("passed", "failed") and test["visibility"] == "visible"


def test_reset_restores_the_stub_after_asking_and_keeps_a_backup(prep, tmp_path):
    workspace = tmp_path / "work"
    prep.run("init", str(workspace))
    learner = workspace / "exercises" / "exercise03_pool_ordering" / "exercise03.py"
    original = learner.read_text()
    learner.write_text("# my attempt\n")

    def reset(*args, answer=""):
        return subprocess.run([*prep_command(), "reset", "exercise03", *args], cwd=workspace, input=answer,
                              capture_output=True, text=True, env=prep.env(), timeout=60)

    declined = reset(answer="n\n")
    assert declined.returncode == 0 and learner.read_text() == "# my attempt\n"
    done = reset(answer="y\n")
    assert done.returncode == 0 and learner.read_text() == original
    (backup,) = learner.parent.glob("exercise03.py.*.bak")
    assert backup.read_text() == "# my attempt\n"
    assert "already the original stub" in reset("--yes").stdout


def test_watch_regrades_after_a_save_by_rename_and_stops_on_ctrl_c(prep, tmp_path):
    import os
    import signal
    import time

    learner = tmp_path / "exercise03.py"
    learner.write_text(STUB_VARIANT.read_text())
    proc = prep.popen("watch", "exercise03", "--file", str(learner), "--start-method", "fork")
    os.set_blocking(proc.stdout.fileno(), False)
    seen = ""

    def wait_for(text: str, timeout: float = 60) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while text not in seen:
            assert time.monotonic() < deadline, f"never saw {text!r} in:\n{seen}"
            try:
                seen += os.read(proc.stdout.fileno(), 65536).decode(errors="replace")
            except BlockingIOError:
                time.sleep(0.05)

    try:
        wait_for("Watching for changes")
        assert "Call close() and join()" in seen
        seen = ""
        replacement = tmp_path / ".exercise03.py.swp"
        replacement.write_text(SOLUTION03.read_text())
        os.replace(replacement, learner)  # how many editors save
        wait_for("Watching for changes")
        assert "exercise03 passed" in seen
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode in (0, 130)


def test_grade_all_grades_every_exercise_of_the_workspace(prep, tmp_path):
    workspace = tmp_path / "work"
    prep.run("init", str(workspace))
    for folder in (workspace / "exercises").glob("exercise*_*"):
        (folder / f"{folder.name.split('_')[0]}.py").write_text((ROOT / "solutions" / f"{folder.name.split('_')[0]}.py")
                                                               .read_text())
    graded = subprocess.run([*prep_command(), "grade", "--all", "--format", "json"], cwd=workspace,
                            capture_output=True, text=True, env=prep.env(), timeout=300)
    assert graded.returncode == 0, graded.stdout[-2000:] + graded.stderr
    results = json.loads(graded.stdout)
    assert [r["exercise"] for r in results] == [f"exercise{n:02d}" for n in range(1, 13)]
    assert all(r["passed"] for r in results), [r["exercise"] for r in results if not r["passed"]]
    assert prep.run("grade", "--all", "exercise03").returncode == 2


def test_every_rule_points_to_a_quiz_topic_that_has_questions():
    """A failed check says `prep quiz --topic T`: T must exist and have items to drill."""
    from grader.exercises.catalogue import load_catalogue
    from grader.grading.messages import RULES
    from grader.quiz.bank import load_bank

    bank = load_bank()
    with_items = {topic for item in bank.items for topic in item.topics}
    assert {rule.topic for rule in RULES.values() if rule.topic} <= with_items
    assert {topic for exercise in load_catalogue() for topic in exercise.topics} <= with_items


def test_a_bug_in_prep_exits_3_with_its_trace_and_says_it_is_not_the_users_fault(monkeypatch, capsys):
    def broken():
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    err = capsys.readouterr().err
    assert stopped.value.code == EXIT_INTERNAL == 3
    assert "KeyError: 'a bug'" in err and cli.INTERNAL_ERROR in err

    def refused():
        raise PrepError("no such exercise: exercise99")

    monkeypatch.setattr(cli, "app", refused)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    err = capsys.readouterr().err
    assert stopped.value.code == EXIT_USAGE and err == "error: no such exercise: exercise99\n"
