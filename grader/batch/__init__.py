"""Grading a whole class: find each learner's files, grade them in parallel, cache, report."""
