"""The one precision the checker computes at, in a context of its own.

Every number of the checker is an ``MP.mpf`` at 40 significant digits. ``MP`` is a
private mpmath context whose precision never changes, so checks may run in several
threads at once: nothing here touches mpmath's global precision (``mpmath.mp``).

>>> MP.dps, MP.nstr(MP.mpf(1) / 3, 40)
(40, '0.3333333333333333333333333333333333333333')
"""

from __future__ import annotations

import mpmath

__all__ = ["DPS", "MP"]

#: significant digits of every value the checker computes
DPS = 40
MP = mpmath.MPContext()
MP.dps = DPS
