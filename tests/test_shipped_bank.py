"""The shipped question bank: big enough, every type, the required topics, every fact sourced and proven."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from grader.quiz.bank import load_bank
from grader.quiz.model import ItemType
from grader.quiz.sources import DOCS_WITH_ANCHOR
from grader.quiz.target import make_target
from grader.quiz.verify import verify_item

from conftest import FIXTURES

BANK = load_bank()
REQUIRED_TOPICS = {
    "processes-threads", "lifecycle", "gil", "process-api", "queues", "pipes", "pool", "manager-locks",
    "shared-memory", "managers", "start-methods", "cpu-io", "concurrency-parallelism",
}


def test_prep_check_reports_the_shipped_bank_by_type_and_topic(prep):
    result = prep.run("check", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["items"] == len(BANK.items) >= 200
    assert set(report["by_type"]) == {t.value for t in ItemType}
    assert min(report["by_type"].values()) >= 10, report["by_type"]
    assert report["by_type"]["code_output"] >= 50
    assert set(report["by_topic"]) >= REQUIRED_TOPICS


def test_every_required_topic_has_at_least_ten_items_of_several_kinds():
    for topic in REQUIRED_TOPICS:
        items = [item for item in BANK.items if topic in item.topics]
        assert len(items) >= 10 and len({item.type for item in items}) >= 3, topic


def test_the_bank_drills_the_bugs_tutorials_teach():
    bugs = [item for item in BANK.items if "-bug-" in item.id]
    assert len(bugs) >= 20
    wanted = {"empty", "r.get()", "join", "Queue", "+=", "__main__", "100"}
    text = " ".join(item.prompt + (item.code or "") + item.explanation for item in bugs)
    assert all(word in text for word in wanted), [w for w in wanted if w not in text]


def test_quoted_messages_are_listed_for_the_source_check():
    assert sum(len(item.quotes) for item in BANK.items) >= 20


def test_every_item_cites_a_docs_page_with_an_anchor():
    for item in BANK.items:
        assert DOCS_WITH_ANCHOR.match(item.source.url), (item.id, item.source.url)


def test_the_default_start_method_is_modelled_per_version_and_platform():
    items = [i for i in BANK.items if "start-methods" in i.topics and i.variants]
    assert items, "the bank must model the default start method as variants"
    answers = {}
    for item in items:
        for python, platform in [("3.13", "linux"), ("3.14", "linux"), ("3.12", "macos"), ("3.14", "windows")]:
            answers.setdefault(item.id, {})[(python, platform)] = item.resolve(make_target(python, platform))[0]
    assert any(len(set(by_target.values())) >= 3 for by_target in answers.values())


def test_no_item_teaches_the_python2_bytecode_count_as_true():
    for item in BANK.items:
        for option in item.options:
            if re.search(r"100 (byte ?code|instruction)", option.text, re.I):
                right = item.answer if isinstance(item.answer, tuple) else (item.answer,)
                assert option.key not in right, item.id


def test_misconceptions_are_tagged_on_wrong_options():
    tags = Counter(o.misconception for i in BANK.items for o in i.options if o.misconception)
    assert sum(tags.values()) >= 15


CODE_ITEMS = [item for item in BANK.items if item.type is ItemType.CODE_OUTPUT]


def test_prep_verify_proves_every_code_output_answer_by_running_it(prep):
    assert len(CODE_ITEMS) >= 15
    result = prep.run("verify", "--format", "json", timeout=600)
    report = json.loads(result.stdout)
    assert report["problems"] == [] and result.returncode == 0
    assert report["verified"] == len(CODE_ITEMS) - len(report["skipped"]) >= 15


def test_prep_verify_names_each_wrong_answer_with_its_file_and_line(prep):
    bank = FIXTURES / "banks" / "wrong_outputs.yaml"
    result = prep.run("verify", "--bank", str(bank), "--item", "w-stdout", "--item", "w-not-hanging",
                      "--format", "json")
    assert result.returncode == 1
    problems = {p["item"]: p for p in json.loads(result.stdout)["problems"]}
    assert problems["w-stdout"]["line"] == 6 and problems["w-stdout"]["path"].endswith("wrong_outputs.yaml")
    assert problems["w-stdout"]["problem"] == "printed '4', recorded ['5']"
    assert problems["w-not-hanging"]["problem"].startswith("expected a hang")
    text = prep.run("verify", "--bank", str(bank), "--item", "w-stdout")
    assert text.returncode == 1 and "w-stdout" in text.stdout and "1 of 1 code-output items disagree" in text.stdout


def test_prep_verify_runs_an_item_under_every_start_method_it_names(prep):
    bank = FIXTURES / "banks" / "start_methods.yaml"
    both = prep.run("verify", "--bank", str(bank), "--item", "sm-same-everywhere", "--format", "json")
    assert both.returncode == 0, both.stdout
    fork_only = prep.run("verify", "--bank", str(bank), "--item", "sm-fork-only-answer", "--format", "json")
    (problem,) = json.loads(fork_only.stdout)["problems"]
    assert fork_only.returncode == 1 and problem["problem"].startswith("under spawn: printed 'default'")


@pytest.mark.parametrize("item_id,expected", [
    ("w-stdout", "printed '4'"),
    ("w-not-hanging", "expected a hang"),
    ("w-exception-type", "got KeyError"),
    ("w-exception-message", "expected message 'Pool is running'"),
    ("w-claims-finishes", "it hung"),
])
def test_the_verifier_catches_a_wrong_recorded_answer(item_id, expected):
    bank = load_bank([FIXTURES / "banks" / "wrong_outputs.yaml"], include_shipped=False)
    problem = verify_item(bank.get(item_id), finish_timeout=3)
    assert problem and expected in problem
