"""Reading inputs and writing outputs: devices, pipes, folders, links, read-only folders, a full disk,
foreign files. Every case is a one-line error with exit code 2 and leaves nothing half-written."""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from symnn.core.errors import SymnnError
from symnn.core.files import MANIFEST, OutputFolder, read_bytes, read_text, write_text

ROOT = Path(__file__).resolve().parents[1]
LECTURE = str(ROOT / "derivations" / "backprop_lecture.toml")
OUTPUTS = ("sheets.tex", "key.tex", "sheets.md", "key.md", "moodle.xml", "answers.json", "network_spec.toml")


def symnn(*args: str, timeout: float = 300, limit_bytes: int | None = None) -> subprocess.CompletedProcess:
    """Run the command in a subprocess; ``limit_bytes`` sets the file size limit (ulimit -f)."""
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT))

    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-m", "symnn", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=limit)


def one_line_error(done: subprocess.CompletedProcess, *words: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files or work folders symnn left in ``folder``."""
    return [p.name for p in folder.iterdir() if p.name.startswith((".symnn-tmp-", "symnn-tex-"))]


# --- inputs ---------------------------------------------------------------------------------------

def test_dev_zero_is_refused_at_once():
    with pytest.raises(SymnnError, match="not a regular file"):
        read_text("/dev/zero")
    done = symnn("check", "/dev/zero", timeout=60)
    one_line_error(done, "/dev/zero", "not a regular file")
    one_line_error(symnn("backprop", "/dev/zero", timeout=60), "not a regular file")
    one_line_error(symnn("exercise", "/dev/zero", timeout=60), "not a regular file")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "solution.md"
    os.mkfifo(fifo)
    for args in (("check", str(fifo)), ("backprop", str(fifo)), ("exercise", str(fifo)),
                 ("check", LECTURE, "--answers", str(fifo), "--variant", "1")):
        done = symnn(*args, timeout=60)  # a blocked open would hit the timeout and fail the test
        one_line_error(done, str(fifo), "not a regular file")


def test_a_folder_as_input(tmp_path):
    one_line_error(symnn("check", str(tmp_path), timeout=60), "is a folder")
    one_line_error(symnn("backprop", str(tmp_path), timeout=60), "is a folder")


def test_the_size_cap_is_counted_while_reading(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 11)
    assert read_bytes(path, limit=11) == b"x" * 11
    with pytest.raises(SymnnError, match="larger than the limit of 10 bytes"):
        read_bytes(path, limit=10)
    # /proc files report a size of 0 but have content: the cap does not trust st_size
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    assert "Name:" in read_text(status)
    with pytest.raises(SymnnError, match="larger than the limit"):
        read_text(status, limit=5)


def test_paths_through_a_file_and_long_names(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    one_line_error(symnn("check", str(plain / "solution.md"), timeout=60), "not a folder")
    one_line_error(symnn("backprop", str(tmp_path / ("s" * 300 + ".toml")), timeout=60), "too long")
    one_line_error(symnn("exercise", LECTURE, "--no-pdf", "--out", str(plain / "out"), timeout=120),
                   "not a folder")
    one_line_error(symnn("exercise", LECTURE, "--no-pdf", "--out", str(tmp_path / ("o" * 300)), timeout=120),
                   "too long")


# --- outputs --------------------------------------------------------------------------------------

def test_atomic_folder_commits_all_or_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), OutputFolder(out) as folder:
        folder.add("a.txt", "a")
        raise RuntimeError("the run failed")
    assert sorted(os.listdir(out)) == []
    with OutputFolder(out) as folder:
        folder.add("a.txt", "a")
        folder.add("b.txt", b"b")
    assert (out / "a.txt").read_text() == "a" and (out / "b.txt").read_text() == "b"
    manifest = json.loads((out / MANIFEST).read_text())
    assert set(manifest["files"]) == {"a.txt", "b.txt"}
    with OutputFolder(out) as folder:  # symnn's own files, unchanged: replaced without --force
        folder.add("a.txt", "a2")
    assert (out / "a.txt").read_text() == "a2"


def test_a_symlinked_output_is_not_followed(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("mine")
    out = tmp_path / "out"
    out.mkdir()
    (out / "answers.json").symlink_to(outside)
    error = one_line_error(symnn("exercise", LECTURE, "--variants", "2", "--no-pdf", "--out", str(out)),
                           "answers.json", "symbolic link")
    assert "--force" in error
    assert outside.read_text() == "mine" and sorted(os.listdir(out)) == ["answers.json"]
    done = symnn("exercise", LECTURE, "--variants", "2", "--no-pdf", "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert outside.read_text() == "mine"  # the link was replaced, not the file it pointed to
    assert not (out / "answers.json").is_symlink() and json.loads((out / "answers.json").read_text())
    # the one file a user names (--latex FILE) is written the same way: a link there is replaced
    target = tmp_path / "body.tex"
    target.symlink_to(outside)
    write_text(target, "new")
    assert outside.read_text() == "mine" and target.read_text() == "new" and not target.is_symlink()


def _read_only(folder: Path) -> None:
    """Make ``folder`` read-only, even for root (immutable), and check that it is."""
    folder.chmod(0o555)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    probe = folder / "probe"
    with pytest.raises(OSError):
        probe.write_text("x")


def test_a_read_only_output_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _read_only(out)
    try:
        done = symnn("exercise", LECTURE, "--variants", "2", "--no-pdf", "--out", str(out))
        one_line_error(done, str(out))
        assert os.listdir(out) == []
        done = symnn("lecture", "--no-pdf", "--out", str(out))
        one_line_error(done)
        assert os.listdir(out) == []
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(out)], check=True)
        out.chmod(0o755)


def test_a_full_disk_leaves_nothing_half_written(tmp_path):
    out = tmp_path / "out"
    done = symnn("exercise", LECTURE, "--variants", "3", "--no-pdf", "--out", str(out), limit_bytes=20_000)
    one_line_error(done, "disk is full")
    assert [p for p in out.iterdir()] == []
    # the same run without the limit writes moodle.xml larger than the limit: the limit was what failed
    done = symnn("exercise", LECTURE, "--variants", "3", "--no-pdf", "--out", str(out))
    assert done.returncode == 0 and (out / "moodle.xml").stat().st_size > 20_000


def test_a_folder_named_like_an_output(tmp_path):
    out = tmp_path / "out"
    (out / "answers.json").mkdir(parents=True)
    done = symnn("exercise", LECTURE, "--variants", "2", "--no-pdf", "--out", str(out), "--force")
    one_line_error(done, "answers.json", "folder")
    assert sorted(os.listdir(out)) == ["answers.json"] and (out / "answers.json").is_dir()


def test_a_foreign_file_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "sheets.md").write_text("my notes")
    done = symnn("exercise", LECTURE, "--variants", "2", "--no-pdf", "--out", str(out))
    one_line_error(done, "sheets.md", "--force", "did not write")
    assert sorted(os.listdir(out)) == ["sheets.md"] and (out / "sheets.md").read_text() == "my notes"
    done = symnn("exercise", LECTURE, "--variants", "2", "--no-pdf", "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert (out / "sheets.md").read_text().startswith("# ")
    # a file symnn wrote and the user then edited is theirs again
    (out / "key.md").write_text("edited")
    one_line_error(symnn("exercise", LECTURE, "--variants", "2", "--no-pdf", "--out", str(out)),
                   "key.md", "changed since")
    assert (out / "key.md").read_text() == "edited"


def test_own_log_and_aux_are_kept_and_a_failed_build_writes_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    mine = {"sheets.log": "my log", "key.aux": "my aux", "notes.log": "notes"}
    for name, text in mine.items():
        (out / name).write_text(text)
    done = symnn("exercise", LECTURE, "--variants", "2", "--out", str(out))
    assert done.returncode == 0, done.stderr
    for name, text in mine.items():
        assert (out / name).read_text() == text
    assert (out / "sheets.pdf").read_bytes().startswith(b"%PDF") and not leftovers(out)
    # pdflatex cannot set U+2713: the build fails, and nothing of this run is committed
    spec = tmp_path / "tick.toml"
    spec.write_text(Path(LECTURE).read_text().replace('title = "', 'title = "\u2713 '), encoding="utf-8")
    fresh = tmp_path / "fresh"
    done = symnn("exercise", str(spec), "--variants", "2", "--out", str(fresh))
    one_line_error(done, "LaTeX failed", "U+2713")
    assert os.listdir(fresh) == []


def test_lecture_writes_no_probe_file(tmp_path):
    from symnn.document.blocks import Paragraph, Section
    from symnn.lecture.build import build_lecture

    probe = tmp_path / ".symnn-write-test"
    probe.write_text("a user's file")
    build_lecture(tmp_path, pdf=False, sections=[Section("S", [Paragraph("text")])])
    assert probe.read_text() == "a user's file"
    assert (tmp_path / "lecture.tex").exists() and stat.S_ISREG((tmp_path / MANIFEST).stat().st_mode)


def test_lecture_refuses_a_foreign_file_before_any_work(tmp_path):
    from symnn.document.blocks import Paragraph, Section
    from symnn.lecture.build import build_lecture

    (tmp_path / "lecture.md").write_text("my notes")
    sections = [Section("S", [Paragraph("text")])]
    with pytest.raises(SymnnError, match=r"lecture\.md.*--force"):
        build_lecture(tmp_path, pdf=False, sections=sections)
    assert sorted(os.listdir(tmp_path)) == ["lecture.md"]
    build_lecture(tmp_path, pdf=False, sections=sections, force=True)
    assert (tmp_path / "lecture.md").read_text() != "my notes"


def test_pictures_are_written_like_every_output(tmp_path):
    # Graphviz and matplotlib draw into memory; the file is then written atomically, and a
    # symbolic link in its place is replaced, never followed
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from symnn.render.figures import save_figure

    outside = tmp_path / "outside.txt"
    outside.write_text("mine")
    from symnn.cli import main

    link = tmp_path / "graph.png"
    link.symlink_to(outside)
    assert main(["graph", "x*y", "--at", "x=1,y=2", "--png", str(link)]) == 0
    assert not link.is_symlink() and link.read_bytes().startswith(b"\x89PNG")
    link = tmp_path / "curve.pdf"
    link.symlink_to(outside)
    figure = plt.figure()
    pdf, png = save_figure(figure, link)
    assert not pdf.is_symlink() and pdf.read_bytes().startswith(b"%PDF")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert outside.read_text() == "mine"
