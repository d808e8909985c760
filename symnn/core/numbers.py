"""Numbers as people write them: decimals written, rounding (half-up unless asked), fixed-point text.

Every rounding and number formatting of symnn goes through this module, so that a
value shows the same figure everywhere: 0.125 at two decimals is 0.13 in a circuit
table, an answer key and the checker alike.

>>> format_decimal(0.125, 2), rounded_text(0.125, 2), shows(0.125, "0.13")
('0.13', '0.13', True)
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from fractions import Fraction

__all__ = ["DECIMAL_CONTEXT", "HALF_EVEN", "HALF_UP", "decimals_written", "format_decimal",
           "round_decimal", "rounded_text", "shows", "significant_latex", "to_decimal"]

def decimals_written(text: str) -> int:
    """How many decimals a number was written with (read from the text, not the float).

    In scientific notation the decimals are those of the number written out:
    ``5.622e-1`` is 0.5622, four decimals. A positive exponent keeps the significant
    figures written: ``1.23e3`` is 1230 to the nearest ten, -1 decimals (3 significant
    figures), not exact to the unit. A decimal comma counts like a point; a Unicode
    minus like a hyphen.

    >>> decimals_written("0.50"), decimals_written("-0.009"), decimals_written("1")
    (2, 3, 0)
    >>> decimals_written("5.622e-1"), decimals_written("1.5E2"), decimals_written("0,25")
    (4, -1, 2)
    >>> decimals_written("1.23e3"), decimals_written("6.022e23"), decimals_written("−0.5")
    (-1, -20, 1)
    """
    text = _plain(text)
    if "e" in text.lower():
        mantissa, exponent = text.lower().split("e")
        return decimals_written(mantissa) - int(exponent)
    return len(text.split(".", 1)[1]) if "." in text else 0


def _plain(text: str) -> str:
    """A written number with a decimal comma, a Unicode minus or a plus sign made plain."""
    return text.strip().replace(",", ".").replace("\u2212", "-").replace("\u2013", "-")


HALF_UP = "half-up"
HALF_EVEN = "half-even"
_MODES = {HALF_UP: decimal.ROUND_HALF_UP, HALF_EVEN: decimal.ROUND_HALF_EVEN}
DECIMAL_CONTEXT = decimal.Context(prec=50, Emax=10_000, Emin=-10_000)


def round_decimal(value: Decimal | Fraction | float | str, decimals: int, mode: str = HALF_UP) -> Decimal:
    """``value`` rounded to ``decimals`` decimals (half-up rounds ties away from zero).

    >>> round_decimal("0.0346", 2), round_decimal("-0.075", 2), round_decimal("0.5", 0, HALF_EVEN)
    (Decimal('0.03'), Decimal('-0.08'), Decimal('0'))
    """
    value = to_decimal(value)
    if not value.is_finite() or value.adjusted() + decimals > 45:  # beyond the context: nothing to round
        return value
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=_MODES[mode], context=DECIMAL_CONTEXT)


def shows(value, written: str, mode: str = HALF_UP) -> bool:
    """Whether ``value`` rounded at the decimals of ``written`` is ``written``.

    A minus sign written before a figure that rounds to 0 must match the sign of the value:
    ``-0.00`` is not what a positive value shows.

    >>> shows(0.20970, "0.21"), shows(-0.008438, "-0.009"), shows(0.5, "0.50")
    (True, False, True)
    >>> shows(-0.5, "−0.5"), shows(0.001, "-0.00"), shows(1234.0, "1.23e3")
    (True, False, True)
    """
    text = _plain(written)
    decimals = decimals_written(text)
    rounded = round_decimal(value, decimals, mode)
    if rounded != Decimal(text):
        return False
    return not (text.startswith("-") and to_decimal(value) > 0)


def rounded_text(value, decimals: int, mode: str = HALF_UP) -> str:
    """``value`` printed at ``decimals`` decimals (``-0.0`` printed as ``0.0``), never in exponent form.

    Negative ``decimals`` round to tens, hundreds, ...: 1234 at -1 decimals is 1230.

    >>> rounded_text(-0.008438, 3), rounded_text(-0.0001, 2), rounded_text(1234, -1), rounded_text(10, 0)
    ('-0.008', '0.00', '1230', '10')
    """
    result = round_decimal(value, decimals, mode)
    if result == 0:
        result = abs(result)
    return f"{result:.{max(decimals, 0)}f}"


def to_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return DECIMAL_CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    text = str(value)
    return Decimal(_plain(text) if isinstance(value, str) else text)


def format_decimal(value: float, places: int) -> str:
    """``value`` written with ``places`` decimals (half-up), without a negative zero.

    >>> format_decimal(0.125, 2), format_decimal(-0.0001, 2), format_decimal(3.0, 0)
    ('0.13', '0.00', '3')
    """
    value = float(value)
    scaled = abs(value) * 10.0**places
    if math.isfinite(scaled) and abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        text = f"{value:.{places}f}"  # not near a tie: the binary rounding is the decimal one
    else:
        quantum = Decimal(1).scaleb(-places)
        text = str(Decimal(repr(value)).quantize(quantum, rounding=decimal.ROUND_HALF_UP))
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return text


def significant_latex(value: float, digits: int) -> str:
    r"""``value`` with ``digits`` significant digits as LaTeX math: ``2.28 	imes 10^{-6}``, not 2.28e-06.

    Plain decimals from 10^-4 up to 10^digits, a power of ten outside; half-up like every figure.

    >>> significant_latex(2.2849e-6, 3), significant_latex(0.012345, 3), significant_latex(0, 3)
    ('$2.28 \\times 10^{-6}$', '$0.0123$', '$0$')
    """
    value = float(value)
    if value == 0:
        return "$0$"
    exponent = int(f"{value:e}".split("e")[1])  # the power of ten of the first significant digit
    if -4 <= exponent < digits:
        places = max(0, digits - 1 - exponent)
        return f"${format_decimal(value, places).rstrip('0').rstrip('.')}$"
    mantissa = format_decimal(value / 10**exponent, digits - 1).rstrip("0").rstrip(".")
    return f"${mantissa} \\times 10^{{{exponent}}}$"
