"""The output gate: every file carbonev writes (results, reports, plots, workbooks, manifests).

- Atomic: data go to a temporary file next to the target (``.NAME.HOST-PID-RANDOM.cev-tmp``),
  are flushed to disk and renamed over the target, so the target is whole or untouched. The
  temporary file is removed on any error, Ctrl-C or SIGTERM (the CLI turns SIGTERM into an
  exception), and one left by a killed run is swept the next time carbonev writes into that folder.
- The mode follows the umask for a new file (``0666 & ~umask``); an existing file keeps its mode;
  secrets (``private=True``) are ``0600``.
- A symbolic link is written through (its target is replaced, the link stays).
- A character device or a pipe (``-o /dev/stdout``) is written to directly; a folder or another
  special file is refused. A file this command has read (see :func:`carbonev.io.inputs.tracking`)
  is never overwritten.
- Every OSError becomes one :class:`~carbonev.errors.FileError` line naming the path and the cause.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import socket
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from carbonev.errors import CalculationError, SpecError, file_error
from carbonev.io.inputs import is_input

TMP_SUFFIX = ".cev-tmp"
STALE_FOREIGN_S = 24 * 3600  # a temporary file of another host is swept after a day
_TMP_RE = re.compile(r"^\..+\.(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-z]+" + re.escape(TMP_SUFFIX) + "$")


def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # (Windows' os.kill would end the process: sweep by age only)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def sweep(folder: str | Path) -> list[Path]:
    """Remove temporary files a killed carbonev run left in ``folder``: this host's whose process is
    gone, other hosts' older than a day. Returns what was removed (errors are ignored)."""
    removed: list[Path] = []
    host = _host()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TMP_RE.match(entry.name)
        if m is None:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_FOREIGN_S
            stale = old or (m["host"] == host and not _alive(int(m["pid"])))
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


SYSTEM_FOLDERS = ("/dev/", "/proc/")  # -o /dev/stdout, /dev/fd/3, /proc/self/fd/1: streams, never replaced


def _system(path: str | Path) -> bool:
    return os.path.abspath(path).startswith(SYSTEM_FOLDERS)


def _target(path: str | Path, field: str) -> tuple[Path, os.stat_result | None]:
    """(the file to replace: a symlink's target, its stat if it exists) [raises SpecError/FileError]."""
    shown = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise file_error(exc, shown, field) from None
    except ValueError:  # a NUL character in the name
        raise SpecError("not a file name (it holds a NUL character)", file=repr(shown)[1:-1], field=field) from None
    if st is None and _system(path):
        raise SpecError("no such device or stream (carbonev creates no files under /dev or /proc)", file=shown,
                        field=field)
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise SpecError("is a folder; give a file name", file=shown, field=field)
        if is_input(st):
            raise SpecError("is one of this command's input files; refusing to overwrite it (choose another name)",
                            file=shown, field=field)
    real = Path(os.path.realpath(path))
    if not real.parent.is_dir():
        raise SpecError("folder does not exist", file=shown, field=field)
    return real, st


def _is_stream(st: os.stat_result | None, path: str | Path) -> bool:
    """Written to directly: a character device, a pipe, or anything named under /dev or /proc (the
    standard output redirected to a file is appended to, never replaced)."""
    return st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or _system(path))


def require_folder(path: str | Path, field: str = "--output") -> Path:
    """``path`` as a Path, if it can be written: its folder exists, it is not a folder or an input
    [raises SpecError naming the option ``field``]."""
    st = _target(path, field)[1]
    if st is not None and not (stat.S_ISREG(st.st_mode) or _is_stream(st, path)):
        raise SpecError("is not a regular file", file=str(path), field=field)
    return Path(path)


def _write_stream(path: str | Path, data: bytes, field: str) -> None:
    """Write to a character device, a pipe or a standard stream (``/dev/stdout``, ``/dev/null``) directly;
    a regular file behind it (``> out.txt``) is appended to."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise file_error(exc, str(path), field) from None
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise file_error(exc, str(path), field) from None
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | Path, field: str = "--output", suffix: str | None = None,
                private: bool = False) -> Iterator[Path]:
    """A temporary file to write; it replaces ``path`` when the block ends without error and is
    removed otherwise, so ``path`` is never half-written (see module doc). ``suffix`` is accepted
    for compatibility; the temporary name always ends in ``.cev-tmp``."""
    real, st = _target(path, field)
    if _is_stream(st, path):
        with tempfile.TemporaryDirectory(prefix="carbonev-") as folder:
            tmp = Path(folder) / real.name
            yield tmp
            try:
                data = tmp.read_bytes()
            except OSError as exc:
                raise file_error(exc, str(path), field) from None
            _write_stream(path, data, field)
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise SpecError("is not a regular file", file=str(path), field=field)
    sweep(real.parent)
    name = f".{real.name[:100]}.{_host()}-{os.getpid()}-{secrets.token_hex(4)}{TMP_SUFFIX}"
    tmp = real.parent / name
    mode = 0o600 if private else (stat.S_IMODE(st.st_mode) if st is not None else 0o666)
    try:
        fd = _create(tmp, mode)
    except OSError as exc:
        raise file_error(exc, str(path), field) from None
    try:
        if st is not None or private:  # keep an existing file's mode exactly; a new one follows the umask
            os.fchmod(fd, mode) if hasattr(os, "fchmod") else os.chmod(tmp, mode)
    except OSError:
        pass
    finally:
        os.close(fd)
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, real)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise file_error(exc, str(path), field) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _create(path: Path, mode: int) -> int:
    """A new file, opened for writing (the kernel applies the umask to ``mode``)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_atomic(path: str | Path, data: bytes, field: str = "--output", private: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_path`)."""
    with atomic_path(path, field, private=private) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)


def write_atomic(path: str | Path, text: str, field: str = "--output", private: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (see :func:`atomic_path`)."""
    write_bytes_atomic(path, text.encode("utf-8"), field, private)


def _no_constant(name: str) -> Any:
    raise CalculationError(f"the result holds a non-finite number ({name}); nothing was written")


def check_strict_json(text: str) -> None:
    """Refuse JSON text holding ``NaN``/``Infinity`` (not JSON) [raises CalculationError]; other text passes."""
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return
    try:
        json.loads(text, parse_constant=_no_constant)
    except ValueError:  # not JSON after all (e.g. a Markdown list): nothing to check
        return


def json_text(value: Any, indent: int | None = 2) -> str:
    """Strict JSON text of ``value`` (UTF-8 kept, a final newline) [raises CalculationError on NaN/Infinity]."""
    try:
        return json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        raise CalculationError("the result holds a non-finite number (NaN or Infinity); nothing was written") \
            from None
