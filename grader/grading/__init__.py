"""Grading exercises: scenarios observed in the sandbox, judged by hidden pytest tests."""
