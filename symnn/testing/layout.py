r"""How a reader sees a compiled document: overfull boxes in TeX's log, shrinking commands in the source,
the size of every word's type in the PDF (measured with ``pdftotext -bbox-layout``).

>>> overfull(r"Overfull \hbox (12.5pt too wide) in paragraph")
['12.5']
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

__all__ = ["SHRINKING", "SMALLEST_TYPE", "overfull", "shrinking", "type_sizes", "words"]

#: commands that shrink what they enclose
SHRINKING = (r"\resizebox", r"\scalebox", r"\small", r"\footnotesize", r"\scriptsize", r"\tiny")
#: the smallest type a student should have to read, in points
SMALLEST_TYPE = 8.0


def overfull(log: str | Path) -> list[str]:
    """How far (pt) each overfull box of a TeX log runs past the margin."""
    text = log.read_text(errors="replace") if isinstance(log, Path) else log
    return re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", text)


def shrinking(tex: str | Path) -> list[str]:
    """The shrinking commands used in a LaTeX source."""
    text = tex.read_text(encoding="utf-8") if isinstance(tex, Path) else tex
    return [command for command in SHRINKING if re.search(re.escape(command) + r"(?![A-Za-z])", text)]


#: single characters that TeX's math symbol fonts use for symbols (cmex's "P" is the big sum, cmsy's "p"
#: the radical sign, "0" the prime): their boxes say nothing about the size of the type
_SYMBOL_GLYPHS = {"P", "Q", "R", "S", "X", "Y", "Z", "p", "0"}


#: Computer Modern, the type of all the mathematics here, has word boxes 0.885 of its size (measured:
#: body text at 10.95 pt gives boxes 9.69 pt high); other fonts' boxes are relatively taller, so dividing
#: by this fraction never makes their type look smaller than it is
BOX_PER_POINT = 9.69 / 10.95


def type_sizes(pdf: Path) -> list[tuple[float, str, int]]:
    """Every word of the PDF with the size of its type in pt, smallest first: (size, word, page)."""
    kept = [w for w in words(pdf) if re.search(r"[A-Za-z0-9\u4e00-\u9fff]", w[1])
            and w[1] not in _SYMBOL_GLYPHS]
    return sorted((round(h / BOX_PER_POINT, 2), text, page) for h, text, page in kept)


def words(pdf: Path) -> list[tuple[float, str, int]]:
    """The words of the PDF: (height of the box in pt, word, page)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    # (read with a pattern: pdftotext leaves characters such as "<" in words unescaped)
    words = []
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for y_min, y_max, text in re.findall(r'<word xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">'
                                              r"(.*?)</word>", page):
            words.append((round(float(y_max) - float(y_min), 2), text, number))
    return words
