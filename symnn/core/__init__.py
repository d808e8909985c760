"""The core: the catalogue, activation functions, written forms, derivations, equality, numbers, numerics.

Imports SymPy, NumPy and mpmath only; every other layer of symnn builds on it.
"""
