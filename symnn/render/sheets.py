"""Student sheets and answer keys: pages of simple blocks printed as LaTeX or Markdown, in en or zh.

An exercise describes each variant's task and worked solution as a :class:`Page`
of blocks (:class:`Text` with ``$...$`` inline math, :class:`Display` formulas,
:class:`Grid` tables, TikZ :class:`Picture` s). This module prints the pages as
one LaTeX document (one page per variant) or one Markdown file, and compiles
the LaTeX to PDF when a TeX engine is installed.

Chinese text (``lang="zh"``) is typeset with ``ctexart``, which needs XeLaTeX;
:func:`pdf_engine` says whether one is installed.

>>> page = Page("Variant 1", [Text("Compute $f'(x)$ at $x = 0.5$."), Display(r"f'(x) = 0.2350")])
>>> print(markdown_document("Sheet", [page]))
# Sheet
<BLANKLINE>
## Variant 1
<BLANKLINE>
Compute $f'(x)$ at $x = 0.5$.
<BLANKLINE>
$$
f'(x) = 0.2350
$$
<BLANKLINE>
>>> "\\\\section*{Variant 1}" in latex_document("Sheet", [page])
True
>>> tr("en", "learning_rate"), tr("zh", "learning_rate")
('learning rate', '学习率')
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..document.blocks import math_segments
from .latex import MATH_SIZES, escape_text

__all__ = ["TEXTS", "Display", "Grid", "Page", "Picture", "Text", "compile_pdf", "latex_document",
           "markdown_document", "pdf_engine", "tr"]

#: the words of sheets and keys, in English and in the lecture's Chinese terms
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "sheet": "Exercise sheet",
        "key": "Answer key",
        "variant": "Variant",
        "seed": "variant seed",
        "name": "Name",
        "round": "Give every numerical answer rounded to {d} decimals; "
                 "answers within $\\pm {tol}$ of the exact value are accepted.",
        "exact": "exact",
        "rounded": "rounded",
        "given": "Given",
        "tasks": "Tasks",
        "network_intro": "The network below uses the activation ${act}$ in every unit and the loss {loss}.",
        "network_intro_layers": "The network below has the activations {acts} and the loss {loss}.",
        "task_forward": "Compute the forward pass: the net input and the output of every unit.",
        "task_loss": "Compute the error (loss) $E$.",
        "task_gradients": "Compute by the chain rule (backpropagation) the gradients {names}.",
        "task_updated": "Do one step of gradient descent with learning rate $\\eta = {lr}$: "
                        "the parameter update $w' = w - \\eta\\, \\partial E / \\partial w$ for {names}.",
        "forward": "Forward pass",
        "error": "Error",
        "backprop": "Backpropagation: gradients by the chain rule",
        "deltas": "Backpropagation: the delta of every unit, $\\delta = \\partial E / \\partial In$",
        "update": "Parameter update",
        "learning_rate": "learning rate",
        "chain_rule": "chain rule",
        "gradient_chain": "The gradient by the chain rule",
        "closed_form": "closed form",
        "values_in": "values substituted",
        "inputs": "inputs",
        "targets": "targets",
        "weights": "weights and biases",
        "symbol": "symbol",
        "value": "value",
        "answers": "Answers",
        "quantity": "quantity",
        "act_task_value": "Compute $f(x)$ and $f'(x)$ for $f = {f}$ at $x = {x}$.",
        "act_task_prove": "Show that ${identity}$.",
        "act_proof": "Proof of the derivative",
        "at_point": "At the point",
        "rejected": "rejected",
        "more_decimals": "Give {names} to {d} decimals (answers within $\\pm {tol}$ are accepted).",
        "to_decimals": "to {d} decimals",
        "quiz_parts": "Answers (rounded as asked):",
        "variants": "variants",
        "bias": "bias",
        "edge": "edge",
        "weight": "weight",
        "node": "node",
        "computes": "computes",
        "unit_output": "output of the unit",
        "after_update": "after one step",
        "node_forward": "forward value",
        "answer": "answer",
    },
    "zh": {
        "sheet": "练习",
        "key": "答案",
        "variant": "题目",
        "seed": "随机种子",
        "name": "姓名",
        "round": "所有数值答案保留 {d} 位小数；与精确值相差不超过 $\\pm {tol}$ 的答案视为正确。",
        "exact": "精确值",
        "rounded": "四舍五入",
        "given": "已知",
        "tasks": "问题",
        "network_intro": "下图神经网络每个神经元的激活函数为 ${act}$，损失函数为{loss}。",
        "network_intro_layers": "下图神经网络的激活函数为 {acts}，损失函数为{loss}。",
        "task_forward": "计算前向传播：每个神经元的输入与输出。",
        "task_loss": "计算误差 $E$。",
        "task_gradients": "用链式求导（反向传播）计算梯度 {names}。",
        "task_updated": "以学习率 $\\eta = {lr}$ 做一步梯度下降，计算参数更新 "
                        "$w' = w - \\eta\\, \\partial E / \\partial w$：{names}。",
        "forward": "前向传播",
        "error": "误差",
        "backprop": "反向传播：链式求导",
        "deltas": "反向传播：每个神经元的 $\\delta = \\partial E / \\partial In$",
        "update": "参数更新",
        "learning_rate": "学习率",
        "chain_rule": "链式求导",
        "gradient_chain": "用链式求导计算梯度",
        "closed_form": "展开形式",
        "values_in": "代入数值",
        "inputs": "输入",
        "targets": "目标值",
        "weights": "权重与偏置",
        "symbol": "符号",
        "value": "数值",
        "answers": "答案",
        "quantity": "量",
        "act_task_value": "对 $f = {f}$，计算 $x = {x}$ 处的 $f(x)$ 与 $f'(x)$。",
        "act_task_prove": "证明 ${identity}$。",
        "act_proof": "导数的推导",
        "at_point": "代入",
        "rejected": "舍弃",
        "more_decimals": "{names} 保留 {d} 位小数（与精确值相差不超过 $\\pm {tol}$ 视为正确）。",
        "to_decimals": "保留 {d} 位小数",
        "quiz_parts": "答案（按要求四舍五入）：",
        "variants": "个题目",
        "bias": "偏置",
        "edge": "连接",
        "weight": "权重",
        "node": "节点",
        "computes": "计算",
        "unit_output": "神经元的输出",
        "after_update": "更新一步后",
        "node_forward": "前向值",
        "answer": "答案",
    },
}

LANGUAGES = tuple(TEXTS)


def tr(lang: str, key: str, **fields) -> str:
    """The text ``key`` in ``lang`` with ``fields`` filled in."""
    text = TEXTS[lang][key]
    return text.format(**fields) if fields else text


@dataclass(frozen=True)
class Text:
    """A paragraph; ``$...$`` segments are inline math, the rest is plain text."""

    text: str


@dataclass(frozen=True)
class Display:
    """A display formula; rows separated by ``\\\\`` and aligned at ``&`` print as an aligned block."""

    latex: str


@dataclass(frozen=True)
class Grid:
    """A small table; cells may hold ``$...$``."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Picture:
    """A TikZ picture (LaTeX); Markdown shows ``image`` (a file beside it) when given, else ``alt``."""

    tikz: str
    alt: str = ""
    image: str = ""


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a page."""

    text: str


@dataclass
class Page:
    """One variant's page: a title, a line under it (the seed) and blocks."""

    title: str
    blocks: list = field(default_factory=list)
    subtitle: str = ""


