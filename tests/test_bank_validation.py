"""A malformed bank gets one clear error naming the file, line and field; exit 2, no traceback."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

GOOD_ITEM = """\
  - id: t-{n}
    type: single_choice
    difficulty: easy
    prompt: Pick one.
    options:
      a: first
      b: second
    answer: a
    explanation: Because.
    source: {{url: "https://docs.python.org/3/library/multiprocessing.html#x", python: "3.8+"}}
"""


def write_bank(folder: Path, name: str, items: str, topic: str = "custom") -> Path:
    path = folder / name
    path.write_text(f"topic:\n  id: {topic}\n  title: Custom\nitems:\n" + items)
    return path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if needle in text)


def check_fails(prep, path: Path, field: str, message: str, line: int) -> str:
    result = prep.run("check", str(path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(rf"{re.escape(str(path))}:{line}: .*{re.escape(field)}.*{message}", result.stderr), result.stderr
    return result.stderr


def test_a_valid_extra_bank_passes_and_is_counted(prep, tmp_path):
    path = write_bank(tmp_path, "ok.yaml", GOOD_ITEM.format(n=1) + GOOD_ITEM.format(n=2))
    result = prep.run("check", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["by_topic"]["custom"] == 2


def test_naming_a_shipped_bank_file_checks_it_once(prep):
    """`prep check quizzes/pool.yaml` from a checkout: the file is part of the shipped bank too."""
    shipped = ROOT / "quizzes" / "pool.yaml"
    result = prep.run("check", str(shipped), str(shipped.parent), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["files"].count("quizzes/pool.yaml") == 1


def test_unknown_type_is_named_with_its_line(prep, tmp_path):
    path = write_bank(tmp_path, "bad.yaml", GOOD_ITEM.format(n=1).replace("single_choice", "multiple_guess"))
    stderr = check_fails(prep, path, "items[0] (t-1).type", "unknown type 'multiple_guess'",
                         line_of(path, "multiple_guess"))
    assert "single_choice" in stderr  # says what is allowed


def test_missing_answer(prep, tmp_path):
    path = write_bank(tmp_path, "bad.yaml", GOOD_ITEM.format(n=1).replace("    answer: a\n", ""))
    check_fails(prep, path, "items[0] (t-1).answer", "missing answer", line_of(path, "- id: t-1"))


def test_answer_not_among_options(prep, tmp_path):
    path = write_bank(tmp_path, "bad.yaml", GOOD_ITEM.format(n=1).replace("answer: a", "answer: c"))
    check_fails(prep, path, "items[0] (t-1).answer", r"'c' is not among the options \(a, b\)",
                line_of(path, "answer: c"))


def test_duplicate_id_across_files_names_both_places(prep, tmp_path):
    first = write_bank(tmp_path, "one.yaml", GOOD_ITEM.format(n=1))
    second = write_bank(tmp_path, "two.yaml", GOOD_ITEM.format(n=9) + GOOD_ITEM.format(n=1))
    result = prep.run("check", str(first), str(second))
    assert result.returncode == 2
    line = line_of(second, "- id: t-1")
    assert f"{second}:{line}: items[1] (t-1).id: duplicate id: also defined at {first}:5" in result.stderr


def test_a_shipped_id_cannot_be_reused_by_an_extra_bank(prep, tmp_path):
    shipped = json.loads(prep.run("check", "--format", "json").stdout)
    assert shipped["valid"]
    from grader.quiz.bank import load_bank

    taken = load_bank().items[0].id
    path = write_bank(tmp_path, "bad.yaml", GOOD_ITEM.format(n=1).replace("t-1", taken))
    result = prep.run("check", str(path))
    assert result.returncode == 2 and "duplicate id" in result.stderr


VARIANT_ITEM = """\
  - id: t-v
    type: single_choice
    difficulty: hard
    prompt: Default start method?
    options:
      fork: fork
      spawn: spawn
      forkserver: forkserver
    variants:
{variants}
    explanation: It depends.
    source: {{url: "https://docs.python.org/3/library/multiprocessing.html#x", python: "3.14"}}
