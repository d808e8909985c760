"""The main job: build every topic of ``derivations/`` into lecture.tex, lecture.md, figures and lecture.pdf.

Each module of the lecture's package (the project's ``derivations``) that defines ``section()`` contributes
one :class:`~symnn.document.blocks.Section`; sections are ordered by ``Section.order``.
The PDF is compiled with ``latexmk`` (or ``pdflatex`` twice) when one is on PATH;
without one the rest is still written and the build says so.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import re
import shutil
import signal
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import SymnnError
from ..document.blocks import Claim, Section

__all__ = ["LectureBuild", "build_lecture", "compile_latex", "lecture_sections"]

#: seconds one LaTeX compilation may take before it is stopped
LATEX_TIMEOUT = 300


@dataclass
class LectureBuild:
    """What :func:`build_lecture` wrote: files, the PDF (or None and why), the sections and claims."""

    out_dir: Path
    sections: list[Section]
    files: list[Path] = field(default_factory=list)
    pdf: Path | None = None
    engine: str | None = None
    pages: int | None = None
    messages: list[str] = field(default_factory=list)
    lang: str = "en"
    left_out: list[tuple[str, str]] = field(default_factory=list)

    @property
    def claims(self) -> list[tuple[str, Claim]]:
        """Every claim of the lecture with the title of its section."""
        from ..document.blocks import claim_rows

        return claim_rows(self.sections)


def _module_label(package: str, name: str) -> str:
    return f"{package.replace('.', '/')}/{name}.py"


def _accepts_language(make: Callable) -> bool:
    try:
        parameters = inspect.signature(make).parameters
    except (TypeError, ValueError):
        return False
    return "lang" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def lecture_sections(package: str,
                     on_section: Callable[[str, int, int], None] | None = None,
                     lang: str = "en") -> list[Section]:
    """Import every module of ``package`` that has ``section()``, build the sections, sort them by order.

    ``section(lang="zh")`` is called for a Chinese build when the function takes ``lang``;
    a module whose ``section()`` takes no language can only be built in English.

    ``on_section(module, number, total)`` is called before each module is built.
    A module that fails to import or to build raises a SymnnError naming it.
    """
    try:
        root = importlib.import_module(package)
    except ImportError as error:
        raise SymnnError(f"cannot import the lecture's package '{package}': {error}") from None
    names = sorted(m.name for m in pkgutil.iter_modules(getattr(root, "__path__", []))
                   if not m.name.startswith("_"))
    built: list[tuple[int, str, Section]] = []
    for number, name in enumerate(names, start=1):
        label = _module_label(package, name)
        if on_section is not None:
            on_section(name, number, len(names))
        try:
            module = importlib.import_module(f"{package}.{name}")
        except Exception as error:
            raise SymnnError(f"{label} cannot be imported: {type(error).__name__}: {error}") from error
        make = getattr(module, "section", None)
        if not callable(make):
            continue
        if lang != "en" and not _accepts_language(make):
            raise SymnnError(f"{label}: section() takes no lang argument, so it cannot be built in {lang!r}")
        try:
            section = make(lang=lang) if lang != "en" or _accepts_language(make) else make()
        except SymnnError as error:
            raise SymnnError(f"{label}: {error}") from error
        except Exception as error:
            raise SymnnError(f"{label}: section() failed: {type(error).__name__}: {error}") from error
        if not isinstance(section, Section):
            raise SymnnError(f"{label}: section() returned {type(section).__name__}, "
                             "expected a symnn.Section")
        built.append((section.order, name, section))
    return [section for _, _, section in sorted(built, key=lambda item: (item[0], item[1]))]


def _first_latex_error(log: Path) -> str:
    """The first ``!`` line of a LaTeX log and the ``l.N`` line that locates it."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log written)"
    for index, line in enumerate(lines):
        if line.startswith("!"):
            where = next((text.strip() for text in lines[index + 1:index + 30]
                          if re.match(r"l\.\d+", text)), "")
            return f"{line.strip()}" + (f" [{where}]" if where else "")
    return "(no '!' error line in the log)"


