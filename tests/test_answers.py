"""Grading what a learner types, for every item type."""

from __future__ import annotations

import pytest

from grader.quiz.answers import InvalidAnswer, grade, normalise_text, output_matches
from grader.quiz.bank import load_bank
from grader.quiz.model import CodeOutcome
from grader.quiz.selection import present
from grader.quiz.target import make_target

from conftest import FIXTURES, SAMPLE_BANK

BANK = load_bank([SAMPLE_BANK], include_shipped=False)
LINUX_311 = make_target("3.11", "linux")


def presented(item_id: str, target=LINUX_311, seed: int = 1):
    return present(BANK.get(item_id), target, seed)


def test_single_choice_takes_the_letter_shown_not_the_key():
    p = presented("s-single")
    assert grade(p, p.letter("close")).correct
    assert grade(p, p.letter("close").upper()).correct
    assert not grade(p, p.letter("get")).correct


def test_a_wrong_option_brings_its_feedback_and_misconception():
    p = presented("s-single")
    graded = grade(p, p.letter("start"))
    assert not graded.correct
    assert graded.feedback == ("A Pool starts its workers when it is created.",)
    assert graded.misconceptions == ("pool-needs-start",)


def test_select_all_is_all_or_nothing_in_any_order_and_spacing():
    p = presented("s-multi")
    q, pipe = p.letter("queue"), p.letter("pipe")
    assert grade(p, q + pipe).correct
    assert grade(p, f"{pipe}, {q}").correct
    assert not grade(p, q).correct
    assert not grade(p, q + pipe + p.letter("thread")).correct


def test_ordering_needs_the_exact_order_and_every_step():
    p = presented("s-order")
    order = [p.letter(k) for k in ("close", "join", "get")]
    assert grade(p, ",".join(order)).correct
    assert grade(p, "".join(order)).correct
    assert not grade(p, ",".join(reversed(order))).correct
    with pytest.raises(InvalidAnswer, match="every letter once"):
        grade(p, order[0] + order[1])


def test_ordering_is_never_shown_already_in_order():
    for seed in range(200):
        p = presented("s-order", seed=seed)
        assert [o.key for o in p.options] != list(p.answer)


@pytest.mark.parametrize("text,ok", [("f", True), ("False", True), ("no", True), ("t", False), ("yes", False)])
def test_true_false_accepts_common_spellings(text, ok):
    assert grade(presented("s-tf"), text).correct is ok


def test_a_wrong_free_answer_records_the_items_misconception():
    assert grade(presented("s-tf"), "t").misconceptions == ("qsize-exact",)
    assert grade(presented("s-tf"), "f").misconceptions == ()


@pytest.mark.parametrize("text", ["forkserver", "  ForkServer ", "`forkserver`", "fork  server", "forkserver."])
def test_short_answer_ignores_case_spacing_and_quotes(text):
    assert grade(presented("s-short"), text).correct


def test_short_answer_rejects_a_different_word():
    assert not grade(presented("s-short"), "fork").correct


@pytest.mark.parametrize("text,ok", [("0.005", True), ("5e-3", True), ("0,005", True), ("0.00505", True),
                                     ("0.006", False), ("0.05", False)])
def test_numeric_answers_use_the_items_tolerance(text, ok):
    assert grade(presented("s-num"), text).correct is ok


def test_numeric_rejects_text():
    with pytest.raises(InvalidAnswer, match="number"):
        grade(presented("s-num"), "five ms")


def test_code_output_compares_normalised_stdout():
    assert grade(presented("s-output"), " 6 ").correct
    assert not grade(presented("s-output"), "7").correct


def test_multiline_output_can_be_typed_on_one_line():
    outcome = CodeOutcome(stdout=("[1, 4]\ndone",))
    assert output_matches(outcome, "[1, 4] done")
    assert output_matches(outcome, "[1,4] done")
    assert not output_matches(outcome, "[1, 4]")


def test_nondeterministic_output_accepts_any_recorded_variant():
    outcome = CodeOutcome(stdout=("a\nb", "b\na"))
    assert output_matches(outcome, "b a")
    assert not output_matches(outcome, "a a")


