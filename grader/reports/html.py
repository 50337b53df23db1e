"""The class report and the team quiz report as single self-contained HTML pages.

The dicts come from `BatchResult.as_json()` and `team_report()`; this module only turns them into
what the templates show (symbols, percentages, colour buckets), so the templates stay presentational.
Autoescaping is on for every template: learner names, file names and output are hostile text.
The page fetches nothing: CSS and JS are inline, and a Content-Security-Policy forbids any load.
"""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"
OUTPUT_LIMIT = 2000  # characters of a learner's output shown under one cell
SYMBOLS = {"passed": "✓", "failed": "✗", "missing": "–", "error": "!"}
STATUS_WORDS = {"passed": "passed", "failed": "failed", "missing": "missing", "error": "could not be graded"}


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def render_class_report(batch: dict, *, generated: datetime | None = None) -> str:
    """The whole page for `prep grade --submissions DIR --html FILE`, from `BatchResult.as_json()`."""
    return _environment().get_template("class_report.html.j2").render(
        **class_view(batch), generated=_when(batch.get("generated_at"), generated),
    )


def render_quiz_report(report: dict, *, generated: datetime | None = None) -> str:
    """The whole page for `prep report --quiz *.json --html FILE`, from `team_report()`."""
    return _environment().get_template("quiz_report.html.j2").render(
        **quiz_view(report), generated=_when(report.get("generated_at"), generated),
    )


# ---------------------------------------------------------------- class report

def class_view(batch: dict) -> dict[str, Any]:
    """What the class page shows: a row per learner with a cell per exercise, column pass rates, the details."""
    exercises = list(batch["exercises"])
    titles = batch.get("titles") or {}
    learners = batch["learners"]
    has_quiz = any(learner.get("quiz") for learner in learners)
    rows, details = [], []
    for li, learner in enumerate(learners):
        cells, problems = [], []
        for ei, exercise in enumerate(exercises):
            result = (learner.get("results") or {}).get(exercise) or {"status": "missing", "reason": None}
            cell = _cell(learner["name"], exercise, titles.get(exercise, ""), result, f"c{li}-{ei}")
            cells.append(cell)
            if cell["status"] != "passed":
                problems.append(cell)
        quiz = learner.get("quiz")
        rows.append({
            "name": learner["name"], "folder": learner.get("folder", ""), "layout": learner.get("layout", ""),
            "cells": cells, "passed": learner.get("passed", 0), "graded": learner.get("graded", 0),
            "score": learner.get("score", 0), "max_score": learner.get("max_score", 0),
            "all_passed": learner.get("passed", 0) == len(exercises),
            "quiz": _fraction(quiz["score"], quiz["total"]) if quiz else None,
        })
        if problems:
            details.append({"name": learner["name"], "folder": learner.get("folder", ""), "cells": problems})
    columns = []
    for ei, exercise in enumerate(exercises):
        statuses = [row["cells"][ei]["status"] for row in rows]
        graded = sum(s in ("passed", "failed") for s in statuses)
        passed = statuses.count("passed")
        columns.append({
            "id": exercise, "short": _short(exercise), "title": titles.get(exercise, ""),
            "passed": passed, "graded": graded, "rate": _fraction(passed, graded),
        })
    quiz_scores = [row["quiz"] for row in rows if row["quiz"]]
    all_cells = [cell for row in rows for cell in row["cells"]]
    graded_cells = [c for c in all_cells if c["status"] in ("passed", "failed")]
    passed_cells = sum(c["status"] == "passed" for c in graded_cells)
    rules = batch.get("common_rules") or []
    most = max((rule.get("learners", 0) for rule in rules), default=0)
    return {
        "submissions": batch.get("submissions", ""),
        "grader_version": batch.get("grader_version", ""),
        "duration": _duration(batch.get("duration_s")),
        "columns": columns, "rows": rows, "details": details, "has_quiz": has_quiz,
        "quiz_mean": _fraction(sum(q["numerator"] for q in quiz_scores), sum(q["denominator"] for q in quiz_scores))
        if quiz_scores else None,
        "summary": {
            "learners": len(rows), "exercises": len(exercises),
            "fully_passed": sum(row["all_passed"] for row in rows),
            "rate": _fraction(passed_cells, len(graded_cells)),
            "failed": sum(c["status"] == "failed" for c in all_cells),
            "hangs": sum(c["hang"] for c in all_cells),
            "missing": sum(c["status"] == "missing" for c in all_cells),
            "errors": sum(c["status"] == "error" for c in all_cells),
        },
        "common_rules": [{**rule, "share": (rule.get("learners", 0) / most) if most else 0} for rule in rules],
        "skipped": batch.get("skipped") or [],
    }


