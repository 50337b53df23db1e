# expect: fail results-in-order
"""Tries to make every test pass by patching pytest: it runs in the sandbox, not in the grader."""
try:
    import _pytest.python

    _pytest.python.Function.runtest = lambda self: None
except ImportError:
    pass


def map_with_pool(task, items, processes):
    return []