def _latex_text(text: str) -> str:
    return "".join(f"${part}$" if math else escape_text(part) for math, part in math_segments(text))


def _latex_block(block) -> str:
    if isinstance(block, Heading):
        return f"\\subsection*{{{_latex_text(block.text)}}}"
    if isinstance(block, Text):
        return _latex_text(block.text)
    if isinstance(block, Display):
        if "&" in block.latex:
            return "\\begin{align*}\n" + block.latex + "\n\\end{align*}"
        return "\\[\n" + block.latex + "\n\\]"
    if isinstance(block, Grid):
        columns = "l" * len(block.header)
        head = " & ".join(_latex_text(h) for h in block.header) + r" \\"
        rows = "\n".join(" & ".join(_latex_text(c) for c in row) + r" \\" for row in block.rows)
        return ("\\begin{center}\n\\begin{tabular}{" + columns + "}\n\\toprule\n" + head
                + "\n\\midrule\n" + rows + "\n\\bottomrule\n\\end{tabular}\n\\end{center}")
    if isinstance(block, Picture):  # drawn at its own size: pictures are laid out to fit the page
        return "\\begin{center}\n" + block.tikz + "\n\\end{center}"
    raise TypeError(f"cannot print {type(block).__name__} as LaTeX")


_PREAMBLE = {
    "en": "\\documentclass[a4paper,11pt]{article}\n\\usepackage[T1]{fontenc}\n",
    "zh": "\\documentclass[a4paper,11pt,UTF8]{ctexart}\n",
}


