"""The main job: build every topic of ``derivations/`` into lecture.tex, lecture.md, figures and lecture.pdf.

Each module of the lecture's package (the project's ``derivations``) that defines ``section()`` contributes
one :class:`~symnn.document.blocks.Section`; sections are ordered by ``Section.order``.
The PDF is compiled with ``pdflatex`` (see :mod:`symnn.render.tex`) when it is on PATH;
without one the rest is still written and the build says so.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
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


def compile_latex(tex: str | Path, *, timeout: float = LATEX_TIMEOUT, force: bool = False,
                  engine: str = "pdflatex") -> tuple[Path, str, int | None]:
    """Compile ``tex`` to a PDF beside it with ``engine`` (pdflatex, or xelatex for the Chinese edition;
    see :mod:`symnn.render.tex`); returns (pdf, engine, pages).

    TeX's log is kept beside it too. A LaTeX error raises a SymnnError quoting the log's first
    ``!`` line. Raises FileNotFoundError when pdflatex is not on PATH.
    """
    from ..core.files import read_text
    from ..render.tex import TexError, compile_tex

    tex = Path(tex)
    if shutil.which(engine) is None:
        raise FileNotFoundError(f"no {engine} on PATH")
    try:
        compiled = compile_tex(read_text(tex), tex.parent, tex.stem, engine=engine, timeout=timeout)
    except TexError as error:
        if error.log and _write_log(tex, error.log, force):
            raise SymnnError(f"{error} (full log: {tex.with_suffix('.log')})") from None
        raise
    _write_log(tex, compiled.log, force)
    return _write(tex.with_suffix(".pdf"), compiled.pdf, force=force), compiled.engine, compiled.pages


def _write_log(tex: Path, log: str, force: bool) -> bool:
    """Keep TeX's log beside ``tex``, unless a file symnn did not write is in the way."""
    from ..core.files import FileError

    try:
        _write(tex.with_suffix(".log"), log, force=force)
    except FileError:
        return False
    return True


def _prepare(out_dir: Path, *, force: bool = False, pdf: bool = True) -> None:
    """Create ``out_dir``; before any work, refuse if a file symnn did not write is in the way."""
    from ..core.files import OutputFolder

    folder = OutputFolder(out_dir, force=force, option="cannot write the lecture to")
    for name in ("lecture.tex", "lecture.md", *(("lecture.pdf",) if pdf else ())):
        folder.check(name)


def _write(path: Path, text: str | bytes, *, force: bool = False) -> Path:
    from ..core.files import OutputFolder

    with OutputFolder(path.parent, force=force) as folder:
        folder.add(path.name, text)
    return path


def build_lecture(out_dir: str | Path = "build", *, pdf: bool = True,
                  package: str | None = None, sections: Sequence[Section] | None = None,
                  on_section: Callable[[str, int, int], None] | None = None,
                  on_stage: Callable[[str], None] | None = None,
                  timeout: float = LATEX_TIMEOUT, force: bool = False, lang: str = "en") -> LectureBuild:
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
    _prepare(out_dir, force=force, pdf=pdf)
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
    tex = _write(out_dir / "lecture.tex", latex_text, force=force)
    markdown = _write(out_dir / "lecture.md", document_markdown(
        build.sections, lang=lang, left_out=[name for name, _ in build.left_out]), force=force)
    build.files = [tex, markdown, *build.files]
    unknown = unknown_characters(latex_text) if lang == "en" else []
    if unknown:
        build.messages.append("characters pdflatex cannot set were printed as '?': " + " ".join(unknown))
    if not pdf:
        build.messages.append("PDF not compiled (asked not to)")
        return build
    stage("compiling lecture.pdf")
    try:
        build.pdf, build.engine, build.pages = compile_latex(
            tex, timeout=timeout, force=force, engine="xelatex" if lang == "zh" else "pdflatex")
    except FileNotFoundError:
        engine = "xelatex with ctex" if lang == "zh" else "pdflatex"
        build.messages.append(f"no TeX engine ({engine}) on PATH: lecture.pdf not made; "
                              "lecture.tex is ready to compile elsewhere")
        return build
    build.files.append(build.pdf)
    return build
