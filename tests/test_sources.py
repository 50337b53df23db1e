"""`prep check --sources`: quoted messages are found in the running interpreter's standard library."""

from __future__ import annotations

import json

from grader.quiz.sources import found_in_stdlib

from conftest import FIXTURES

QUOTES = FIXTURES / "banks" / "quotes.yaml"


def test_a_message_built_from_several_literals_and_a_placeholder_is_found():
    assert found_in_stdlib("Queue objects should only be shared between processes through inheritance")
    assert found_in_stdlib("Pool is still running")
    assert not found_in_stdlib("Pool is not running")  # the real message is "Pool not running"


def test_check_sources_names_the_misquoted_item_and_skips_other_versions(prep):
    result = prep.run("check", str(QUOTES), "--sources", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)["sources"]
    assert [(p["item"], p["line"]) for p in report["problems"]] == [("qt-misquoted", 14)]
    assert "'Pool is not running' is not in the standard library" in report["problems"][0]["problem"]
    assert report["checked"] >= 3 and report["skipped"] == 1


def test_the_shipped_bank_quotes_only_what_the_standard_library_says(prep):
    result = prep.run("check", "--sources", "--format", "json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["sources"]["problems"] == []
