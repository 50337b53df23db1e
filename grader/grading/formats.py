"""GradeResult in the formats other tools read: JUnit XML, Gradescope's results.json and the GitHub
Classroom runner JSON.

Gradescope gets a test per check (and start method), GitHub Classroom a test per check with its start
methods together (see classroom_json); both in the order `grade()` reports them, exercises in the order
given, and described by the same check_report().
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

from grader.grading.grade import Check, GradeResult

OUTPUT_LIMIT = 500  # per-test learner output, as Exercism and Gradescope show it
MESSAGE_LIMIT = 4000  # a check's message can quote the learner's exception text
TOP_LEVEL_LIMIT = 65_535  # Gradescope's (and Exercism's) top-level message
CLASSROOM_VERSION = 1
# Characters of runner JSON: base64 makes them 4/3 as many, and the reporter's environment variable
# must stay under Linux's 128 KiB limit for one string.
CLASSROOM_BUDGET = 90_000


def _check_name(check: Check) -> str:
    return f"{check.title} [{check.start_method}]" if check.start_method else check.title


def check_test_name(exercise: str, check: Check) -> str:
    return f"{exercise}: {_check_name(check)}"


def check_number(exercise: str, index: int) -> str:
    """Gradescope's ordering key: "3.1" for the first check of exercise03."""
    digits = "".join(ch for ch in exercise if ch.isdigit())
    return f"{int(digits) if digits else 0}.{index}"


def truncated(text: str, limit: int) -> tuple[str, str]:
    """The first `limit` characters, and a note saying how much was left out ("" when nothing was)."""
    if len(text) <= limit:
        return text, ""
    return text[:limit], TRUNCATED.format(shown=limit, total=len(text))


def top_level_text(text: str) -> str:
    """A top-level message within TOP_LEVEL_LIMIT characters, the note included."""
    shown, cut = truncated(text, TOP_LEVEL_LIMIT - 100)
    return f"{shown}\n{cut}" if cut else shown


def check_report(check: Check, learner_output: str = "") -> str:
    """What a learner reads about one check: the verdict or message at its line, and for a failed check
    the program's own output (at most OUTPUT_LIMIT characters of it, with a note when cut)."""
    if check.passed:
        return PASSED
    message, cut = truncated(check.message or FAILED, MESSAGE_LIMIT)
    text = (f"line {check.line}: {message}" if check.line else message) + (f"\n{cut}" if cut else "")
    if learner_output.strip():
        shown, cut = truncated(learner_output, OUTPUT_LIMIT)
        text += f"\n\n{PRINTED}\n{shown}" + (f"\n{cut}" if cut else "")
    return text


def junit_xml(results: list[GradeResult]) -> str:
    suites = ET.Element("testsuites")
    for result in results:
        failures = sum(not c.passed for c in result.checks)
        suite = ET.SubElement(suites, "testsuite", name=result.exercise, tests=str(len(result.checks)),
                              failures=str(failures), time=f"{result.duration_s:.3f}")
        for check in result.checks:
            case = ET.SubElement(suite, "testcase", classname=result.exercise, name=_check_name(check))
            if not check.passed:
                failure = ET.SubElement(case, "failure", message=(check.message or "")[:1000], type=check.rule or "")
                failure.text = f"line {check.line}: {check.message}" if check.line else check.message
        if result.output:
            ET.SubElement(suite, "system-out").text = result.output[:OUTPUT_LIMIT * 20]
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


# Gradescope ----------------------------------------------------------------------------------------


def gradescope_tests(result: GradeResult) -> list[dict[str, Any]]:
    return [{
        "name": check_test_name(result.exercise, check), "number": check_number(result.exercise, index),
        "score": 1.0 if check.passed else 0.0, "max_score": 1.0,
        "status": "passed" if check.passed else "failed",
        "output": check_report(check, result.output), "output_format": "text",
        "tags": [t for t in (check.rule,) if t], "visibility": "visible",
    } for index, check in enumerate(result.checks, start=1)]


def gradescope_failed_test(exercise: str, title: str, message: str) -> dict[str, Any]:
    """A test entry standing for an exercise that could not be graded (no file, an unusable file)."""
    return {"name": f"{exercise}: {title}", "number": check_number(exercise, 1), "score": 0.0, "max_score": 1.0,
            "status": "failed", "output": message, "output_format": "text", "tags": [], "visibility": "visible"}