def latex_document(title: str, pages: Sequence[Page], lang: str = "en") -> str:
    """A LaTeX document with one page per :class:`Page` (type at full size: nothing is shrunk)."""
    out = [_PREAMBLE[lang],
           "\\usepackage[margin=2cm]{geometry}\n\\usepackage{amsmath,amssymb,booktabs}\n"
           "\\usepackage{tikz,graphicx}\n" + MATH_SIZES
           + "\n\\allowdisplaybreaks\n\\setlength{\\parindent}{0pt}\n"
           "\\setlength{\\parskip}{0.6em}\n\\pagestyle{plain}\n\\begin{document}\n"]
    for i, page in enumerate(pages):
        if i:
            out.append("\\newpage\n")
        out.append(f"\\section*{{{escape_text(page.title)}}}\n")  # titles are plain text, never math
        if page.subtitle:
            out.append(f"{escape_text(page.subtitle)}\n\n")
        for block in page.blocks:
            out.append(_latex_block(block) + "\n\n")
    if not pages:
        out.append(escape_text(title) + "\n")
    out.append("\\end{document}\n")
    return "".join(out)


def _markdown_block(block) -> str:
    if isinstance(block, Heading):
        return f"### {block.text}"
    if isinstance(block, Text):
        return block.text
    if isinstance(block, Display):
        body = block.latex
        if "&" in body:
            body = "\\begin{aligned}\n" + body + "\n\\end{aligned}"
        return "$$\n" + body + "\n$$"
    if isinstance(block, Grid):
        lines = ["| " + " | ".join(block.header) + " |", "|" + "---|" * len(block.header)]
        lines += ["| " + " | ".join(row) + " |" for row in block.rows]
        return "\n".join(lines)
    if isinstance(block, Picture):
        if block.image:
            return f"![{block.alt}]({block.image})"
        return f"*{block.alt}*" if block.alt else ""
    raise TypeError(f"cannot print {type(block).__name__} as Markdown")


def markdown_document(title: str, pages: Sequence[Page]) -> str:
    """A Markdown file: the title, then a section per :class:`Page`."""
    out = [f"# {title}\n"]
    for page in pages:
        out.append(f"## {page.title}\n")
        if page.subtitle:
            out.append(f"*{page.subtitle}*\n")
        for block in page.blocks:
            text = _markdown_block(block)
            if text:
                out.append(text + "\n")
    return "\n".join(out)


def pdf_engine(lang: str = "en") -> str | None:
    """The engine option for ``lang`` (``-pdf`` or ``-xelatex``) if its engine is installed, else None.

    English needs pdflatex; Chinese needs xelatex and the ctex package.
    """
    if lang == "zh":
        if shutil.which("xelatex") is None or shutil.which("kpsewhich") is None:
            return None
        found = subprocess.run(["kpsewhich", "ctexart.cls"], capture_output=True, text=True, check=False)
        return "-xelatex" if found.stdout.strip() else None
    return "-pdf" if shutil.which("pdflatex") else None


#: engine option (as :func:`pdf_engine` names it) -> the engine :func:`symnn.render.tex.compile_tex` runs
ENGINE_OPTIONS = {"-pdf": "pdflatex", "-xelatex": "xelatex"}


def compile_pdf(tex: Path, engine: str = "-pdf", timeout: float = 300) -> Path:
    """Compile ``tex`` into a PDF beside it (see :mod:`symnn.render.tex`); a failure quotes the log."""
    from ..core.files import read_text, write_text
    from .tex import compile_tex

    tex = Path(tex)
    compiled = compile_tex(read_text(tex), tex.parent, tex.stem, engine=ENGINE_OPTIONS[engine],
                           timeout=timeout)
    return write_text(tex.with_suffix(".pdf"), compiled.pdf)
