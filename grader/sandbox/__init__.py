"""Running untrusted code: a supervised child process with limits, observed and cleaned up.

Learner code never runs in the process that decides a verdict; this package
is how it runs somewhere else.
"""
