"""The one place LaTeX is compiled: no shell escape, file access kept to the output folder, a time bound.

Every run of pdflatex or xelatex in symnn goes through :func:`compile_tex`:

- ``-no-shell-escape``, ``-interaction=nonstopmode``, ``-halt-on-error``;
- the environment sets ``openin_any=p``, ``openout_any=p`` (TeX may read and write only below the
  folder it runs in, never a dot file, never an absolute path outside it) and ``shell_escape=f``,
  and drops ``TEXMFOUTPUT``;
- the engine runs in the output folder (so figures beside the document are found), but writes its
  .aux, .log and .pdf into a private work folder that is removed afterwards: a user's own
  ``.log``/``.aux`` are never touched, and a file ``\\openout`` might write goes with the work folder;
- each run is stopped after ``timeout`` seconds (its whole process group);
- a failure raises :class:`~symnn.core.errors.SymnnError` quoting the log's first ``!`` line.

The PDF comes back as bytes: the caller writes it with the output folder's atomic writer.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import SymnnError

__all__ = ["ENGINES", "LATEX_TIMEOUT", "CompiledTex", "TexError", "compile_tex", "first_tex_error",
           "tex_environment"]

#: seconds one LaTeX run may take before it is stopped
LATEX_TIMEOUT = 300
#: the engines symnn runs
ENGINES = ("pdflatex", "xelatex")
#: runs at most (a second and third only when the log asks for them)
MAX_RUNS = 3
_RERUN = re.compile(r"Rerun to get|Label\(s\) may have changed|There were undefined references"
                    r"|No file [^\s]+\.(?:toc|lof|lot)\b")


class TexError(SymnnError):
    """LaTeX failed, or could not run, on a document symnn wrote; ``log`` is TeX's log, if any."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message)
        self.log = log


@dataclass
class CompiledTex:
    """A compiled document: the PDF's bytes, the engine, the number of pages (None if not found)."""

    pdf: bytes
    engine: str
    pages: int | None
    log: str


def tex_environment() -> dict[str, str]:
    """The environment of a TeX run: paranoid file access, no shell escape, no TEXMFOUTPUT.

    >>> env = tex_environment()
    >>> env["openin_any"], env["openout_any"], env["shell_escape"], "TEXMFOUTPUT" in env
    ('p', 'p', 'f', False)
    """
    env = {key: value for key, value in os.environ.items() if key != "TEXMFOUTPUT"}
    env.update(openin_any="p", openout_any="p", shell_escape="f", shell_escape_commands="",
               max_print_line="1000")
    return env


def first_tex_error(log: str) -> str:
    """The first ``!`` line of a LaTeX log and the ``l.N`` line that locates it.

    >>> first_tex_error("x\\n! Undefined control sequence.\\nl.3 \\\\oops\\n")
    '! Undefined control sequence. [l.3 \\\\oops]'
    """
    lines = log.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("!"):
            where = next((text.strip() for text in lines[index + 1:index + 30]
                          if re.match(r"l\.\d+", text)), "")
            return line.strip() + (f" [{where}]" if where else "")
    return "(no '!' error line in the log)"


def _run(command: list[str], cwd: Path, timeout: float, name: str) -> int:
    process = subprocess.Popen(command, cwd=cwd, env=tex_environment(), stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise TexError(f"{command[0]} did not finish {name} within {timeout:g} s") from None


def compile_tex(source: str, folder: str | Path, jobname: str, *, engine: str = "pdflatex",
                timeout: float = LATEX_TIMEOUT) -> CompiledTex:
    """Compile the LaTeX ``source`` as ``folder/jobname.tex`` would be; return the PDF as bytes.

    Nothing is written into ``folder`` but a work folder (``symnn-tex-*``) removed before returning;
    ``jobname`` only names the document in messages.
    Raises FileNotFoundError when ``engine`` is not on PATH, TexError when LaTeX fails.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown TeX engine {engine!r} (known: {', '.join(ENGINES)})")
    if not (isinstance(timeout, int | float) and 0 < timeout < float("inf")):
        raise TexError(f"the LaTeX time bound must be a positive number of seconds, got {timeout!r}")
    if shutil.which(engine) is None:
        raise FileNotFoundError(f"no {engine} on PATH")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", jobname):
        raise ValueError(f"not a plain job name: {jobname!r}")
    folder = Path(folder)
    name = f"{folder / jobname}.tex"
    try:
        work = Path(tempfile.mkdtemp(prefix="symnn-tex-", dir=folder))
    except OSError as error:
        raise TexError(f"cannot compile {name}: {error.strerror or error}") from None
    # the job is named after the work folder: TeX also looks for JOB.aux, JOB.toc, ... in the folder
    # it runs in, and must never find a user's own files there
    job = work.name
    try:
        (work / f"{job}.tex").write_text(source, encoding="utf-8")
        command = [engine, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
                   f"-output-directory={job}", f"-jobname={job}", f"{job}/{job}.tex"]
        log_path, pdf_path = work / f"{job}.log", work / f"{job}.pdf"
        log = ""
        for _ in range(MAX_RUNS):
            code = _run(command, folder, timeout, name)
            log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
            if code != 0:
                raise TexError(f"LaTeX failed on {name}: {first_tex_error(log)}", log)
            if not _RERUN.search(log):
                break
        if not pdf_path.exists():
            raise TexError(f"{engine} ran without error but wrote no PDF for {name}")
        found = re.search(r"Output written on .*?\((\d+) pages?", log)
        return CompiledTex(pdf_path.read_bytes(), engine, int(found.group(1)) if found else None, log)
    except OSError as error:
        raise TexError(f"cannot compile {name}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
