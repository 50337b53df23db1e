"""GradeResult in the formats other tools read: JUnit XML and Gradescope's results.json."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from grader.grading.grade import GradeResult

OUTPUT_LIMIT = 500  # per-test learner output, as Exercism and Gradescope show it


def _check_name(check) -> str:
    return f"{check.title} [{check.start_method}]" if check.start_method else check.title


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


def gradescope_json(results: list[GradeResult]) -> str:
    tests = []
    for result in results:
        for number, check in enumerate(result.checks, start=1):
            output = check.message or "passed"
            if check.line:
                output = f"line {check.line}: {output}"
            tests.append({
                "name": f"{result.exercise}: {_check_name(check)}", "number": f"{result.exercise[-2:]}.{number}",
                "score": 1.0 if check.passed else 0.0, "max_score": 1.0,
                "status": "passed" if check.passed else "failed", "output": output[:OUTPUT_LIMIT * 10],
                "visibility": "visible", "tags": [t for t in (check.rule,) if t],
            })
    body = {
        "score": float(sum(t["score"] for t in tests)),
        "execution_time": round(sum(r.duration_s for r in results), 3),
        "output": "\n".join(f"{r.exercise}: {'passed' if r.passed else 'failed'} ({r.score}/{r.max_score})"
                            for r in results),
        "output_format": "text", "visibility": "visible", "stdout_visibility": "hidden", "tests": tests,
    }
    return json.dumps(body, indent=2) + "\n"