def _run(command: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    env = dict(os.environ, max_print_line="1000")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise SymnnError(f"{command[0]} did not finish within {timeout:g} s on {cwd / command[-1]}") from None
    return subprocess.CompletedProcess(command, process.returncode, output, None)


def compile_latex(tex: str | Path, *, timeout: float = LATEX_TIMEOUT) -> tuple[Path, str, int | None]:
    """Compile ``tex`` to PDF beside it with latexmk (or pdflatex twice); returns (pdf, engine, pages).

    A LaTeX error raises a SymnnError quoting the log's first ``!`` line.
    Raises FileNotFoundError when neither engine is on PATH.
    """
    tex = Path(tex)
    options = ["-interaction=nonstopmode", "-halt-on-error"]
    if shutil.which("latexmk"):
        engine = "latexmk"
        runs = [["latexmk", "-pdf", "-g", *options, tex.name]]
    elif shutil.which("pdflatex"):
        engine = "pdflatex"
        runs = [["pdflatex", *options, tex.name]] * 2
    else:
        raise FileNotFoundError("no latexmk or pdflatex on PATH")
    log = tex.with_suffix(".log")
    for command in runs:
        result = _run(command, tex.parent, timeout)
        if result.returncode != 0:
            raise SymnnError(f"LaTeX failed on {tex}: {_first_latex_error(log)} (full log: {log})")
    pdf = tex.with_suffix(".pdf")
    if not pdf.exists():
        raise SymnnError(f"{engine} ran without error but wrote no {pdf}")
    pages = None
    try:
        found = re.search(r"Output written on .*?\((\d+) pages?", log.read_text(errors="replace"))
        pages = int(found.group(1)) if found else None
    except OSError:
        pass
    return pdf, engine, pages


def _compile_xelatex(tex: Path, timeout: float) -> tuple[Path, str, int | None]:
    """Compile a Chinese (ctex) document with latexmk -xelatex; FileNotFoundError without the engine."""
    if not (shutil.which("latexmk") and shutil.which("xelatex")):
        raise FileNotFoundError("no latexmk with xelatex on PATH")
    log = tex.with_suffix(".log")
    result = _run(["latexmk", "-xelatex", "-g", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                  tex.parent, timeout)
    pdf = tex.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.exists():
        raise SymnnError(f"LaTeX failed on {tex}: {_first_latex_error(log)} (full log: {log})")
    found = re.search(r"Output written on .*?\((\d+) pages?", log.read_text(errors="replace"))
    return pdf, "latexmk -xelatex", int(found.group(1)) if found else None


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise SymnnError(f"cannot write the lecture to {out_dir}: it is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".symnn-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SymnnError(f"cannot write the lecture to {out_dir}: {reason}") from None


def _write(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise SymnnError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def build_lecture(out_dir: str | Path = "build", *, pdf: bool = True,
                  package: str | None = None, sections: Sequence[Section] | None = None,
                  on_section: Callable[[str, int, int], None] | None = None,
                  on_stage: Callable[[str], None] | None = None,
                  timeout: float = LATEX_TIMEOUT, lang: str = "en") -> LectureBuild:
    """Write lecture.tex, lecture.md and the figures to ``out_dir``; compile lecture.pdf if asked and able.

    The sections are ``sections``, or those of every topic module of ``package`` (see
    :func:`lecture_sections`); ``on_section`` and ``on_stage(what)`` report progress.
    ``lang="zh"`` builds the Chinese edition (compiled with XeLaTeX and ctex). A figure that
    needs a program which is missing (Graphviz's ``dot``) is left out and named in ``messages``.
    """
    from ..document.i18n import check_language
    def stage(what: str) -> None:
        if on_stage is not None:
            on_stage(what)

    from ..render.document import document_latex, document_markdown, unknown_characters, write_figures

    check_language(lang)
    out_dir = Path(out_dir)
    _prepare(out_dir)
    if sections is None:
        if package is None:
            raise SymnnError("build_lecture needs the sections, or the package of topic modules to build")
        sections = lecture_sections(package=package, on_section=on_section, lang=lang)
    build = LectureBuild(out_dir, list(sections), lang=lang)
    stage("writing figures")
    build.files += write_figures(build.sections, out_dir, left_out=build.left_out)
    if build.left_out:
        names = ", ".join(name for name, _ in build.left_out)
        build.messages.append(f"left out {names} (Graphviz's dot is not on PATH; the PDF draws these "
                              "pictures with TikZ, the Markdown names them)")
    latex_text = document_latex(build.sections, lang=lang)
    tex = _write(out_dir / "lecture.tex", latex_text)
    markdown = _write(out_dir / "lecture.md", document_markdown(
        build.sections, lang=lang, left_out=[name for name, _ in build.left_out]))
    build.files = [tex, markdown, *build.files]
    unknown = unknown_characters(latex_text) if lang == "en" else []
    if unknown:
        build.messages.append("characters pdflatex cannot set were printed as '?': " + " ".join(unknown))
    if not pdf:
        build.messages.append("PDF not compiled (asked not to)")
        return build
    stage("compiling lecture.pdf")
    try:
        if lang == "zh":
            build.pdf, build.engine, build.pages = _compile_xelatex(tex, timeout)
        else:
            build.pdf, build.engine, build.pages = compile_latex(tex, timeout=timeout)
    except FileNotFoundError:
        engine = "latexmk with xelatex (and ctex)" if lang == "zh" else "latexmk or pdflatex"
        build.messages.append(f"no TeX engine ({engine}) on PATH: lecture.pdf not made; "
                              "lecture.tex is ready to compile elsewhere")
        return build
    build.files.append(build.pdf)
    return build
