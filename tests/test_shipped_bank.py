"""The shipped question bank: big enough, every type, the required topics, every fact sourced and proven."""

from __future__ import annotations

import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from grader.quiz.bank import load_bank
from grader.quiz.model import ItemType
from grader.quiz.target import make_target
from grader.quiz.verify import verify_item

from conftest import FIXTURES

BANK = load_bank()
REQUIRED_TOPICS = {
    "processes-threads", "lifecycle", "gil", "process-api", "queues", "pipes", "pool", "manager-locks",
    "shared-memory", "managers", "start-methods", "cpu-io", "concurrency-parallelism",
}
DOCS_WITH_ANCHOR = re.compile(r"^https://docs\.python\.org/3(\.\d+)?/[\w/.-]+\.html#\S+$")


def test_prep_check_reports_the_shipped_bank_by_type_and_topic(prep):
    result = prep.run("check", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["items"] == len(BANK.items) >= 60
    assert set(report["by_type"]) == {t.value for t in ItemType}
    assert set(report["by_topic"]) >= REQUIRED_TOPICS


def test_every_required_topic_has_items_of_several_kinds():
    for topic in REQUIRED_TOPICS:
        items = [item for item in BANK.items if topic in item.topics]
        assert len(items) >= 3, topic


def test_every_item_cites_a_docs_page_with_an_anchor_and_a_version():
    for item in BANK.items:
        assert DOCS_WITH_ANCHOR.match(item.source.url), (item.id, item.source.url)
        assert item.source.python, item.id


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


def test_every_code_output_answer_is_proven_by_running_it():
    assert len(CODE_ITEMS) >= 15
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = zip(CODE_ITEMS, pool.map(verify_item, CODE_ITEMS), strict=True)
        problems = {item.id: problem for item, problem in results if problem}
    assert problems == {}


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
