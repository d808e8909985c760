"""Reading inputs and writing outputs safely.

Inputs (:func:`read_text`, :func:`read_bytes`): only regular files are read (a FIFO, a device such as
``/dev/zero`` or a folder is refused without blocking), and never more than a size cap, counted
while reading (a file's reported size is not trusted).

Outputs (:class:`OutputFolder`): every file is first written to a temporary name in its folder and
renamed into place only when the whole run has succeeded (:meth:`OutputFolder.commit`), so a failed
run leaves no half-written or complete-looking output. A rename replaces a symbolic link itself,
never the file it points to. symnn keeps a manifest, ``.symnn-manifest.json``, of the files it
wrote into a folder with their SHA-256: a file that is not in it, or that changed since, is neither
replaced nor removed unless ``force=True`` (``--force`` on the command line).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with OutputFolder(folder) as out:
...     _ = out.add("answers.json", "{}")
>>> read_text(folder / "answers.json")
'{}'
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import stat
from pathlib import Path

from .errors import SymnnError

__all__ = ["MANIFEST", "MAX_INPUT_BYTES", "MAX_OUTPUT_BYTES", "FileError", "OutputFolder", "read_bytes",
           "read_text", "write_text"]

#: the file in an output folder that lists what symnn wrote there
MANIFEST = ".symnn-manifest.json"
#: the largest input file read by default (specs, answers files): 50 MB
MAX_INPUT_BYTES = 50_000_000
#: the most one run may write into an output folder: 1 GB
MAX_OUTPUT_BYTES = 1_000_000_000
_TEMP_PREFIX = ".symnn-tmp-"


class FileError(SymnnError):
    """A file that cannot be read or written as asked."""


def _reason(error: OSError) -> str:
    """The reason of an OS error in a user's words."""
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long: at most 255 characters a name"
    if error.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    if error.errno == errno.ELOOP:
        return "it is a symbolic link (not followed)"
    if error.errno in (errno.EFBIG, errno.ENOSPC, errno.EDQUOT):
        return "the disk is full or the file size limit was reached"
    return error.strerror or str(error)


def read_bytes(path: str | Path, *, limit: int = MAX_INPUT_BYTES,
               error: type[SymnnError] = FileError) -> bytes:
    """The bytes of the regular file at ``path``; at most ``limit`` bytes, else ``error``.

    A FIFO, a device or a folder is refused at once (opened without blocking, checked with fstat).
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except OSError as problem:
        if problem.errno == errno.EISDIR:
            raise error(f"{path}: is a folder, not a file") from None
        raise error(f"{path}: cannot be read ({_reason(problem)})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise error(f"{path}: is not a regular file (a pipe, a device or a socket); "
                        "give a file saved on disk")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise error(f"{path} is larger than the limit of {limit:,} bytes")
        return b"".join(chunks)
    except OSError as problem:
        raise error(f"{path}: cannot be read ({_reason(problem)})") from None
    finally:
        os.close(fd)


def read_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES,
              error: type[SymnnError] = FileError) -> str:
    """The UTF-8 text of the regular file at ``path`` (see :func:`read_bytes`)."""
    data = read_bytes(path, limit=limit, error=error)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise error(f"{path}: not UTF-8 text (byte {problem.start})") from None


def _sha256(path: Path) -> str | None:
    """The SHA-256 of the regular file at ``path`` (not followed if a link), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    finally:
        os.close(fd)


