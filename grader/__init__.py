"""prep: a command-line trainer for Python multiprocessing interviews.

The package is a library first; `grader.cli` is a thin command-line layer over it.
"""

__version__ = "0.1.0"