def _cell(learner: str, exercise: str, title: str, result: dict, anchor: str) -> dict[str, Any]:
    status = result.get("status", "missing")
    if status not in SYMBOLS:
        status = "error"
    checks = result.get("checks") or []
    failing = [_check(c) for c in checks if not c.get("passed")]
    if not failing and status == "failed" and result.get("first_failure"):
        failing = [_check(result["first_failure"])]
    score, max_score = result.get("score"), result.get("max_score")
    text = SYMBOLS[status]
    if status == "failed" and score is not None and max_score:
        text = f"{text} {score}/{max_score}"
    hang = any(check["hang"] for check in failing)
    label = f"{learner}, {exercise} {title}: {STATUS_WORDS[status]}"
    if status == "failed" and score is not None and max_score:
        label += f", {score} of {max_score}"
    if hang:
        label += ", hung"
    output, hidden = _truncate(result.get("output") or "")
    facts = []
    if checks:
        facts.append(f"{sum(bool(c.get('passed')) for c in checks)} of {len(checks)} checks passed")
    if result.get("duration_s"):
        facts.append(f"graded in {_duration(result['duration_s'])}" + (" (cached)" if result.get("cached") else ""))
    return {
        "anchor": anchor, "exercise": exercise, "short": _short(exercise), "title": title, "status": status,
        "status_word": STATUS_WORDS[status], "text": text, "label": label, "hang": hang,
        "score": score, "max_score": max_score, "reason": result.get("reason"),
        "failing": failing, "facts": facts, "file": result.get("file"), "output": output, "output_hidden": hidden,
    }


def _check(check: dict) -> dict[str, Any]:
    message = check.get("message") or ""
    return {
        "title": check.get("title") or check.get("id") or "check", "rule": check.get("rule"),
        "start_method": check.get("start_method"), "line": check.get("line"), "message": message,
        "hang": _is_hang(check.get("rule"), message),
    }


def _is_hang(rule: str | None, message: str) -> bool:
    """The rule is one a hang breaks (the table says so), or the message says the program hung."""
    from grader.grading.messages import RULES

    known = RULES.get(rule or "")
    return bool(known and known.hang) or message.startswith("the program hung")


def _truncate(text: str) -> tuple[str, int]:
    if len(text) <= OUTPUT_LIMIT:
        return text, 0
    return text[:OUTPUT_LIMIT], len(text) - OUTPUT_LIMIT


def _short(exercise: str) -> str:
    """exercise03 -> 03: the matrix has a dozen columns, the full id is in the header's title."""
    digits = exercise[len(exercise.rstrip("0123456789")):]
    return digits or exercise


# ---------------------------------------------------------------- quiz report

def quiz_view(report: dict) -> dict[str, Any]:
    """What the quiz page shows: scores, accuracy per participant and topic, misconception counts, hard items."""
    topics = list(report.get("topics") or [])
    tags = list(report.get("misconceptions") or [])
    participants = report.get("participants") or []
    most_tag = max((p.get("misconceptions", {}).get(t, 0) for p in participants for t in tags), default=0)
    rows = []
    team = {topic: [0, 0] for topic in topics}
    for participant in participants:
        by_topic = participant.get("topics") or {}
        cells = []
        for topic in topics:
            seen = by_topic.get(topic)
            if not seen or not seen.get("answered"):
                cells.append(None)
                continue
            team[topic][0] += seen.get("correct", 0)
            team[topic][1] += seen["answered"]
            cells.append(_fraction(seen.get("correct", 0), seen["answered"]))
        counts = participant.get("misconceptions") or {}
        rows.append({
            "name": participant["name"], "seed": participant.get("seed"),
            "score": _fraction(participant.get("score", 0), participant.get("total", 0)),
            "topics": cells,
            "tags": [{"count": counts.get(tag, 0), "level": _level(counts.get(tag, 0), most_tag)} for tag in tags],
        })
    team_cells = [_fraction(*team[topic]) if team[topic][1] else None for topic in topics]
    tag_totals = [sum((p.get("misconceptions") or {}).get(tag, 0) for p in participants) for tag in tags]
    weakest = sorted(
        ((topic, cell) for topic, cell in zip(topics, team_cells, strict=True) if cell and cell["percent"] < 80),
        key=lambda pair: (pair[1]["percent"], pair[0]),
    )[:3]
    hardest = [{**item, "wrong_share": _fraction(item.get("wrong", 0), item.get("asked", 0))}
               for item in report.get("hardest") or []]
    total_score = sum(row["score"]["numerator"] for row in rows)
    total_asked = sum(row["score"]["denominator"] for row in rows)
    return {
        "topics": topics, "tags": tags, "rows": rows, "team_topics": team_cells, "tag_totals": tag_totals,
        "hardest": hardest, "weakest": [{"topic": t, "cell": c} for t, c in weakest],
        "team_score": _fraction(total_score, total_asked), "grader_version": report.get("grader_version", ""),
        "seed": report.get("seed"), "count": report.get("count"),
    }


# ---------------------------------------------------------------- shared helpers

def _fraction(numerator: int, denominator: int) -> dict[str, Any]:
    """A score as the page shows it: the numbers, a rounded percentage and a colour bucket 0..10."""
    share = numerator / denominator if denominator else 0.0
    return {"numerator": numerator, "denominator": denominator, "percent": round(100 * share),
            "heat": round(10 * share) if denominator else None}


def _level(count: int, most: int) -> int:
    """A misconception count as a shade 0..5, relative to the largest count in the team."""
    if not count or not most:
        return 0
    return max(1, round(5 * count / most))


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def _when(stamp: str | None, generated: datetime | None) -> str:
    if stamp:
        try:
            generated = datetime.fromisoformat(str(stamp))
        except ValueError:
            return str(stamp)
    return (generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip()