def result_line(result: GradeResult) -> str:
    verdict = "passed" if result.passed else "failed"
    line = f"{result.exercise}: {verdict} ({result.score}/{result.max_score} checks)"
    first = result.first_failure
    if first is not None:
        message, _ = truncated(first.message or FAILED, 300)
        line += f"; first to fix: {first.title}" + (f" (line {first.line})" if first.line else "") + f": {message}"
    return line


def gradescope_body(results: list[GradeResult], *, tests: list[dict[str, Any]] | None = None,
                    output: str | None = None, execution_time: float | None = None,
                    extra_data: dict[str, Any] | None = None) -> dict[str, Any]:
    """results.json as a dict. `tests` replaces the tests built from `results` (the autograder adds
    entries for missing exercises); the score is always the sum of the tests' scores."""
    tests = tests if tests is not None else [t for r in results for t in gradescope_tests(r)]
    if output is None:
        output = "\n".join(result_line(r) for r in results)
    body: dict[str, Any] = {
        "score": float(sum(t["score"] for t in tests)),
        "execution_time": round(execution_time if execution_time is not None
                                else sum(r.duration_s for r in results), 3),
        "output": top_level_text(output),
        "output_format": "text", "test_output_format": "text",
        "visibility": "visible", "stdout_visibility": "hidden", "tests": tests,
    }
    if extra_data is not None:
        body["extra_data"] = extra_data
    return body


def gradescope_json(results: list[GradeResult]) -> str:
    return json.dumps(gradescope_body(results), indent=2) + "\n"


# GitHub Classroom ----------------------------------------------------------------------------------


def classroom_json(results: list[GradeResult], files: Mapping[str, str] | None = None) -> str:
    """The runner JSON (version 1) that `classroom-resources/autograding-grading-reporter` reads from a
    step's base64 `result` output: a test per check of each exercise, one point each.

    A check's start methods make one test (failed if it fails under any): the reporter gets the JSON
    through an environment variable, and Linux refuses one longer than 128 KiB, which a test per check
    and start method would pass with `--all`. For the same reason the JSON is kept under
    CLASSROOM_BUDGET characters, dropping the learner's output, then shortening messages, if it must.
    `files` maps an exercise id to the learner's file as the learner sees it (`filename`).
    """
    if not results:
        return classroom_error_json(NOTHING_GRADED)
    status = "pass" if all(r.passed for r in results) else "fail"
    for with_output, message_limit in ((True, MESSAGE_LIMIT), (False, MESSAGE_LIMIT), (False, 300), (False, 80)):
        tests = [test for r in results for test in _classroom_tests(r, files or {}, with_output, message_limit)]
        body = {"version": CLASSROOM_VERSION, "status": status, "max_score": len(tests), "tests": tests}
        text = json.dumps(body) + "\n"
        if len(text) <= CLASSROOM_BUDGET:
            break
    return text


def _classroom_tests(result: GradeResult, files: Mapping[str, str], with_output: bool,
                     message_limit: int) -> list[dict[str, Any]]:
    by_check: dict[str, list[Check]] = {}
    for check in result.checks:
        by_check.setdefault(check.id, []).append(check)
    share = round(result.duration_s * 1000 / max(1, len(by_check)))
    tests = []
    for checks in by_check.values():
        failed = [c for c in checks if not c.passed]
        message = ""
        if failed:
            report = check_report(failed[0], result.output if with_output else "")
            message, cut = truncated(report, message_limit)
            message += "…" if cut else ""
            methods = [c.start_method for c in failed if c.start_method]
            if methods and len(checks) > 1:
                message += f"\n(fails under {', '.join(methods)})"
        tests.append({
            "name": f"{result.exercise}: {checks[0].title}", "status": "fail" if failed else "pass",
            "score": 0 if failed else 1, "message": message, "test_code": f"prep grade {result.exercise}",
            "filename": files.get(result.exercise, ""), "line_no": (failed[0].line if failed else None) or 0,
            "duration": share,
        })
    return tests


def classroom_error_json(message: str) -> str:
    """A runner JSON saying the grading itself failed: the reporter marks the run as errored and posts no
    points (max_score 0), rather than a zero the learner did not earn."""
    body = {"version": CLASSROOM_VERSION, "status": "error", "max_score": 0, "tests": [{
        "name": "prep grade", "status": "error", "score": 0, "message": top_level_text(message),
        "test_code": "prep grade", "filename": "", "line_no": 0, "duration": 0}]}
    return json.dumps(body) + "\n"


PASSED = "passed"
FAILED = "failed"
PRINTED = "Your program printed:"
TRUNCATED = "[output truncated: showing the first {shown} of {total} characters]"
NOTHING_GRADED = "prep graded nothing: no exercise was given."