def test_exception_answers_need_the_type_and_may_add_the_message():
    outcome = CodeOutcome(exception_type="ValueError", exception_message="Pool is still running")
    assert output_matches(outcome, "ValueError")
    assert output_matches(outcome, "ValueError: Pool is still running")
    assert output_matches(outcome, "builtins.ValueError")
    assert not output_matches(outcome, "RuntimeError")
    assert not output_matches(outcome, "it hangs")


def test_hang_answers_accept_the_words_people_use():
    outcome = CodeOutcome(hangs=True)
    for text in ("hangs", "it deadlocks", "blocks forever", "never finishes"):
        assert output_matches(outcome, text)
    assert not output_matches(outcome, "ValueError")


def test_dont_know_is_a_wrong_answer_not_an_error():
    graded = grade(presented("s-single"), "?")
    assert not graded.correct and graded.response == "?"


@pytest.mark.parametrize("item_id,text", [("s-single", "z"), ("s-single", "ab"), ("s-multi", "q!"),
                                          ("s-tf", "maybe"), ("s-single", "   ")])
def test_malformed_answers_are_refused_with_a_hint(item_id, text):
    with pytest.raises(InvalidAnswer):
        grade(presented(item_id), text)


def test_variants_give_the_answer_for_the_chosen_python_and_platform():
    assert presented("s-default", make_target("3.13", "linux")).answer == "fork"
    p314 = presented("s-default", make_target("3.14", "linux"))
    assert p314.answer == "forkserver"
    assert p314.explanation == "From 3.14 Linux defaults to forkserver."
    assert presented("s-default", make_target("3.12", "macos")).answer == "spawn"
    assert presented("s-default", make_target("3.14", "windows")).answer == "spawn"


def test_normalise_text_drops_call_parentheses():
    assert normalise_text("Pool.close()") == normalise_text("pool.close")


NEW = load_bank([FIXTURES / "banks" / "new_types.yaml"], include_shipped=False)


def new(item_id: str, seed: int = 1):
    return present(NEW.get(item_id), LINUX_311, seed)


def test_matching_takes_a_letter_per_row_in_order_or_as_numbered_pairs():
    p = new("n-match")
    letters = "".join(p.letter(pair.match) for pair in p.answer)
    assert grade(p, letters).correct
    assert grade(p, " ".join(f"{row}{letter}" for row, letter in enumerate(letters, 1))).correct
    assert grade(p, ", ".join(f"{row}-{letter}" for row, letter in reversed(list(enumerate(letters, 1))))).correct
    with pytest.raises(InvalidAnswer):
        grade(p, letters[:2])


def test_a_wrong_match_names_the_row_and_brings_the_option_misconception():
    p = new("n-match")
    rows = [p.letter(pair.match) for pair in p.answer]
    rows[2] = p.letter("bytes")
    graded = grade(p, "".join(rows))
    assert not graded.correct
    assert graded.feedback == (f"Row 3 (`Manager()`) is not {p.describe(['bytes'])}.",)
    assert graded.misconceptions == ("queue-is-shared-memory",)
    assert "1 → " in p.expected() and "3 → " in p.expected()


def test_cloze_fills_each_blank_in_order_ignoring_spacing_backticks_and_quote_style():
    p = new("n-cloze")
    assert grade(p, "close; join").correct
    assert grade(p, "`close` ; join(timeout = None)").correct
    assert not grade(p, "join; close").correct
    assert grade(p, "join; close").misconceptions == ("join-without-close",)
    assert not grade(p, "Close; join").correct  # code is case-sensitive
    with pytest.raises(InvalidAnswer):
        grade(p, "close")
    assert "____[1]" in NEW.get("n-cloze").shown_code and "____[2]" in NEW.get("n-cloze").shown_code


def test_spot_the_line_takes_a_line_number_and_explains_the_tempting_wrong_line():
    p = new("n-line")
    assert grade(p, "10").correct and grade(p, "line 10").correct
    graded = grade(p, "11")
    assert not graded.correct and graded.misconceptions == ("get-blocks-forever",)
    assert graded.feedback == ("The get() never runs: the program is already stuck one line earlier.",)
    assert grade(p, "4").feedback == ("Putting never blocks here; the feeder thread takes the item.",)
    with pytest.raises(InvalidAnswer):
        grade(p, "12")
    assert p.expected() == "line 10"
