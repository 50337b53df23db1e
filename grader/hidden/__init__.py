"""Hidden tests: one pytest module per exercise, run by the trusted grading process.

Each module defines SCENARIOS (entry point and inputs, observed under every
start method before the tests run) and tests that take the `seen` fixture
and raise `RuleBroken` with a rule from `grader.grading.messages`.
"""
