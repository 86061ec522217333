"""A function for worker processes to run that imports nothing of the
project, to see what a child imported before it."""

import sys


def imported(module: str) -> bool:
    return module in sys.modules
