"""Grading a class with `prep grade --submissions`: every learner, cached, never stopped by one bad file."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import ROOT

SOLUTION = ROOT / "solutions" / "exercise03.py"
VARIANTS = ROOT / "tests" / "exercise_variants" / "exercise03"
GOLDEN = ROOT / "tests" / "golden" / "exercise03"
ONE_METHOD = ("--start-method", "fork")


@pytest.fixture
def classroom(tmp_path: Path, prep) -> Path:
    """alice: flat files; bob: a workspace with a known mistake; carol: a spinning loop; dave: no files."""
    folder = tmp_path / "class"
    (folder / "alice").mkdir(parents=True)
    shutil.copyfile(SOLUTION, folder / "alice" / "exercise03.py")
    (folder / "alice" / "backup").mkdir()  # an older attempt, deeper: the shallower file is the submission
    shutil.copyfile(VARIANTS / "fail_join_without_close.py", folder / "alice" / "backup" / "exercise03.py")
    prep.run("init", str(folder / "bob"))
    shutil.copyfile(VARIANTS / "fail_join_without_close.py",
                    folder / "bob" / "exercises" / "exercise03_pool_ordering" / "exercise03.py")
    (folder / "carol" / "src").mkdir(parents=True)
    shutil.copyfile(GOLDEN / "cpu_spin.py", folder / "carol" / "src" / "exercise03.py")
    (folder / "dave").mkdir()
    (folder / "dave" / "notes.md").write_text("I will do it tomorrow\n")
    (folder / "README.txt").write_text("the class of November\n")
    return folder


def grade_class(prep, folder: Path, *extra: str):
    result = prep.run("grade", "--submissions", str(folder), "exercise03", *ONE_METHOD, "--format", "json", *extra,
                      timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_every_learner_is_graded_and_every_skipped_folder_says_why(prep, classroom):
    report = grade_class(prep, classroom)
    by_name = {learner["name"]: learner for learner in report["learners"]}
    assert sorted(by_name) == ["alice", "bob", "carol"]
    assert by_name["alice"]["results"]["exercise03"]["status"] == "passed"
    assert by_name["alice"]["layout"] == "flat" and by_name["bob"]["layout"] == "workspace"
    assert [note for note in by_name["alice"]["notes"] if "also found backup/exercise03.py" in note]
    bob = by_name["bob"]["results"]["exercise03"]
    assert bob["status"] == "failed" and bob["first_failure"]["rule"] == "close-before-join"
    # A spinning submission is stopped by its own limits; the batch goes on.
    assert by_name["carol"]["results"]["exercise03"]["status"] == "failed"
    skipped = {Path(s["folder"]).name: s["reason"] for s in report["skipped"]}
    assert skipped.keys() == {"dave", "README.txt"}
    assert "no exercise files" in skipped["dave"] and "not a folder" in skipped["README.txt"]
    rules = {rule["rule"]: rule for rule in report["common_rules"]}
    assert rules["close-before-join"]["learners"] == 1 and rules["close-before-join"]["topic"] == "pool"


def test_an_unchanged_submission_is_not_graded_again(prep, classroom):
    first = grade_class(prep, classroom)
    assert not any(learner["results"]["exercise03"]["cached"] for learner in first["learners"])
    (classroom / "alice" / "exercise03.py").write_text(SOLUTION.read_text() + "\n# a late edit\n")
    second = grade_class(prep, classroom)
    cached = {learner["name"]: learner["results"]["exercise03"]["cached"] for learner in second["learners"]}
    assert cached == {"alice": False, "bob": True, "carol": True}
    bob_then, bob_now = (next(x["results"]["exercise03"] for x in run["learners"] if x["name"] == "bob")
                         for run in (first, second))
    assert {**bob_then, "cached": True} == bob_now  # the same verdict, read back
    # A late learner costs one grading; everyone else is read back.
    (classroom / "erin").mkdir()
    # (her own file: the cache is keyed by content, so a copy of someone's file is read back, rightly)
    (classroom / "erin" / "exercise03.py").write_text(SOLUTION.read_text() + "\n# erin's own\n")
    third = grade_class(prep, classroom)
    cached = {learner["name"]: learner["results"]["exercise03"]["cached"] for learner in third["learners"]}
    assert cached == {"alice": True, "bob": True, "carol": True, "erin": False}


def test_a_missing_exercise_counts_as_missing_not_as_a_crash(prep, classroom):
    result = prep.run("grade", "--submissions", str(classroom), "exercise01", "exercise03", *ONE_METHOD,
                      "--format", "json", timeout=300)
    alice = next(x for x in json.loads(result.stdout)["learners"] if x["name"] == "alice")
    assert alice["results"]["exercise01"]["status"] == "missing"
    assert "exercise01.py" in alice["results"]["exercise01"]["reason"]
    assert alice["graded"] == 1 and alice["passed"] == 1


def test_grades_csv_has_a_row_per_learner_and_a_column_per_exercise(prep, classroom, tmp_path):
    grades = tmp_path / "out" / "grades.csv"
    result = prep.run("grade", "--submissions", str(classroom), "exercise03", *ONE_METHOD, "--csv", str(grades),
                      timeout=300)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(grades.read_text())))
    assert [row["learner"] for row in rows] == ["alice", "bob", "carol"]
    alice = rows[0]
    assert alice["exercise03"] == "100" and alice["exercises_passed"] == "1" and alice["exercise_percent"] == "100"
    assert 0 < int(rows[1]["exercise03"]) < 100
    assert "alice" in result.stdout and "skipped" in result.stdout  # the terminal summary


def test_junit_has_a_suite_per_learner(prep, classroom):
    result = prep.run("grade", "--submissions", str(classroom), "exercise03", *ONE_METHOD, "--format", "junit",
                      timeout=300)
    suites = ET.fromstring(result.stdout)
    assert [suite.get("name") for suite in suites] == ["alice", "bob", "carol"]
    bob = suites[1].find("testcase")
    assert bob.find("failure").get("type") == "close-before-join"


def test_batch_options_are_checked(prep, tmp_path):
    assert prep.run("grade", "--submissions", str(tmp_path / "nowhere")).returncode == 2
    assert prep.run("grade", "--submissions", str(tmp_path), "-j", "0").returncode == 2
    assert prep.run("grade", "exercise03", "--csv", str(tmp_path / "g.csv")).returncode == 2


def test_a_team_quiz_session_is_reported_per_participant(prep, tmp_path):
    exports = []
    for name, answer in (("ann", "?"), ("ben", "?")):
        path = tmp_path / f"{name}.json"
        result = prep.run("quiz", "--seed", "11", "--count", "4", "--name", name, "--export", str(path),
                          input=f"{answer}\n" * 4)
        assert result.returncode == 0, result.stderr
        exports.append(path)
    report = json.loads(prep.run("report", "--quiz", *map(str, exports), "--format", "json").stdout)
    assert [p["name"] for p in report["participants"]] == ["ann", "ben"]
    assert report["seed"] == 11 and report["count"] == 4
    assert all(p["score"] == 0 and p["total"] == 4 for p in report["participants"])
    assert report["hardest"] and report["hardest"][0]["asked"] == 2 and report["hardest"][0]["wrong"] == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = prep.run("report", "--quiz", str(bad))
    assert result.returncode == 2 and "bad.json is not JSON" in result.stderr


def test_html_reports_are_written_for_a_class_and_a_team_quiz(prep, classroom, tmp_path):
    page = tmp_path / "report.html"
    result = prep.run("grade", "--submissions", str(classroom), "exercise03", *ONE_METHOD, "--html", str(page),
                      timeout=300)
    assert result.returncode == 0, result.stderr
    html = page.read_text()
    assert all(name in html for name in ("alice", "bob", "carol", "dave")) and "close() before join()" in html
    export = tmp_path / "ann.json"
    prep.run("quiz", "--seed", "3", "--count", "2", "--name", "ann", "--export", str(export), input="?\n?\n")
    quiz_page = tmp_path / "quiz.html"
    assert prep.run("report", "--quiz", str(export), "--html", str(quiz_page)).returncode == 0
    assert "ann" in quiz_page.read_text()
