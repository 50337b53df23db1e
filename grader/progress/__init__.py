"""The learner's progress: answers, review scheduling and statistics, in SQLite."""
