"""The lecture, written with symnn: one module per topic.

Each topic module defines ``section() -> symnn.Section``; ``symnn lecture`` collects
every module of this package that has one and orders them by ``Section.order``.
These modules use only symnn's public API (``import symnn``), so they double as
examples of how to use it.
"""
