"""Checking worked solutions: the parser, expected quantities, rounding schedules, the checker, the worker."""
