"""Independent oracles for tests and for authors of new derivations.

Nothing here uses the rest of symnn: finite differences at high precision with a local
mpmath context (:func:`central_differences`), the lecture's backpropagation computed by
hand in plain Python (:func:`lecture_backprop`), and a JSON reader that refuses NaN and
Infinity (:func:`strict_json`). NumPy, mpmath and SymPy only.

>>> g = central_differences(lambda ctx, p: p["a"] ** 2 * ctx.exp(p["b"]), {"a": 3, "b": 0})
>>> round(float(g["a"]), 20), round(float(g["b"]), 20)
(6.0, 9.0)
"""

from __future__ import annotations

from .finite_differences import central_differences, high_precision
from .lecture import LECTURE_VALUES, lecture_backprop
from .strict import strict_json

__all__ = ["LECTURE_VALUES", "central_differences", "high_precision", "lecture_backprop", "strict_json"]
