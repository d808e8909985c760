r"""Reading the rows of a document: which pieces of a text, Markdown or LaTeX file are claims.

Math is read from ``$...$``, ``$$...$$``, ``\[...\]`` and ``align``-like environments
(one row per ``\\``); a line without ``$`` that contains ``=`` is a bare math line,
in any language (``输出层 o1 = sigmoid(-0.0923) = 0.5231``). A row that lists several
claims (``x1 = 0.50, x2 = 0.30``) becomes one row per claim, and words of prose
around a claim (``Given:``, ``We take the learning rate eta = 1 here.``) are left
out. Every step is linear in the size of the input.

>>> [(r.line, r.text) for r in math_rows("Given: x1 = 0.5, x2 = 0.3\n$h_1 = 0.56$ and $$o_1 = 0.48$$\n")]
[(1, 'x1 = 0.5'), (1, 'x2 = 0.3'), (2, 'h_1 = 0.56'), (2, 'o_1 = 0.48')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parse import FUNCTIONS, GREEK
from .sessions import session_lines
from .spoken import _GRADIENT_OPERATOR, _SPOKEN_LIMIT, _gradient_of, spoken_derivatives
from .tables import is_rule, row_claims, table_header
from .tokens import FIGURE

__all__ = ["Row", "claims", "math_rows"]


@dataclass(frozen=True)
class Row:
    """One relation chain of a document and the file line it starts on."""

    line: int
    text: str
    condition: tuple[str, str, str] | None = None  # "for x > 0" after the claim: ("x", ">", "0")


_ENV_SKIP = re.compile(r"\\(begin|end)\{(split|aligned|align\*?|equation\*?|gather\*?|eqnarray\*?|array)\}"
                       r"(\{[^}]*\})?")
RELATION = re.compile(r"=|\\approx|≈|＝|\\leftarrow|\\gets(?![a-z])")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff01\uff0c\uff1a\uff1b\uff1f]+")
#: words that are names in the notation, not prose, though they are spelt like words
_MATH_WORDS = {w.lower() for w in (*FUNCTIONS, *GREEK)} | {
    "error", "err", "loss", "total", "net", "out", "in", "new", "old", "lr", "grad", "etotal", "ltotal",
    "target", "output", "yhat", "hat", "frac", "partial", "cdot", "times", "left", "right", "text",
    "mathrm", "operatorname", "approx", "pi"}
_OPENERS = (("$$", "$$"), ("\\[", "\\]"), ("\\begin{align", None), ("\\begin{equation", None),
            ("\\begin{gather", None), ("$", "$"))


def _strip_comments(text: str) -> str:
    """HTML comments out (their line breaks kept, so line numbers stay right); one pass."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    i = 0
    while True:
        j = text.find("<!--", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        k = text.find("-->", j + 4)
        if k < 0:
            out.append("\n" * text.count("\n", j))
            break
        out.append("\n" * text.count("\n", j, k))
        i = k + 3
    return "".join(out)


#: a decimal comma, where the text writes no decimal point at all: 0,5 or 0,4132 or 12,75 (not the
#: lists 0,1,0 or (1,2))
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(\d{1,6}),(\d{1,12})(?![\d,])")


def _decimal_comma(match: re.Match) -> str:
    whole, part = match.groups()
    return f"{whole}.{part}" if whole == "0" or len(part) >= 2 else match.group(0)


def math_rows(text: str) -> list[Row]:
    r"""The claims of a text, Markdown or LaTeX document, each with its line number.

    >>> [(r.line, r.text) for r in math_rows("Forward:\n$h_1 = 0.56$ and $$o_1 = 0.48$$\n# note\nx = 1\n")]
    [(2, 'h_1 = 0.56'), (2, 'o_1 = 0.48'), (4, 'x = 1')]
    """
    rows: list[Row] = []
    text = _strip_comments(text)
    if "," in text and _DECIMAL_COMMA.search(text) and not re.search(r"\d\.\d", text):
        text = _DECIMAL_COMMA.sub(_decimal_comma, text)  # 0,4 − 0,5·(−0,0264)
    text = re.sub(r"(?<!\\)%[^\n]*", "", text) if "\\" in text else text
    block: list[tuple[int, str]] | None = None
    closer = ""
    operator = None  # a letter the writer defined as the gradient: g(.) = dE/d(.)
    table = None  # the header of the Markdown table being read (its rows are read by it)
    previous = ""
    for number, raw in enumerate(session_lines(text.split("\n")), start=1):
        line = raw.rstrip()
        if block is None and line.lstrip().startswith("|") and len(line) < _SPOKEN_LIMIT:
            if is_rule(line):
                table = table_header(previous)
                rows[:] = [r for r in rows if r.line != number - 1]  # the header is not a claim
            else:
                for claim in row_claims(line, table):
                    rows.extend(_block_rows([(number, claim)]))
            previous = line
            continue
        table, previous = None, line
        if block is None and "$" not in line and "|" in line:
            line = _without_margin_note(line)
        if operator is not None:
            line = _gradient_of(line, operator)
        elif len(line) < _SPOKEN_LIMIT and (legend := _GRADIENT_OPERATOR.search(line)):
            operator = (legend.group("op"), legend.group("loss")) if legend.group("op") \
                else (legend.group("sub"), legend.group("top"), True)
        if block is None:
            line = hand_notation(spoken_derivatives(line))
        if block is not None:
            end = line.find(closer)
            if end < 0:
                block.append((number, line))
                continue
            block.append((number, line[:end]))
            rows.extend(_block_rows(block))
            block = None
            line = line[end + len(closer):]
            if not line.strip():
                continue
        stripped = line.strip()
        if not stripped or (stripped.startswith(("#", "<!--", "%", "```", ">")) and "$" not in stripped):
            continue
        if stripped.startswith("%"):
            continue
        pieces, opened = _inline_pieces(line)
        if opened is not None:
            block, closer = [(number, opened[0])], opened[1]
        if pieces is None:  # a bare line
            if RELATION.search(stripped):
                for chunk in _spaced_claims(stripped.replace("`", " ")):
                    rows.extend(_block_rows([(number, chunk)], bare=True))
            continue
        for piece in pieces:
            rows.extend(_block_rows([(number, piece)]))
    if block is not None:
        rows.extend(_block_rows(block))
    return rows


def _without_margin_note(line: str) -> str:
    """A bare line without the note a grader wrote in its margin, after wide space and a bar:
    ``t = -1, f = 0.73106       | accept 0.731``."""
    start = line.find("|")
    while start >= 3:
        if line[start - 3:start].isspace():
            return line[:start].rstrip()
        start = line.find("|", start + 1)
    return line


#: a Markdown bullet at the start of a line ("- tanh'(z) = ..."), not a minus sign
_BULLET = re.compile(r"^(\s*)[-*+•]\s+(?=[^\d\s.])")
#: an update written as an arrow or a word: w1 <- 0.15 - ..., w5 becomes ..., w_{22} 更新为 ...
_UPDATE = re.compile(r"(?<![\w{}])([A-Za-zα-ωΑ-Ω][\w{}]*)\s*"
                     r"(?:<-|←|\s(?:becomes|is updated to)\s|更新为|更新成|变为)\s*")
#: a name said to be the updated one: "new w5 = .1 - .03096", "updated w_1 = ..."
_NEW_NAME = re.compile(r"(?i)(?<![\w'])(?:new|updated)\s+([A-Za-z](?:_?\{?\w{1,8}\}?)?)(?=\s*(?:=|≈))"
                       r"|(?<![\w'])([A-Za-z](?:_?\{?\w{1,8}\}?)?)\s+new(?=\s*(?:=|≈))")
#: a gradient said in a word before its parameter: "grad w1 = ...", "gradient of w3 = ..." (dw1, as code
#: names it)
_GRAD_WORD = re.compile(r"(?i)(?<![\w\\])grad(?:ient)?\s+(?:of\s+)?([A-Za-z][\w{}]{0,8})(?=\s*(?:=|≈))")
#: the gradient of a Greek-named parameter as code names it: dβ1 = ... (dE/dβ1)
_GREEK_GRADIENT = re.compile(r"(?<![\w\\/])d([α-ωΑ-Ω][\w{}]{0,4})(?=\s*(?:=|≈))")
#: a parameter and its new value after an arrow, at the start of a clause: "w5 -> 0.359"
_ARROW_UPDATE = re.compile(r"(?:^[ \t]*|(?<=\s\s)|(?<=[;,]\s))([A-Za-zα-ωΑ-Ω]\w{0,6}) ?(?:->|→) ?"
                           r"(?=-?(?:\d+(?:\.\d*)?|\.\d+)(?:\s|$|[,;]))")
#: an arrow between steps of notes (.25 -> sig -> .56218, => d_o1 = ...): a clause ends there
_STEP_ARROW = re.compile(r"\s*(?:->|→|=>|⇒)\s*")
#: compact assignments side by side: w0=2 x0=-1 w1=-3
_SIDE_BY_SIDE = re.compile(r"(\b[A-Za-z]\w*=-?(?:\d+(?:\.\d*)?|\.\d+))\s+(?=[A-Za-z]\w*=)")


#: an activation applied by an arrow: = .25 -> sig -> .56218, = 0.55 -> a1 = tanh = 0.5005
_APPLIED = re.compile(r"=\s*(?P<x>-?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:->|→)\s*(?:(?P<name>[A-Za-z]\w*)\s*=\s*)?"
                      r"(?P<f>sig|sigmoid|tanh|relu|ReLU|σ)\s*(?:->|→|=)\s*")


def _applied(match: re.Match) -> str:
    name = f"{match.group('name')} = " if match.group("name") else ""
    return f"= {match.group('x')}; {name}{match.group('f')}({match.group('x')}) = "


def hand_notation(line: str) -> str:
    """Habits of notes written by hand, as the notation they stand for (lines outside LaTeX math).

    >>> hand_notation("- w1 <- 0.15 - 0.5 * 0.000439 = 0.149781")
    "w1' = 0.15 - 0.5 * 0.000439 = 0.149781"
    >>> hand_notation("h1: .2*.5+.5*.3 = .25 -> sig -> .56218")
    'h1: .2*.5+.5*.3 = .25; sig(.25) = .56218'
    >>> hand_notation("w0=2 x0=-1 w1=-3"), hand_notation("Then w5 becomes 0.40 - 0.08 = 0.32.")
    ('w0=2; x0=-1; w1=-3', "Then w5' = 0.40 - 0.08 = 0.32.")
    >>> hand_notation("new w5 = .1 - .03096 = .06904")
    "w5' = .1 - .03096 = .06904"
    """
    if len(line) > _SPOKEN_LIMIT:
        return line
    line = _BULLET.sub(r"\1", line)
    line = _UPDATE.sub(lambda m: f"{m.group(1)}' = ", line)
    line = _NEW_NAME.sub(lambda m: f"{m.group(1) or m.group(2)}'", line)
    line = _GRAD_WORD.sub(r"d\1", line)
    line = _GREEK_GRADIENT.sub(r"dE/d\1", line)
    line = _ARROW_UPDATE.sub(r"\1' = ", line)
    if "$" in line or "\\" in line:
        return line
    line = _code_habits(line)
    line = _STARRED.sub(r"\1_star", line)  # w* = 2, L(w*) = 1: the optimum, a name
    line = _APPLIED.sub(_applied, line)
    line = _STEP_ARROW.sub("; ", line)
    return _SIDE_BY_SIDE.sub(r"\1; ", line)


#: a function of a module, as code calls it: np.exp, math.exp
_MODULE = re.compile(r"\b(?:np|numpy|math|torch)\.(?=[a-z])")
#: a derivative named as code names it: dE_dw5, dL_dbeta1 are dE/dw5, dL/dbeta1
_CODE_DERIVATIVE = re.compile(r"(?<![A-Za-z0-9_])d([A-Za-z][A-Za-z0-9]*)_d([A-Za-z][A-Za-z0-9]*(?:_\w+)?)")
#: a comment after code: "dot = w0*x0 + w2   # = 1", "dw0 = x0 * ddot   # -1.9661e-1"
_CODE_COMMENT = re.compile(r"\s(?:#|//)\s?(.*)$")
#: a starred name (the optimum): w* = 2, L(w*) = 1
_STARRED = re.compile(r"(?<![\w*])([A-Za-z])\*(?=\s*[=),])")
#: an update in place, as code writes it: theta1 -= 0.5*g -> 1.2204
_IN_PLACE = re.compile(r"(?<![\w'])([A-Za-z]\w{0,10}) ?([-+])= ?([^;=>]{1,200}?)"
                       r"(?: ?(?:->|→) ?(-?\d+(?:\.\d+)?))?(?=$|[;,])")


def _code_habits(line: str) -> str:
    """Lines written as code, as the notation they stand for.

    >>> _code_habits("dE_dw5 = dE_do1 * o1*(1 - o1) * h1 = 0.034633")
    'dE/dw5 = dE/do1 * o1*(1 - o1) * h1 = 0.034633'
    >>> _code_habits("dw0 = x0 * ddot   # -1.9661e-1"), _code_habits("f = 1/(1 + math.exp(-z))  # = 0.73")
    ('dw0 = x0 * ddot = -1.9661e-1', 'f = 1/(1 + exp(-z)) = 0.73')
    >>> _code_habits("x1, x2 = 0.5, 0.3 ; y1, y2 = 0.23, -0.07")
    'x1 = 0.5; x2 = 0.3 ; y1 = 0.23; y2 = -0.07'
    >>> _code_habits("dL_du2 = 0  # relu off")
    'dL/du2 = 0'
    """
    comment = _CODE_COMMENT.search(line)
    if comment is not None and "=" in line[:comment.start()]:
        code, said = line[:comment.start()].rstrip(), comment.group(1).strip()
        if said.startswith("="):
            line = f"{code} {said}"  # the value the code gives, said in the comment
        elif FIGURE.fullmatch(said):
            line = f"{code} = {said}"
        else:
            line = code  # words
    line = _MODULE.sub("", line)
    line = _CODE_DERIVATIVE.sub(r"d\1/d\2", line)
    if "-=" in line or "+=" in line:  # theta1 -= 0.5*(-0.0407) -> 1.2204: the update it is
        line = _IN_PLACE.sub(lambda m: f"{m.group(1)}' = {m.group(1)} {m.group(2)} ({m.group(3).strip()})"
                             + (f" = {m.group(4)}" if m.group(4) else ""), line)
    return ";".join(_tuple_assignment(clause) for clause in line.split(";"))


def _tuple_assignment(clause: str) -> str:
    """``a1, a2 = tanh(0.55), tanh(-0.7) = 0.5005, -0.6044``: one chain per name."""
    if "," not in clause or "=" not in clause:
        return clause
    sides = [_split_list(side) for side in re.split(r"(?<![<>!=])=(?!=)", clause)]
    size = len(sides[0])
    if size < 2 or len(sides) < 2 or any(len(side) != size for side in sides) \
            or not all(re.fullmatch(r"\s*[A-Za-z][\w']*\s*", name) for name in sides[0]):
        return clause
    lead = clause[:len(clause) - len(clause.lstrip())]
    trail = clause[len(clause.rstrip()):]
    return lead + "; ".join(" = ".join(side[k].strip() for side in sides) for k in range(size)) + trail


#: a word just before inline math that starts with '=' (``sum $= 6.2809$``), and words that do not name
_NAMED_BEFORE = re.compile(r"(?<![\w\\])([A-Za-z][A-Za-z0-9_]{0,15})\s*$")
_CONNECTIVES = {"so", "then", "thus", "hence", "and", "is", "are", "gives", "get", "we", "it", "that",
                "which", "also", "here", "therefore", "i.e", "ie", "or", "to", "of", "the", "a", "an", "as",
                "with"}


def _inline_pieces(line: str):
    """Math pieces of one line; a block opened and not closed is returned as (text, closer)."""
    if not any(o in line for o, _ in _OPENERS):
        return None, None
    pieces: list[str] = []
    i = 0
    # the next place of each opener, found again only once passed: linear in the line
    where = {opener: line.find(opener) for opener, _ in _OPENERS}
    while i < len(line):
        found = None
        for opener, closer in _OPENERS:
            j = where[opener]
            if 0 <= j < i:
                j = where[opener] = line.find(opener, i)
            if j >= 0 and (found is None or j < found[0]):
                found = (j, opener, closer)
        if found is None:
            break
        j, opener, closer = found
        if closer is None:
            env = re.match(r"\\begin\{([a-z]+\*?)\}", line[j:j + 40])
            if env is None:
                break
            closer = f"\\end{{{env.group(1)}}}"
            start = j + env.end()
        else:
            start = j + len(opener)
        end = line.find(closer, start)
        if end < 0:
            return pieces, (line[start:], closer)
        piece = line[start:end]
        named = _NAMED_BEFORE.search(line, max(0, j - 40), j) if piece.lstrip().startswith("=") else None
        if named is not None and named.group(1).lower() not in _CONNECTIVES:
            piece = f"{named.group(1)} {piece}"  # sum $= 6.2809$: the word before names the figure
        pieces.append(piece)
        i = end + len(closer)
    return pieces, None


def _block_rows(block: list[tuple[int, str]], bare: bool = False) -> list[Row]:
    """Split a math block into rows at ``\\`` (outside ``cases``) and drop layout commands."""
    rows: list[Row] = []
    current: list[str] = []
    blank = True  # nothing but spaces in ``current`` so far
    start_line = block[0][0]
    depth = 0
    for number, text in block:
        text = _ENV_SKIP.sub(" ", text)
        if blank:
            start_line = number
        k = 0
        while k < len(text):
            if text.startswith("\\begin{", k):
                depth += 1
            elif text.startswith("\\end{", k):
                depth -= 1
            if text.startswith("\\\\", k) and depth <= 0:
                rows.append(Row(start_line, "".join(current)))
                current, blank = [], True
                start_line = number
                k += 2
                continue
            current.append(text[k])
            blank = blank and text[k].isspace()
            k += 1
        current.append(" ")
    rows.append(Row(start_line, "".join(current)))
    out = []
    for row in rows:
        text = " ".join(row.text.split())
        if text and RELATION.search(text):
            out.extend(claims(Row(row.line, text), bare=bare))
    return out


def _spaced_claims(text: str) -> list[str]:
    """A line cut where wide spaces separate two claims: ``dE/dw5 = 0.08    dE/dw6 = 0.09``."""
    if "  " not in text and "\t" not in text:
        return [text]
    chunks: list[str] = []
    for chunk in re.split(r"\s{2,}", text):
        if chunks and not (RELATION.search(chunk) and RELATION.search(chunks[-1])
                           and not re.match(r"\s*[=+\-*/^&≈]", chunk)
                           and not re.search(r"[=+\-*/^(≈]\s*$", chunks[-1])):
            chunks[-1] += " " + chunk
        else:
            chunks.append(chunk)
    return chunks


def _split_list(text: str) -> list[str]:
    """A row cut at separators outside brackets: ``x1 = 0.5, x2 = 0.3`` -> two pieces."""
    pieces: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif depth == 0 and ((ch in ",;" and (i + 1 == n or text[i + 1] == " " or text[i + 1].isalpha()
                                             or text[i + 1] in "∂\\")
                              and text[i - 1:i] != "\\")
                             or ch in "，；、。"):
            pieces.append(text[start:i])
            start = i + 1
        i += 1
    pieces.append(text[start:])
    return pieces


def _trimmed(text: str) -> str:
    """A clause without the punctuation around it; a leading point of a number stays (.25 is 0.25).

    >>> _trimmed(": .2*.5 = .1."), _trimmed("x = 1;")
    ('.2*.5 = .1', 'x = 1')
    """
    text = re.sub(r"^(?:[\s,:;!?]|\.(?!\d))+", "", text)
    end = len(text)
    while end and (text[end - 1] in ".,:;!?" or text[end - 1].isspace()):  # (a loop: linear)
        end -= 1
    return text[:end]


def _is_prose(word: str) -> bool:
    """A word of a sentence: letters only (or CJK), not a name of the notation."""
    bare = word.strip(".,:;!?()\"'")
    if not bare:
        return word != "" and not any(ch.isalnum() or ch in "=()" for ch in word)
    if _CJK.fullmatch(bare) or _CJK.fullmatch(word):
        return True
    return bare.isascii() and bare.isalpha() and len(bare) >= 2 and bare.lower() not in _MATH_WORDS \
        and not re.fullmatch(r"d[a-z]", bare) \
        and (word == bare or word[-1:] in ".,:;!?" or word[:1] in "(\"'")


def _segments(text: str, bare: bool) -> list[str]:
    """The runs of words between words of prose that hold a relation: the claims of a sentence."""
    if bare or _CJK.search(text):
        text = _CJK.sub(lambda m: f" {m.group(0)} ", text)
    out: list[str] = []
    run: list[str] = []
    words = [*text.split(), "."]
    in_sum = False  # inside "sum over j != y_i of": the words of a sum written out
    subject = None  # a label that names the chain after it: "o1 net: w5 h1 + w7 h2 = ..."

    def keep(kept: str) -> None:
        nonlocal subject
        if subject and not _NAMED_CHAIN.match(kept):
            kept = f"{subject} = {kept}"
        subject = None
        out.append(kept)

    for k, word in enumerate(words):
        before_relation = k + 1 < len(words) and words[k + 1].startswith(("=", "≈"))
        if word.lower() == "sum" and k + 1 < len(words) and words[k + 1].lower() == "over" and run \
                and any(w.lower() == "of" for w in words[k + 2:k + 10]):
            in_sum = True  # (an "of" within a few words, or it is prose: "a sum over both paths")
        if in_sum:
            run.append(word)
            in_sum = word.lower() != "of"
            continue
        if _is_prose(word) and not RELATION.search(word) and not (before_relation and word.isalpha()
                                                                  and word.isascii()):
            kept = _trimmed(" ".join(run))
            if RELATION.search(kept):
                keep(kept)
            run = []
        else:
            if word.endswith(":"):
                # a clause ends at its colon: "times (-1): -1 * 1.00 = -1.00" (a label, dropped),
                # "at x = 2: 3*2^2 = 12" (a claim of its own)
                kept = _trimmed(" ".join([*run, word]))
                if RELATION.search(kept):
                    keep(kept)
                else:
                    label = _NET_LABEL.fullmatch(kept)
                    subject = f"net_{label.group('a') or label.group('b')}" if label else None
                run = []
                continue
            if not run and word.startswith(("=", "≈")) and k > 0:
                # "the change of z1 = -0.1 * 0.66 = -0.066": the words name the chain that follows
                # (after a claim that ends at a colon, "b = 0.38: ≈ 0.2256" does not go on from 0.38)
                word = word[1:]
                if not word:
                    continue
            run.append(word)
    return out


#: a remark in brackets: "d_h2 = 0 (h2 dead)", "(ReLU 在正区间导数为1)"
_REMARK = re.compile(r"(?:(?<=\s)|^)[(（]([^()（）=]{1,80})[)）]")


def _remark(match: re.Match) -> str:
    """A bracket of words is dropped; a bracket of math is kept."""
    inner = match.group(1)
    if _CJK.search(inner) or any(_is_prose(w) and w.isalpha() for w in inner.split()):
        return " "
    return match.group(0)


#: a label naming a unit's net input: "o1 net:", "net o1:", "net_o1:", "net(o1):"
_NET_LABEL = re.compile(r"(?i)(?:(?P<a>[A-Za-z]{1,4}\d{1,2})\s+net(?:\s+input)?"
                        r"|net(?:\s+input)?\s*(?:_|\s|\()\s*(?P<b>[A-Za-z]{1,4}\d{1,2})\)?)")
#: a chain that starts with the name it is about: "o1 = ...", "In_o1 = ..."
_NAMED_CHAIN = re.compile(r"[A-Za-z\\][\w{}\\']*\s*(?:=|≈|\\approx)")


def claims(row: Row, bare: bool = False) -> list[Row]:
    """The claims of one row: split at list separators, with the prose around each left out.

    >>> [r.text for r in claims(Row(1, "We take the learning rate eta = 1 here."), bare=True)]
    ['eta = 1']
    """
    out = []
    if (bare or _CJK.search(row.text)) and "(" in row.text:
        row = Row(row.line, _REMARK.sub(_remark, row.text), row.condition)
    pieces = _split_list(row.text)
    relational = [p for p in pieces if RELATION.search(p)]
    if len(relational) < 2 and not bare and not _CJK.search(row.text):
        return [row]
    if len(pieces) > 1 and len(relational) < 2 and not bare:
        relational = [row.text]
    for piece in relational:
        position = 0
        for kept in _segments(piece, bare):
            found = piece.find(kept, position)
            position = found + len(kept) if found >= 0 else position
            condition = _CONDITION.match(piece, position) if found >= 0 else None
            out.append(Row(row.line, kept, condition.groups() if condition else None))
    return out


# a condition written after a claim: "ReLU'(x) = 1 for x > 0"
_CONDITION = re.compile(r"\s*,?\s*(?:for|if|when)\s+([a-z])\s*(<=|>=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)(?![\d.])")


_DEFINITION = re.compile(r"\s*(?:\\q?quad\s*)?([A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?)\s*=(?!=)(.*)")


def definitions_first(rows: list[Row]) -> list[Row]:
    """Claims of one line reordered so that a name is defined before it is used on that line:
    ``df/dz = 0.1966 where z = w0*x0 + w1*x1 + w2`` reads the definition of z first.

    >>> [r.text for r in definitions_first([Row(1, "df/dz = 0.2"), Row(1, "z = w0*x0 + w2")])]
    ['z = w0*x0 + w2', 'df/dz = 0.2']
    """
    out: list[Row] = []
    start = 0  # where the rows of the current line begin in ``out``
    for row in rows:
        if out and out[-1].line != row.line:
            start = len(out)
        match = _DEFINITION.match(row.text)
        if match is not None and re.search(r"[A-Za-z]", match.group(2)) \
                and not re.search(r"\d\.\d", match.group(2)):  # a symbolic definition, no figures
            name = re.escape(match.group(1))
            # z on its own or after d (dz), not in a subscript (In_{o_1} does not use o_1)
            used = re.compile(rf"(?:(?<![A-Za-z0-9_\\{{])|(?<![A-Za-z0-9_\\])d){name}(?![A-Za-z0-9_])")
            first = next((k for k in range(start, len(out)) if used.search(out[k].text)), None)
            if first is not None and not used.search(match.group(2)):
                out.insert(first, row)
                continue
        out.append(row)
    return out