"""


@pytest.mark.parametrize("variants,field,message,needle", [
    ("      - when: {python: '<=3.13', platform: linux}\n        answer: fork\n"
     "      - when: {platform: [macos, windows]}\n        answer: spawn",
     "variants", "no variant answers for Python 3.14 on Linux", "variants:"),
    ("      - when: {python: '<=3.13', platform: linux}\n        answer: fork\n"
     "      - when: {python: '>=3.13'}\n        answer: spawn",
     "variants", "both apply to Python 3.13 on Linux", "python: '>=3.13'"),
    ("      - when: {python: 'after 3.13'}\n        answer: fork",
     "variants[0].when.python", "not a version clause", "after 3.13"),
    ("      - when: {platform: beos}\n        answer: fork",
     "variants[0].when.platform", "must be one or more of linux, macos, windows", "beos"),
    ("      - when: {python: '>=3.8'}\n        answer: vfork",
     "variants[0].answer", "'vfork' is not among the options", "vfork"),
    ("      - when: {pyversion: '3.14'}\n        answer: fork",
     "variants[0].when.pyversion", "unknown field", "pyversion"),
])
def test_bad_variants_are_reported_precisely(prep, tmp_path, variants, field, message, needle):
    path = write_bank(tmp_path, "bad.yaml", VARIANT_ITEM.format(variants=variants))
    check_fails(prep, path, f"items[0] (t-v).{field}", message, line_of(path, needle))


def test_yaml_syntax_error_names_the_line(prep, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("topic:\n  id: x\n  title: X\nitems:\n  - id: [unclosed\n    type: single_choice\n")
    result = prep.run("check", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert re.search(rf"{re.escape(str(path))}:\d+: invalid YAML", result.stderr)


def test_duplicate_keys_in_one_item_are_an_error_not_a_silent_overwrite(prep, tmp_path):
    item = GOOD_ITEM.format(n=1).replace("    answer: a\n", "    answer: a\n    answer: b\n")
    path = write_bank(tmp_path, "bad.yaml", item)
    result = prep.run("check", str(path))
    assert result.returncode == 2
    assert f"{path}:{line_of(path, 'answer: b')}: invalid YAML: duplicate key 'answer'" in result.stderr


@pytest.mark.parametrize("old,new,field,message", [
    ("    difficulty: easy\n", "    difficulty: easy\n    dificulty: hard\n", "dificulty", "unknown field"),
    ('python: "3.8+"', "python: 3.10", "source.python", "quoted version"),
    ("url: \"https://", "url: \"http://", "source.url", "https://"),
])
def test_typos_unquoted_versions_and_plain_http_are_caught(prep, tmp_path, old, new, field, message):
    path = write_bank(tmp_path, "bad.yaml", GOOD_ITEM.format(n=1).replace(old, new))
    check_fails(prep, path, f"items[0] (t-1).{field}", message, line_of(path, new.strip().splitlines()[-1]))


def test_code_output_code_must_compile(prep, tmp_path):
    item = textwrap.dedent("""\
      - id: t-code
        type: code_output
        difficulty: easy
        prompt: What prints?
        code: |
          print(1
        answer: {stdout: "1"}
        explanation: x
        source: {url: "https://docs.python.org/3/library/functions.html#print", python: "3.8+"}
    """)
    path = write_bank(tmp_path, "bad.yaml", textwrap.indent(item, "  "))
    check_fails(prep, path, "items[0] (t-code).code", "does not compile", line_of(path, "code: |"))


def test_every_problem_in_a_file_is_reported_in_one_pass(prep, tmp_path):
    items = GOOD_ITEM.format(n=1).replace("answer: a", "answer: z") + GOOD_ITEM.format(n=2).replace(
        "difficulty: easy", "difficulty: brutal")
    path = write_bank(tmp_path, "bad.yaml", items)
    result = prep.run("check", str(path), "--format", "json")
    assert result.returncode == 2
    problems = json.loads(result.stdout)["problems"]
    assert {p["field"] for p in problems} == {"items[0] (t-1).answer", "items[1] (t-2).difficulty"}
    assert all(p["path"] == str(path) and p["line"] for p in problems)


def test_a_bad_bank_stops_a_quiz_before_it_starts(prep, tmp_path):
    path = write_bank(tmp_path, "bad.yaml", GOOD_ITEM.format(n=1).replace("answer: a", "answer: c"))
    result = prep.run("quiz", "--bank", str(path), input="a\n")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{path}:{line_of(path, 'answer: c')}:" in result.stderr
    assert not prep.database.exists() or "Question" not in result.stdout


def test_a_missing_bank_file_is_a_usage_error(prep, tmp_path):
    result = prep.run("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "no such file" in result.stderr


NEW_TYPES = Path(__file__).resolve().parent / "fixtures" / "banks" / "new_types.yaml"


def new_types_bank(tmp_path: Path, old: str, replacement: str) -> Path:
    text = NEW_TYPES.read_text()
    assert old in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(old, replacement))
    return path


@pytest.mark.parametrize(("old", "new", "field", "message", "needle"), [
    ("      - {left: \"`Manager()`\", match: proxy}", "      - {left: \"`Manager()`\", match: nowhere}",
     "items[0] (n-match).answer", "'nowhere' not among the options", "answer:\n      - {left: \"`Pipe"),
    ("      - {left: \"`Queue()`\", match: many}", "      - {left: \"`Queue()`\", match: two}",
     "items[0] (n-match).answer", "each row needs its own text and its own option", "answer:\n      - {left: \"`Pipe"),
    ("    answer: [close, [join, \"join(timeout=None)\"]]", "    answer: [close]",
     "items[1] (n-cloze).answer", "for each of the 2 blank", "answer: [close]"),
    ("      pool.____()\n", "      pool.join()\n", "items[1] (n-cloze).answer", "for each of the 1 blank",
     "answer: [close"),
    ("    answer: 10\n", "    answer: 12\n", "items[2] (n-line).answer", r"must be a line number of the code \(1-11\)",
     "answer: 12"),
    ("      4: Putting never blocks", "      40: Putting never blocks", "items[2] (n-line).line_feedback.40",
     "must be a line number", "40: Putting"),
])
def test_new_item_types_are_validated_with_file_line_and_field(prep, tmp_path, old, new, field, message, needle):
    path = new_types_bank(tmp_path, old, new)
    text = path.read_text()
    check_fails(prep, path, field, message, text[: text.index(needle)].count("\n") + 1)


def test_code_is_only_for_the_types_that_show_it(prep, tmp_path):
    path = write_bank(tmp_path, "bad.yaml", GOOD_ITEM.format(n=1) + "    code: print(1)\n")
    check_fails(prep, path, "items[0] (t-1).code", "only code_output, cloze and spot_the_line items take 'code'",
                line_of(path, "code: print(1)"))
