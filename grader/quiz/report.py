"""`prep check` and `prep stats`: reports over the banks and the progress store."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from grader import clock
from grader.errors import ContentError
from grader.progress.stats import compute_stats
from grader.progress.store import ProgressStore
from grader.quiz.bank import load_bank


def print_check(paths: list[Path], json_output: bool) -> None:
    """Validate shipped and extra banks; raise ContentError (exit 2) on any problem."""
    try:
        bank = load_bank(paths)
    except ContentError as exc:
        if json_output:
            problems = [
                {"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in exc.problems
            ]
            sys.stdout.write(json.dumps({"valid": False, "problems": problems}) + "\n")
        raise
    by_type = Counter(item.type.value for item in bank.items)
    by_topic = Counter(topic for item in bank.items for topic in item.topics)
    if json_output:
        sys.stdout.write(json.dumps({
            "valid": True, "items": len(bank.items), "files": bank.files,
            "by_type": dict(sorted(by_type.items())), "by_topic": dict(sorted(by_topic.items())),
        }) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(CHECK_OK.format(items=len(bank.items), files=len(bank.files)))
    table = Table("Topic", "Items", "", "Type", "Items")
    types = sorted(by_type.items())
    topics = sorted(by_topic.items())
    for index in range(max(len(types), len(topics))):
        topic = topics[index] if index < len(topics) else ("", "")
        kind = types[index] if index < len(types) else ("", "")
        table.add_row(topic[0], str(topic[1]), "", kind[0], str(kind[1]))
    console.print(table)


def print_stats(json_output: bool) -> None:
    with ProgressStore.open_default() as store:
        stats = compute_stats(store, clock.now())
    if json_output:
        sys.stdout.write(json.dumps(stats.as_json()) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if not stats.reviews:
        console.print(NO_REVIEWS)
        return
    console.print(REVIEWS.format(reviews=stats.reviews, correct=stats.correct, seen=stats.items_seen,
                                 percent=100 * stats.correct // stats.reviews))
    topics = Table("Topic", "Answered", "Right", "Accuracy", title="By topic", title_justify="left")
    for topic, entry in stats.topics.items():
        topics.add_row(topic, str(entry.answered), str(entry.correct), f"{entry.accuracy:.0%}")
    console.print(topics)
    due = Table("When", "Reviews due", title="Reviews due", title_justify="left")
    due.add_row("now", str(stats.due_now))
    for day, count in stats.due_by_day.items():
        due.add_row(day.isoformat(), str(count))
    console.print(due)
    per_day = Table("Day", "Reviews", title="Reviews per day", title_justify="left")
    for day, count in stats.reviews_by_day.items():
        if count:
            per_day.add_row(day.isoformat(), str(count))
    console.print(per_day)
    if stats.weakest_topics:
        console.print(WEAKEST.format(topics=", ".join(stats.weakest_topics)))
    if stats.misconceptions:
        wrong = Table("Misconception", "Times", title="Your misconceptions", title_justify="left")
        for tag, count in stats.misconceptions[:10]:
            wrong.add_row(tag, str(count))
        console.print(wrong)


CHECK_OK = "All banks are valid: {items} items in {files} files."
NO_REVIEWS = "No answers recorded yet: start with `prep quiz`."
REVIEWS = "{reviews} answers ({percent}% right) on {seen} questions."
WEAKEST = "Weakest topics: {topics} (drill one with `prep quiz --topic TOPIC`)."