class OutputFolder:
    """A folder symnn writes into: files staged under temporary names, renamed in at :meth:`commit`.

    Used as a context manager, it commits when the block ends without an error and removes its
    temporary files otherwise. ``force`` lets it replace files it did not write.
    """

    def __init__(self, path: str | Path, *, force: bool = False, option: str = "--out"):
        self.path = Path(path)
        self.force = force
        self.option = option
        self._staged: dict[str, tuple[Path, str]] = {}
        self.size, self.limit = 0, MAX_OUTPUT_BYTES
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            info = None
        except OSError as problem:
            raise FileError(f"{option} {self.path}: {_reason(problem)}") from None
        try:
            is_folder = info is None or stat.S_ISDIR(os.stat(self.path).st_mode)
        except OSError as problem:
            raise FileError(f"{option} {self.path}: {_reason(problem)}") from None
        if not is_folder:
            raise FileError(f"{option} {self.path}: it is a file, not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            raise FileError(f"{option} {self.path}: cannot create the folder ({_reason(problem)})") from None
        self.manifest = self._read_manifest()

    def _read_manifest(self) -> dict[str, str]:
        try:
            data = json.loads(read_bytes(self.path / MANIFEST, limit=5_000_000))
            files = data.get("files", {}) if isinstance(data, dict) else {}
            return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}
        except (SymnnError, ValueError):
            return {}

    def check(self, name: str) -> Path:
        """The path of ``name`` in the folder, if symnn may write it there; else a FileError saying why."""
        if not name or name.startswith(("/", ".")) or ".." in Path(name).parts or "\x00" in name:
            raise FileError(f"not a plain file name for {self.option}: {name!r}")
        target = self.path / name
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            return target
        except OSError as problem:
            raise FileError(f"cannot write {target}: {_reason(problem)}") from None
        if stat.S_ISDIR(info.st_mode):
            raise FileError(f"cannot write {target}: a folder of that name is in the way")
        if self.force:
            return target
        if stat.S_ISLNK(info.st_mode):
            raise FileError(f"cannot write {target}: it is a symbolic link, not a file symnn wrote "
                            "(links are never followed; remove it, or pass --force to replace the link)")
        recorded = self.manifest.get(name)
        if recorded is None:
            raise FileError(f"will not overwrite {target}: symnn did not write it (it is not in "
                            f"{self.path / MANIFEST}); move it away, or pass --force")
        if _sha256(target) != recorded:
            raise FileError(f"will not overwrite {target}: it changed since symnn wrote it; "
                            "move it away, or pass --force")
        return target

    def add(self, name: str, data: str | bytes) -> Path:
        """Stage ``data`` as the file ``name`` (written now under a temporary name, renamed at commit)."""
        target = self.check(name)
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.discard(name)
        self.size += len(data)
        if self.size > self.limit:
            self.discard()
            raise FileError(f"the outputs for {self.path} would be over {self.limit:,} bytes; "
                            "make fewer variants")
        temp = target.with_name(f"{_TEMP_PREFIX}{os.getpid()}-{len(self._staged)}-{target.name}"[:250])
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except OSError as problem:
            raise FileError(f"cannot write {target}: {_reason(problem)}") from None
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
        except OSError as problem:
            temp.unlink(missing_ok=True)
            raise FileError(f"cannot write {target}: {_reason(problem)}") from None
        self._staged[name] = (temp, hashlib.sha256(data).hexdigest())
        return target

    @property
    def staged(self) -> list[str]:
        """The names of the files staged so far, in order."""
        return list(self._staged)

    def discard(self, name: str | None = None) -> None:
        """Remove the temporary file of ``name`` (of every staged file when None)."""
        for key in [name] if name is not None else list(self._staged):
            staged = self._staged.pop(key, None)
            if staged is not None:
                staged[0].unlink(missing_ok=True)

    def commit(self) -> list[Path]:
        """Rename every staged file into place and record them in the manifest; returns their paths."""
        names = list(self._staged)
        for name in names:  # checked again: the folder may have changed since the files were staged
            self.check(name)
        manifest = dict(self.manifest)
        manifest.update({name: self._staged[name][1] for name in names})
        text = json.dumps({"written_by": "symnn", "files": dict(sorted(manifest.items()))},
                          indent=1, allow_nan=False) + "\n"
        temp = self.path / f"{_TEMP_PREFIX}{os.getpid()}-manifest"
        written = []
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                stream.write(text)
            for name in names:
                os.replace(self._staged[name][0], self.path / name)
                written.append(self.path / name)
            os.replace(temp, self.path / MANIFEST)
        except OSError as problem:
            temp.unlink(missing_ok=True)
            self.discard()
            raise FileError(f"cannot write into {self.path}: {_reason(problem)}") from None
        self._staged.clear()
        self.manifest = manifest
        return written

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(self, kind, value, trace) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_text(path: str | Path, text: str | bytes) -> Path:
    """Write the one file a user named (``--latex FILE``) atomically: a temporary file, then a rename.

    A symbolic link at ``path`` is replaced, never followed; a folder in the way is an error.
    """
    path = Path(path)
    if not path.name or path.name in (".", ".."):
        raise FileError(f"{path}: not a file name")
    if isinstance(text, str):
        text = text.encode("utf-8")
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            raise FileError(f"cannot write {path}: a folder of that name is in the way")
    except FileNotFoundError:
        pass
    except OSError as problem:
        raise FileError(f"cannot write {path}: {_reason(problem)}") from None
    # (the process and a random part: two threads writing the same file never share a temporary)
    temp = path.with_name(f"{_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{path.name}"[:250])
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(text)
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
    except OSError as problem:
        raise FileError(f"cannot write {path}: {_reason(problem)}") from None
    return path
