"""Bounds for re-running a manifest someone else wrote: which files it may read, that it
writes nothing, and how much memory it may take.

``verify`` re-runs a command a third party recorded. A crafted manifest (or an input file it
names, such as a spec's ``plant_file``) must not make it read a file outside the folders the
verifier allows, write anything, or exhaust the machine. Two mechanisms, both active only
inside :func:`confined`:

- an audit hook (PEP 578, installed once, on first use) refuses every ``open`` of a path
  outside the allowed folders, and every open for writing outside the Brightway store (the
  engine's cache, never a result); it also notes files read in the verifier's folders that
  the manifest does not record;
- an address-space limit (``RLIMIT_AS``, Linux) of the current size plus ``memory`` bytes,
  restored on exit: a re-run that asks for more ends in one error line.

Allowed for reading: the folders given, carbonev's shipped data, the store and the Python
installation (imports).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
import sysconfig
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from carbonev.errors import SpecError

MEMORY = 2 * 1024**3  # [bytes] a re-run may add to the process's address space
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@dataclass(frozen=True)
class Rules:
    user: tuple[str, ...]  # the verifier's folders (real paths, each with a trailing separator)
    system: tuple[str, ...]  # shipped data, store, Python, temp: readable, never recorded
    write: tuple[str, ...]
    recorded: frozenset[str] = frozenset()  # real paths of the manifest's inputs
    unrecorded: list[str] = field(default_factory=list)  # read in ``user`` but not an input
    refused: list[str] = field(default_factory=list)


_ACTIVE: contextvars.ContextVar[Rules | None] = contextvars.ContextVar("carbonev_verify_sandbox", default=None)
_HOOKED = False


class Refused(PermissionError):
    """A re-run tried to read outside the allowed folders, or to write."""


def _folder(path: str | Path) -> str:
    return os.path.join(os.path.realpath(path), "")


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == f[:-1] or path.startswith(f) for f in folders)


def _writes(mode: object, flags: object) -> bool:
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _hook(event: str, args: tuple) -> None:
    if event != "open":
        return
    rules = _ACTIVE.get()
    if rules is None or not args or isinstance(args[0], int) or args[0] is None:
        return
    path = os.path.realpath(os.fsdecode(args[0]))
    mode = args[1] if len(args) > 1 else None
    flags = args[2] if len(args) > 2 else None
    if _writes(mode, flags):
        if not _inside(path, rules.write):
            rules.refused.append(f"write {path}")
            raise Refused(f"verify writes nothing: refused to write {path}")
    elif _inside(path, rules.system):
        return
    elif _inside(path, rules.user):
        if path not in rules.recorded and path not in rules.unrecorded:
            rules.unrecorded.append(path)
    else:
        rules.refused.append(f"read {path}")
        raise Refused(f"outside the folders verify may read: {path}")


def _python_folders() -> list[str]:
    paths = sysconfig.get_paths()
    out = {sys.prefix, sys.base_prefix, sys.exec_prefix, *(paths.get(k) for k in ("stdlib", "platstdlib",
                                                                                     "purelib", "platlib"))}
    out |= {p for p in sys.path if p and os.path.isabs(p) and os.path.isdir(p)}
    return [p for p in out if p]


def rules_for(folders: Iterable[str | Path], store: str | Path | None, recorded: Iterable[str | Path] = ()) -> Rules:
    """What a re-run may read (``folders``, shipped data, store, Python) and write (the store);
    ``recorded``: the manifest's input files (reads of other files in ``folders`` are noted)."""
    from carbonev.data.resources import data_dir
    from carbonev.engine.store import default_store

    store_dir = Path(store) if store is not None else default_store()
    system = [data_dir("methods"), data_dir("inventories"), store_dir, *_python_folders()]
    return Rules(user=tuple(_folder(p) for p in folders), system=tuple(_folder(p) for p in system),
                 write=(_folder(store_dir),),
                 recorded=frozenset(os.path.realpath(p) for p in recorded))


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _memory_limit(budget: int) -> Iterator[None]:
    try:
        import resource
    except ImportError:  # pragma: no cover - not Unix
        yield
        return
    now = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if now is None:  # pragma: no cover - no /proc
        yield
        return
    limit = now + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def confined(folders: Iterable[str | Path], store: str | Path | None, memory: int = MEMORY,
             manifest: str | None = None, recorded: Iterable[str | Path] = ()) -> Iterator[Rules]:
    """Run the block under the read/write rules and the memory budget (see module doc).

    A refused open surfaces as :class:`Refused` (a PermissionError) from the code that tried
    it; running out of the budget raises SpecError naming ``manifest``.
    """
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_hook)
        _HOOKED = True
    rules = rules_for(folders, store, recorded)
    try:
        with _memory_limit(memory):
            token = _ACTIVE.set(rules)
            try:
                yield rules
            finally:
                _ACTIVE.reset(token)
    except MemoryError:
        raise SpecError(f"re-run stopped: it needs more than {memory / 1024**3:g} GiB of memory; the manifest asks "
                        "for more than verify allows", file=manifest, field="options") from None
