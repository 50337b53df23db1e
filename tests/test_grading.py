"""Golden tests: the real `prep grade --format json` over every known situation of exercise01 and exercise03.

Each file under tests/exercise_variants/<exercise>/ starts with `# expect: pass` or `# expect: fail <rule>`:
another correct style must pass; a known mistake must fail, with its rule among the failed checks.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, expectations

VARIANTS = ROOT / "tests" / "exercise_variants"
EXERCISES = ("exercise01", "exercise03")


def expectation(path: Path) -> tuple[str, str | None]:
    kind, *rule = expectations(path)["expect"].split()
    assert kind in ("pass", "fail"), path
    return kind, rule[0] if rule else None


def grade_json(prep, exercise: str, path: Path) -> tuple[int, dict]:
    result = prep.run("grade", exercise, "--file", str(path), "--format", "json", timeout=180)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


CASES = [(exercise, path) for exercise in EXERCISES for path in sorted((VARIANTS / exercise).glob("*.py"))]


def test_every_exercise_has_enough_variants():
    for exercise in EXERCISES:
        kinds = [expectation(p)[0] for p in (VARIANTS / exercise).glob("*.py")]
        assert kinds.count("pass") >= 2 and kinds.count("fail") >= 5, exercise


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_reference_solution_passes_every_check_under_every_start_method(prep, exercise):
    code, report = grade_json(prep, exercise, ROOT / "solutions" / f"{exercise}.py")
    assert code == 0 and report["passed"] and report["score"] == report["max_score"] > 0
    methods = {check["start_method"] for check in report["checks"]}
    import multiprocessing

    assert methods == set(multiprocessing.get_all_start_methods())


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_stub_fails_with_not_implemented(prep, exercise):
    stub = next((ROOT / "exercises").glob(f"{exercise}_*")) / f"{exercise}.py"
    code, report = grade_json(prep, exercise, stub)
    assert code == 1 and not report["passed"] and report["score"] == 0
    assert {check["id"] for check in report["checks"]} and all(
        "NotImplementedError" in check["message"] for check in report["checks"])


def test_every_variant_gets_its_expected_verdict(prep):
    def one(case):
        exercise, path = case
        return case, grade_json(prep, exercise, path)

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(one, CASES))
    wrong = []
    for (exercise, path), (code, report) in outcomes:
        kind, rule = expectation(path)
        failed_rules = {c["rule"] for c in report["checks"] if not c["passed"]}
        if kind == "pass" and (code != 0 or failed_rules):
            wrong.append(f"{exercise}/{path.name}: expected to pass, failed {sorted(failed_rules)}")
        if kind == "fail" and (code != 1 or rule not in failed_rules):
            wrong.append(f"{exercise}/{path.name}: expected rule {rule}, failed {sorted(failed_rules)}")
    assert wrong == [], "\n".join(wrong)


def test_a_failed_check_names_the_rule_the_line_and_the_quiz_topic(prep):
    _, report = grade_json(prep, "exercise03", VARIANTS / "exercise03" / "fail_get_in_submit_loop.py")
    (check, *_) = [c for c in report["checks"] if c["rule"] == "submit-all-before-get"]
    assert check["line"] and f"line {check['line']}" in check["message"]
    assert "prep quiz --topic pool" in check["message"]


def test_a_join_before_drain_hang_is_diagnosed_with_the_blocked_line(prep):
    path = VARIANTS / "exercise01" / "fail_join_before_drain.py"
    _, report = grade_json(prep, "exercise01", path)
    (check, *_) = [c for c in report["checks"] if c["rule"] == "drain-before-join"]
    join_line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if ".join()" in text)
    assert check["line"] == join_line
    assert f"the main process was stuck at line {join_line} (`" in check["message"]


def test_text_output_shows_the_first_failure_prominently(prep):
    result = prep.run("grade", "exercise03", "--file", str(VARIANTS / "exercise03" / "fail_join_without_close.py"),
                      "--start-method", "fork")
    assert result.returncode == 1
    first_panel = result.stdout.split("\n\n")[0]
    assert "close() before join()" in result.stdout.splitlines()[0] or "close() before join()" in first_panel


def test_usage_errors_exit_2_and_grader_errors_are_not_blamed_on_the_learner(prep, tmp_path):
    assert prep.run("grade", "exercise99").returncode == 2
    assert prep.run("grade", "exercise03", "--file", str(tmp_path / "missing.py")).returncode == 2
    assert prep.run("grade", "exercise03", "--start-method", "vfork").returncode == 2
