"""Gradescope and GitHub Classroom: `run_autograder` on real submission folders, `classroom_json` on real
gradings, both checked against the platforms' documented fields, and the shipped example files."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from grader.errors import GraderError
from grader.exercises.catalogue import find_exercise
from grader.exercises.workspace import init_workspace
from grader.grading import autograder
from grader.grading.autograder import run_autograder
from grader.grading.formats import (
    CLASSROOM_BUDGET,
    OUTPUT_LIMIT,
    PRINTED,
    classroom_error_json,
    classroom_json,
    gradescope_json,
)
from grader.grading.grade import Check, GradeResult, grade

from conftest import ROOT

SOLUTIONS = ROOT / "solutions"
GRADESCOPE = ROOT / "examples" / "gradescope"
CLASSROOM = ROOT / "examples" / "github-classroom"
WORKFLOW = CLASSROOM / ".github" / "workflows" / "classroom.yml"
FORK = ["fork"]  # one start method keeps these tests quick; the engine's own tests cover the others
# Prints 1,200 characters, then crashes at line 6: failed checks with a line and too much output.
BROKEN01 = '''import multiprocessing


def run_in_processes(task, items) -> list:
    print("debug " * 200)
    raise RuntimeError("not finished")
'''
NOTE = re.compile(r"\[output truncated: showing the first (\d+) of (\d+) characters\]")


# Gradescope's documented fields ------------------------------------------------------------------


TOP_LEVEL = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
             "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST_FIELDS = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
               "visibility", "extra_data"}
FORMATS = {"text", "simple_format", "html", "md", "ansi"}
VISIBILITY = {"visible", "hidden", "after_due_date", "after_published"}


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def validate_gradescope(body: dict) -> None:
    assert isinstance(body, dict) and set(body) <= TOP_LEVEL, set(body) - TOP_LEVEL
    assert is_number(body["score"]) and is_number(body["execution_time"]) and body["execution_time"] >= 0
    assert isinstance(body["output"], str) and len(body["output"]) <= 65_535
    for key in ("output_format", "test_output_format", "test_name_format"):
        assert body.get(key, "text") in FORMATS
    for key in ("visibility", "stdout_visibility"):
        assert body.get(key, "visible") in VISIBILITY
    assert isinstance(body.get("extra_data", {}), dict)
    tests = body["tests"]
    assert isinstance(tests, list)
    # No top-level override in prep's files: the score is the tests' sum.
    assert body["score"] == pytest.approx(sum(t["score"] for t in tests))
    for test in tests:
        assert set(test) <= TEST_FIELDS, set(test) - TEST_FIELDS
        assert is_number(test["score"]) and is_number(test["max_score"]) and 0 <= test["score"] <= test["max_score"]
        assert test["status"] in ("passed", "failed")
        assert (test["status"] == "passed") == (test["score"] == test["max_score"])
        assert isinstance(test["name"], str) and test["name"]
        assert isinstance(test["number"], str) and re.fullmatch(r"\d+\.\d+", test["number"])
        assert isinstance(test["output"], str)
        assert test.get("output_format", "text") in FORMATS and test.get("name_format", "text") in FORMATS
        assert test["visibility"] in VISIBILITY
        assert isinstance(test["tags"], list) and all(isinstance(t, str) for t in test["tags"])
        assert learner_part(test["output"]) is None or len(learner_part(test["output"])) <= OUTPUT_LIMIT
    numbers = [number_key(t["number"]) for t in tests]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)  # ordered, as learners read them


def learner_part(output: str) -> str | None:
    """The learner's own output quoted in a test's output (without the truncation note)."""
    if PRINTED not in output:
        return None
    return NOTE.split(output.split(f"{PRINTED}\n", 1)[1])[0].rstrip("\n")


def grade_folder(submission: Path, tmp_path: Path, names: list[str] | None = None) -> dict:
    results = tmp_path / "results" / "nested" / "results.json"
    assert run_autograder(submission, results, names, start_method="fork") == 0
    assert [p.name for p in results.parent.iterdir()] == ["results.json"]  # no temporary file left behind
    body = json.loads(results.read_text())
    validate_gradescope(body)
    return body


def by_exercise(body: dict, exercise: str) -> list[dict]:
    return [t for t in body["tests"] if t["name"].startswith(f"{exercise}:")]


# run_autograder ----------------------------------------------------------------------------------


def test_a_repository_upload_with_a_solution_and_a_broken_file(tmp_path):
    submission = tmp_path / "submission"
    (submission / "src" / "old").mkdir(parents=True)
    shutil.copy(SOLUTIONS / "exercise03.py", submission / "src" / "exercise03.py")
    (submission / "src" / "old" / "exercise03.py").write_text("def map_with_pool(*a): pass\n")  # deeper: ignored
    (submission / "exercise01.py").write_text(BROKEN01)
    (submission / "exercise02.py").symlink_to(SOLUTIONS / "exercise02.py")  # never followed
    (submission / ".git").mkdir()
    shutil.copy(SOLUTIONS / "exercise04.py", submission / ".git" / "exercise04.py")  # hidden folder: ignored
    body = grade_folder(submission, tmp_path)

    ex01, ex03 = by_exercise(body, "exercise01"), by_exercise(body, "exercise03")
    assert len(ex01) + len(ex03) == len(body["tests"]) and ex01 and ex03
    assert [t["number"] for t in ex01] == [f"1.{n}" for n in range(1, len(ex01) + 1)]
    assert [t["number"] for t in ex03] == [f"3.{n}" for n in range(1, len(ex03) + 1)]
    assert all(t["status"] == "passed" and t["output"] == "passed" for t in ex03)
    failed = [t for t in ex01 if t["status"] == "failed"]
    crashed = next(t for t in failed if "crashed" in t["tags"])
    assert crashed["output"].startswith("line 6: ") and "RuntimeError: not finished" in crashed["output"]
    assert crashed["name"].endswith("[fork]") and crashed["visibility"] == "visible"
    printed = learner_part(crashed["output"])
    assert printed == ("debug " * 200)[:OUTPUT_LIMIT]
    assert NOTE.search(crashed["output"]).groups() == (str(OUTPUT_LIMIT), str(len("debug " * 200) + 1))
    assert body["score"] == len(ex03) + sum(t["status"] == "passed" for t in ex01)

    output = body["output"]
    assert "Found: exercise01 (exercise01.py), exercise03 (src/exercise03.py)." in output
    assert "exercise02.py: a symbolic link" in output and "also found src/old/exercise03.py" in output
    assert "exercise04" not in body["extra_data"]["files"]
    assert "exercise01: failed" in output and "exercise03: passed" in output
    assert body["extra_data"]["graded"] == ["exercise01", "exercise03"]


def test_named_exercises_are_graded_once_each_and_a_missing_one_is_a_failed_test(tmp_path):
    submission = tmp_path / "submission"
    submission.mkdir()
    shutil.copy(SOLUTIONS / "exercise03.py", submission / "exercise03.py")
    body = grade_folder(submission, tmp_path, ["exercise05", "03", "pool_ordering"])
    assert body["tests"][-1]["number"] == "5.1"  # curriculum order, whatever the order named
    (missing,) = by_exercise(body, "exercise05")
    assert missing["status"] == "failed" and missing["score"] == 0 and missing["max_score"] > 0
    assert "No file for exercise05" in missing["output"] and "exercise05.py" in missing["output"]
    ex03 = by_exercise(body, "exercise03")
    assert len({t["number"] for t in ex03}) == len(ex03) == body["score"]  # graded once, all passed
    assert "Missing: exercise05." in body["output"]


def test_an_empty_or_absent_submission_still_gets_a_results_file(tmp_path):
    empty = tmp_path / "submission"
    empty.mkdir()
    body = grade_folder(empty, tmp_path)
    assert body["tests"] == [] and body["score"] == 0
    assert "no exercise files" in body["output"] and "No exercise files found" in body["output"]
    absent = grade_folder(tmp_path / "nowhere", tmp_path, ["exercise01"])
    assert "does not exist" in absent["output"]
    (test,) = absent["tests"]
    assert test["status"] == "failed" and test["number"] == "1.1" and absent["score"] == 0


def test_a_workspace_upload_grades_what_the_learner_changed(tmp_path):
    submission = tmp_path / "submission"
    workspace = init_workspace(submission / "my-prep")
    exercise = find_exercise("exercise03")
    shutil.copy(exercise.solution, workspace / "exercises" / exercise.folder.name / exercise.file)
    (submission / "notes").mkdir()
    (submission / "notes" / "exercise03.py").write_text("# a draft\n")  # shallower, but not the workspace's
    body = grade_folder(submission, tmp_path)
    assert {t["name"].split(":")[0] for t in body["tests"]} == {"exercise03"}
    assert all(t["status"] == "passed" for t in body["tests"])
    assert body["extra_data"]["layout"] == "workspace"
    assert body["extra_data"]["files"]["exercise03"] == "my-prep/exercises/exercise03_pool_ordering/exercise03.py"
    assert "still the starting stub: exercise01, exercise02" in body["output"]
    assert "also found notes/exercise03.py" in body["output"]
    # Named, an untouched stub is graded: the learner did not do it.
    named = grade_folder(submission, tmp_path, ["exercise01"])
    assert named["tests"] and any(t["status"] == "failed" for t in named["tests"])


@pytest.mark.parametrize("problem", [GraderError("the sandbox could not start"), RuntimeError("a bug")])
def test_a_grader_failure_is_a_results_file_saying_so(tmp_path, monkeypatch, problem):
    submission = tmp_path / "submission"
    submission.mkdir()
    shutil.copy(SOLUTIONS / "exercise03.py", submission / "exercise03.py")
    results = tmp_path / "results.json"
    results.write_text("left over from an earlier run")

    def broken(*args, **kwargs):
        raise problem

    monkeypatch.setattr(autograder, "grade", broken)
    assert run_autograder(submission, results, None, start_method="fork") == 0
    body = json.loads(results.read_text())
    validate_gradescope(body)
    assert body["score"] == 0 and body["tests"] == []
    assert body["output"].startswith("The autograder itself failed, not your code") and str(problem) in body["output"]


def test_a_misconfigured_autograder_says_so_and_an_unwritable_results_path_raises(tmp_path):
    results = tmp_path / "results.json"
    assert run_autograder(tmp_path, results, ["exercise99"], start_method="fork") == 0
    body = json.loads(results.read_text())
    validate_gradescope(body)
    assert body["score"] == 0 and "not set up correctly" in body["output"] and "exercise99" in body["output"]
    assert run_autograder(tmp_path, results, None, start_method="vfork") == 0
    body = json.loads(results.read_text())
    assert body["score"] == 0 and "not set up correctly" in body["output"] and "vfork" in body["output"]
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    with pytest.raises(GraderError, match="cannot write the results file"):
        run_autograder(tmp_path, blocked / "results.json", ["exercise99"], start_method="fork")


# The formats on their own ------------------------------------------------------------------------


def synthetic(exercise: str, checks: int, methods: list[str], passed: bool, output: str = "",
              message: str = "it went wrong") -> GradeResult:
    made = [Check(f"check{n}", f"Check number {n}", passed, method, None if passed else message,
                  None if passed else 10 + n, None if passed else "some-rule")
            for n in range(checks) for method in methods]
    return GradeResult(exercise, passed, sum(c.passed for c in made), len(made), 1.5, made, output)


def test_prep_grade_format_gradescope_follows_the_same_fields():
    results = [synthetic("exercise02", 3, ["fork", "spawn"], True),
               synthetic("exercise10", 12, ["fork"], False, output="x" * 2000)]
    body = json.loads(gradescope_json(results))
    validate_gradescope(body)
    assert [t["number"] for t in body["tests"]][-2:] == ["10.11", "10.12"]
    assert learner_part(body["tests"][-1]["output"]) == "x" * OUTPUT_LIMIT


CLASSROOM_TEST = {"name": str, "status": str, "score": (int, float), "message": str, "test_code": str,
                  "filename": str, "line_no": int, "duration": int}


def validate_classroom(text: str) -> dict:
    body = json.loads(text)
    assert set(body) == {"version", "status", "max_score", "tests"}
    assert body["version"] == 1 and body["status"] in ("pass", "fail", "error")
    assert isinstance(body["max_score"], int) and body["max_score"] >= 0
    assert isinstance(body["tests"], list) and body["tests"]  # the reporter divides by their count
    for test in body["tests"]:
        assert set(test) == set(CLASSROOM_TEST)
        for key, kind in CLASSROOM_TEST.items():
            assert isinstance(test[key], kind) and not isinstance(test[key], bool), key
        assert test["status"] in ("pass", "fail", "error") and test["line_no"] >= 0 and test["duration"] >= 0
    assert sum(t["score"] for t in body["tests"]) <= body["max_score"]
    # The reporter gets it base64-encoded through an environment variable: Linux caps one at 128 KiB.
    assert len(base64.b64encode(text.encode())) < 128 * 1024
    return body


def test_classroom_json_from_real_gradings(tmp_path):
    broken = tmp_path / "exercise01.py"
    broken.write_text(BROKEN01)
    results = [grade(find_exercise("exercise01"), broken, FORK),
               grade(find_exercise("exercise03"), SOLUTIONS / "exercise03.py", FORK)]
    body = validate_classroom(classroom_json(results, {"exercise01": "exercises/x/exercise01.py"}))
    assert body["status"] == "fail" and body["max_score"] == len(body["tests"])
    ex01 = [t for t in body["tests"] if t["name"].startswith("exercise01:")]
    ex03 = [t for t in body["tests"] if t["name"].startswith("exercise03:")]
    assert len(ex01) == results[0].max_score and len(ex03) == results[1].max_score  # one method: a test per check
    assert sum(t["score"] for t in ex01) == results[0].score and all(t["status"] == "pass" for t in ex03)
    crashed = next(t for t in ex01 if t["status"] == "fail" and t["line_no"] == 6)
    assert crashed["message"].startswith("line 6: ") and crashed["filename"] == "exercises/x/exercise01.py"
    assert crashed["test_code"] == "prep grade exercise01" and ex03[0]["filename"] == ""
    passing = validate_classroom(classroom_json(results[1:]))
    assert passing["status"] == "pass" and passing["max_score"] == sum(t["score"] for t in passing["tests"])


def test_classroom_json_groups_start_methods_and_stays_small_enough():
    methods = ["fork", "spawn", "forkserver"]
    mixed = synthetic("exercise04", 2, methods, True)
    mixed.checks[1] = Check("check0", "Check number 0", False, "spawn", "hung at line 9", 9, "exit-hang")
    body = validate_classroom(classroom_json([mixed]))
    assert [t["status"] for t in body["tests"]] == ["fail", "pass"] and body["max_score"] == 2
    assert body["tests"][0]["message"].endswith("(fails under spawn)") and body["tests"][0]["line_no"] == 9
    # Every exercise failing every check with long messages and output: still under the budget.
    worst = [synthetic(f"exercise{n:02d}", 15, methods, False, output="y" * 5000, message="z" * 5000)
             for n in range(1, 13)]
    text = classroom_json(worst)
    assert len(text) <= CLASSROOM_BUDGET
    assert validate_classroom(text)["max_score"] == 12 * 15
    error = validate_classroom(classroom_error_json("the sandbox could not start"))
    assert error["status"] == "error" and error["max_score"] == 0 and error["tests"][0]["status"] == "error"
    assert validate_classroom(classroom_json([]))["status"] == "error"


# The example files -------------------------------------------------------------------------------


def test_the_gradescope_example_files_are_there_and_executable():
    for name in ("setup.sh", "run_autograder", "build.sh"):
        script = GRADESCOPE / name
        assert script.is_file() and script.stat().st_mode & stat.S_IXUSR, name
        assert script.read_text().startswith("#!/usr/bin/env bash\n")
        assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0, name
    assert (GRADESCOPE / "README.md").is_file() and (GRADESCOPE / "exercises.txt").is_file()
    assert "/autograder/submission" in (GRADESCOPE / "run_autograder").read_text()
    assert "/autograder/results/results.json" in (GRADESCOPE / "run_autograder").read_text()


def run_gradescope_script(tmp_path: Path, prep_bin: str, exercises: str) -> tuple[subprocess.CompletedProcess, Path]:
    source = tmp_path / "source"
    source.mkdir(exist_ok=True)
    (source / "exercises.txt").write_text(exercises)
    results = tmp_path / "out" / "results.json"
    env = {**os.environ, "PREP_SOURCE_DIR": str(source), "PREP_SUBMISSION": str(tmp_path / "submission"),
           "PREP_RESULTS": str(results), "PREP_BIN": prep_bin, "PREP_HOME": str(tmp_path / "home")}
    run = subprocess.run([str(GRADESCOPE / "run_autograder")], env=env, capture_output=True, text=True, timeout=120)
    return run, results


def test_run_autograder_passes_the_paths_and_listed_exercises_and_never_leaves_no_results(tmp_path):
    fake = tmp_path / "fake-prep"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {tmp_path}/args\nexit 3\n')
    fake.chmod(0o755)
    run, results = run_gradescope_script(tmp_path, str(fake), "# the assignment\nexercise03 pool_ordering # two\n\n05")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "args").read_text().split("\n")[:-1] == [
        "autograder", "--submission", str(tmp_path / "submission"), "--results", str(results),
        "exercise03", "pool_ordering", "05"]
    body = json.loads(results.read_text())  # prep wrote nothing: the script's own fallback
    validate_gradescope(body)
    assert body["score"] == 0 and "exited with code 3" in body["output"]


def test_run_autograder_grades_with_the_installed_prep(tmp_path):
    """End to end through `prep autograder` (needs the CLI command)."""
    (tmp_path / "submission").mkdir()
    shutil.copy(SOLUTIONS / "exercise03.py", tmp_path / "submission" / "exercise03.py")
    prep = Path(sys.executable).parent / "prep"
    run, results = run_gradescope_script(tmp_path, str(prep), "exercise03\n")
    assert run.returncode == 0, run.stderr
    body = json.loads(results.read_text())
    validate_gradescope(body)
    assert body["tests"] and body["score"] == len(body["tests"]), body["output"]


def load_workflow() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    return workflow


def test_the_classroom_workflow_feeds_the_stock_reporter():
    assert (CLASSROOM / "README.md").is_file()
    workflow = load_workflow()
    assert workflow["name"] == "Autograding Tests"  # Classroom records points only from this workflow
    assert list(workflow["jobs"]) == ["run-autograding-tests"]
    assert workflow["permissions"]["checks"] == "write"
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    by_id = {s["id"]: s for s in steps if "id" in s}
    (reporter,) = [s for s in steps if s.get("uses", "").startswith("classroom-resources/autograding-grading-reporter")]
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    runners = reporter["with"]["runners"].split(",")
    assert runners and steps.index(reporter) == len(steps) - 1
    for runner in runners:
        assert runner in by_id and re.fullmatch(r"[A-Za-z0-9]+", runner)
        fed = reporter["env"][f"{runner.upper()}_RESULTS"].replace(" ", "")
        assert fed == f"${{{{steps.{runner}.outputs.result}}}}"
        script = by_id[runner]["run"]
        assert "prep grade" in script and "--format classroom" in script and "base64" in script
        assert "result=" in script and "$GITHUB_OUTPUT" in script


def run_workflow_step(tmp_path: Path, workspace: Path, path_first: Path, **env: str) -> dict:
    """The grading step's script, run here as Actions would: bash, its env, a GITHUB_OUTPUT file."""
    workflow = load_workflow()
    step = next(s for s in workflow["jobs"]["run-autograding-tests"]["steps"] if s.get("id") == "prep")
    outputs = tmp_path / "github-output"
    outputs.write_text("")
    environment = {**os.environ, **workflow["env"], **step.get("env", {}), **env, "GITHUB_OUTPUT": str(outputs),
                   "PATH": f"{path_first}:{Path(sys.executable).parent}:{os.environ['PATH']}",
                   "PREP_HOME": str(tmp_path / "home")}
    run = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=workspace, env=environment,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    (line,) = outputs.read_text().splitlines()
    key, _, value = line.partition("=")
    assert key == "result"
    return validate_classroom(base64.b64decode(value).decode())


def test_the_grading_step_reports_an_error_when_prep_cannot_grade(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "prep").write_text("#!/bin/sh\necho 'grader error: boom' >&2\nexit 3\n")
    (bin_dir / "prep").chmod(0o755)
    body = run_workflow_step(tmp_path, tmp_path, bin_dir)
    assert body["status"] == "error" and "exited with code 3" in body["tests"][0]["message"]


def test_the_grading_step_grades_a_prep_workspace(tmp_path):
    """End to end through `prep grade --format classroom` (needs the CLI format)."""
    workspace = init_workspace(tmp_path / "learner-repo")
    exercise = find_exercise("exercise03")
    shutil.copy(exercise.solution, workspace / "exercises" / exercise.folder.name / exercise.file)
    body = run_workflow_step(tmp_path, workspace, Path(sys.executable).parent, PREP_EXERCISE="exercise03",
                             PREP_GRADE_OPTIONS="--start-method fork")
    assert body["status"] == "pass"
    assert body["max_score"] == len(body["tests"]) == sum(t["score"] for t in body["tests"])
