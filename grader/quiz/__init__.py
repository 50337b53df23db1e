"""The quiz engine: item banks, answer grading, selection and the quiz session."""
