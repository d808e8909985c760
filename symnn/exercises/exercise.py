"""Exercises with answer keys: seeded variants of a spec, checked for degeneracy, with worked keys.

This module gathers the public names of the exercise modules: :mod:`.base` (quantities,
variants, the checks every kind shares), :mod:`.generate` (drawing and stress tests), one
module per kind (:mod:`.network`, :mod:`.activation`, :mod:`.named`, :mod:`.graph`,
:mod:`.perceptron`), :mod:`.kinds` (the registry and spec reading) and :mod:`.outputs`
(sheets, keys, quiz files, answers.json).

An exercise spec is a TOML file: the network spec of ``symnn backprop`` (the
*network* exercise), or an ``[exercise]`` table naming another kind, plus an
optional ``[randomize]`` table (see :mod:`symnn.exercises.randomize`) saying how each symbol
varies from one variant to the next.

Variants are drawn from ``seed``: each variant has its own seed (printed on its
sheet) taken from the stream :func:`symnn.exercises.randomize.variant_seeds` gives. A
variant is *degenerate* and rejected when an answer is zero or vanishing, needs
more digits than the sheet asks for, coincides with another answer of its group,
when a unit is saturated, or when it repeats an earlier variant; the rejections
are counted by reason.

The derivation is done once per exercise (per choice of activation): the answers
of all variants come from functions compiled with ``lambdify`` (CSE on) and are
evaluated for all variants at once.

>>> ex = parse_exercise('''
... title = "Sigmoid derivative"
... [exercise]
... kind = "activation_derivative"
... decimals = 4
... [values]
... activation = "sigmoid"
... x = 0.5
... [randomize]
... x = { min = -2, max = 2, step = 0.1 }
... ''', source="demo.toml")
>>> result = generate(ex, 3, seed=7)
>>> [v.index for v in result.variants]
[1, 2, 3]
>>> v = result.variants[0]
>>> import math
>>> s = 1 / (1 + math.exp(-v.values["x"]))
>>> abs(v.answers["derivative"] - s * (1 - s)) < 1e-12
True
"""

from .base import MAX_DRAWS, MAX_VARIANTS, Exercise, Quantity, Variant
from .generate import ExerciseSet, Stress, answers_json, generate, stress
from .kinds import KINDS, load_exercise, parse_exercise
from .outputs import moodle_categories, pages, write_outputs

__all__ = [
    "KINDS",
    "MAX_DRAWS",
    "MAX_VARIANTS",
    "Exercise",
    "ExerciseSet",
    "Quantity",
    "Stress",
    "Variant",
    "answers_json",
    "generate",
    "generate_variants",
    "load_exercise",
    "moodle_categories",
    "pages",
    "parse_exercise",
    "stress",
    "stress_test",
    "write_exercise",
    "write_outputs",
]

#: the names of the public API (``symnn.generate_variants`` etc.)
generate_variants = generate
stress_test = stress
write_exercise = write_outputs
