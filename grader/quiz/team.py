"""A team quiz session: every participant's export, read together.

Each participant runs `prep quiz --seed S --count N --name NAME --export NAME.json`;
the trainer reads the files back with `prep report --quiz *.json`: scores, how
each participant did per topic, which wrong beliefs showed, and the items the
team got most wrong.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from grader.errors import PrepError

HARDEST = 15  # items listed as the team's hardest


def read_export(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PrepError(UNREADABLE.format(path=path, error=exc.strerror or exc)) from None
    except ValueError as exc:
        raise PrepError(NOT_JSON.format(path=path, error=exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list) or "correct" not in data:
        raise PrepError(NOT_EXPORT.format(path=path))
    return data


def score_of(export: dict[str, Any]) -> tuple[int, int]:
    """(answered right, asked) of one participant's export."""
    try:
        return int(export["correct"]), int(export.get("total") or len(export["items"]))
    except (TypeError, ValueError) as exc:
        raise PrepError(NOT_EXPORT.format(path=export.get("name", "an export"))) from exc


def team_report(paths: list[Path]) -> dict[str, Any]:
    if not paths:
        raise PrepError(NO_EXPORTS)
    exports = [(path, read_export(path)) for path in paths]
    participants = []
    asked: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for path, data in exports:
        topics: dict[str, dict[str, int]] = defaultdict(lambda: {"answered": 0, "correct": 0})
        mistaken: Counter[str] = Counter()
        for item in data["items"]:
            asked[item["id"]] += 1
            wrong[item["id"]] += not item["correct"]
            for topic in item.get("topics", []):
                topics[topic]["answered"] += 1
                topics[topic]["correct"] += bool(item["correct"])
            mistaken.update(item.get("misconceptions", []))
        tags.update(mistaken)
        score, total = score_of(data)
        participants.append({
            "name": str(data.get("name") or path.stem), "score": score, "total": total, "seed": data.get("seed"),
            "topics": dict(sorted(topics.items())), "misconceptions": dict(mistaken.most_common()),
        })
    seeds = {p["seed"] for p in participants}
    counts = {data.get("count") for _, data in exports}
    return {
        "participants": sorted(participants, key=lambda p: (-p["score"], p["name"].casefold())),
        "topics": sorted({topic for p in participants for topic in p["topics"]}),
        "misconceptions": [tag for tag, _ in tags.most_common()],
        "hardest": _hardest(asked, wrong),
        "seed": seeds.pop() if len(seeds) == 1 else None,
        "count": counts.pop() if len(counts) == 1 else None,
    }


def _hardest(asked: Counter[str], wrong: Counter[str]) -> list[dict[str, Any]]:
    from grader.quiz.bank import load_bank

    bank = load_bank()
    ranked = sorted((i for i in asked if wrong[i]), key=lambda i: (-wrong[i] / asked[i], -wrong[i], i))[:HARDEST]
    hardest = []
    for item_id in ranked:
        item = bank.get(item_id)
        prompt = item.prompt.strip().splitlines()[0] if item else "(not in this bank)"
        hardest.append({"id": item_id, "prompt": prompt, "topics": list(item.topics) if item else [],
                        "asked": asked[item_id], "wrong": wrong[item_id]})
    return hardest


def print_team_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    scores = Table("participant", "score", *report["topics"], title="Team quiz", title_justify="left")
    for person in report["participants"]:
        cells = []
        for topic in report["topics"]:
            cell = person["topics"].get(topic)
            cells.append(f"{cell['correct']}/{cell['answered']}" if cell else "")
        scores.add_row(person["name"], f"{person['score']}/{person['total']}", *cells)
    console.print(scores)
    if report["hardest"]:
        hardest = Table("item", "wrong", "prompt", title="Most missed", title_justify="left")
        for item in report["hardest"]:
            hardest.add_row(item["id"], f"{item['wrong']}/{item['asked']}", item["prompt"])
        console.print(hardest)
    if report["misconceptions"]:
        console.print(MISCONCEPTIONS.format(tags=", ".join(report["misconceptions"][:8])))


NO_EXPORTS = "Give the participants' exports: prep report --quiz alice.json bob.json ..."
UNREADABLE = "Cannot read {path}: {error}."
NOT_JSON = "{path} is not JSON ({error}); expected a file written by `prep quiz --export`."
NOT_EXPORT = "{path} is not a quiz export; expected a file written by `prep quiz --export`."
MISCONCEPTIONS = "Wrong beliefs that showed: {tags} (drill one with `prep quiz --misconception TAG`)."
