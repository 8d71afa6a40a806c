"""The store: a folder holding one complete, immutable build per data version.

Layout (``LAYOUT`` names the format; a change of it gives new folder names, never a stale read)::

    <store>/
      b3-<data sha256[:16]>/          a complete build: renamed into place as a whole, never edited
        complete.json                 written last inside the build folder: data hash, layout, versions
        brightway/                    the Brightway project (bw2data base folder: SQLite + processed arrays)
        background.npz                the background solved by Brightway (see carbonev.engine.background)
      .building-<sha>-<random>/       a build in progress; removed when it fails, swept when stale
      .trash-<random>/                a pruned build being deleted
      .locks/<sha>.lock               one build of a data version at a time (``filelock``: flock/msvcrt)
      .leases/<sha>/<random>.lease    a process using a build holds a lock on its lease file

Guarantees: a build becomes visible only complete (``os.replace`` of the whole folder, after
``complete.json`` is written and synced); a kill, Ctrl-C or a full disk at any point leaves at most a
``.building-*`` folder that the next build sweeps; concurrent processes on one data version build it
once (the others wait for the lock, then read it), on different versions build side by side; pruning
keeps the newest ``KEEP`` builds and never removes one whose lease is held. The lock is released by
the operating system when its holder dies, so a killed builder never blocks the next one. A
read-only store with a complete build is read without writing anything.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carbonev.errors import StoreError

if TYPE_CHECKING:
    from filelock import FileLock

ENV_VAR = "CARBONEV_STORE"
LAYOUT = 3  # bump when the content of a build changes shape (forces a fresh build)
PREFIX = f"b{LAYOUT}-"
COMPLETE = "complete.json"
KEEP = 3  # complete builds kept per store (besides any in use)
LOCK_TIMEOUT = 600.0  # [s] waiting for another process's build of the same data version


def default_store() -> Path:
    """The store folder carbonev uses when none is given (``CARBONEV_STORE`` or the per-user data folder)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("carbonev", appauthor=False)) / "brightway"


def describe_os_error(exc: OSError) -> str:
    """A short cause for an OSError (no traceback text, never empty)."""
    causes = {errno.ENOSPC: "no space left on device", errno.EROFS: "read-only file system",
              errno.EACCES: "permission denied", errno.EPERM: "operation not permitted",
              errno.EISDIR: "is a folder", errno.ENOTDIR: "not a folder", errno.EDQUOT: "disk quota exceeded"}
    return causes.get(exc.errno or 0) or exc.strerror or type(exc).__name__


@dataclass(frozen=True)
class Build:
    """A complete build of one data version in a store."""

    path: Path
    data_sha256: str

    @property
    def brightway_dir(self) -> Path:
        return self.path / "brightway"

    @property
    def background_file(self) -> Path:
        return self.path / "background.npz"

    def info(self) -> dict[str, Any]:
        info: dict[str, Any] = json.loads((self.path / COMPLETE).read_text(encoding="utf-8"))
        return info


class Store:
    """A carbonev store folder (see module doc); methods raise :class:`StoreError` naming the folder."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path is not None else default_store()
        self.path = Path(os.path.abspath(self.path))
        self._leases: dict[str, FileLock] = {}

    # --- names -----------------------------------------------------------
    def build_path(self, data_sha256: str) -> Path:
        return self.path / f"{PREFIX}{data_sha256[:16]}"

    def complete(self, data_sha256: str) -> Build | None:
        """The complete build of ``data_sha256``, if there is one."""
        path = self.build_path(data_sha256)
        try:
            info = json.loads((path / COMPLETE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if info.get("data_sha256") != data_sha256 or info.get("layout") != LAYOUT:
            return None
        return Build(path, data_sha256)

    def builds(self) -> list[Build]:
        """Complete builds in this store, newest first."""
        out = []
        with contextlib.suppress(OSError):
            for child in self.path.iterdir():
                if child.name.startswith(PREFIX):
                    with contextlib.suppress(OSError, ValueError):
                        info = json.loads((child / COMPLETE).read_text(encoding="utf-8"))
                        out.append((info.get("built", 0), Build(child, info["data_sha256"])))
        return [b for _, b in sorted(out, key=lambda x: (x[0], x[1].path.name), reverse=True)]

    # --- writability -----------------------------------------------------
    def fail(self, what: str, exc: OSError) -> StoreError:
        return StoreError(f"{what}: {describe_os_error(exc)}", store=self.path)

    def writable(self) -> bool:
        """True if files can be created in the store folder (which is created if missing)."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            probe = self.path / f".probe-{uuid.uuid4().hex}"
            with open(probe, "wb"):
                pass
            probe.unlink()
            return True
        except OSError:
            return False

    # --- locks and leases ------------------------------------------------
    def lock(self, data_sha256: str) -> FileLock:
        """The lock for building ``data_sha256`` (a ``filelock.FileLock``; OS-released on death)."""
        from filelock import FileLock

        folder = self.path / ".locks"
        folder.mkdir(parents=True, exist_ok=True)
        return FileLock(str(folder / f"{data_sha256[:16]}.lock"), timeout=LOCK_TIMEOUT)

    def _prune_lock(self) -> FileLock:
        """Held briefly by a process taking a lease and for the whole of a prune, so a build can
        never be pruned between a process finding it and leasing it."""
        from filelock import FileLock

        folder = self.path / ".locks"
        folder.mkdir(parents=True, exist_ok=True)
        return FileLock(str(folder / "prune.lock"), timeout=LOCK_TIMEOUT)

    def lease(self, data_sha256: str) -> Build | None:
        """Mark the build of ``data_sha256`` in use by this process until it exits, and return it if
        it is complete. Leasing works before the build exists (a builder leases what it is about to
        publish). In a read-only store nothing is written (nothing can prune it either)."""
        key = self.build_path(data_sha256).name
        if key in self._leases:
            return self.complete(data_sha256)
        from filelock import FileLock, Timeout

        try:
            with self._prune_lock():
                folder = self.path / ".leases" / key
                folder.mkdir(parents=True, exist_ok=True)
                lock = FileLock(str(folder / f"{uuid.uuid4().hex}.lease"), timeout=0)
                lock.acquire()
                self._leases[key] = lock
                return self.complete(data_sha256)
        except (OSError, Timeout):
            return self.complete(data_sha256)

    def in_use(self, build: Build) -> bool:
        """True if any process holds a lease on ``build``; stale leases are removed."""
        from filelock import FileLock, Timeout

        folder = self.path / ".leases" / build.path.name
        busy = False
        with contextlib.suppress(OSError):
            for lease in folder.glob("*.lease"):
                if build.path.name in self._leases:
                    return True
                probe = FileLock(str(lease), timeout=0)
                try:
                    probe.acquire()
                except Timeout:
                    busy = True
                    continue
                except OSError:
                    continue
                probe.release()
                with contextlib.suppress(OSError):
                    lease.unlink()
        return busy

    # --- housekeeping ----------------------------------------------------
    def sweep(self, data_sha256: str) -> None:
        """Remove leftovers of interrupted builds of ``data_sha256`` (call with its lock held)."""
        for child in self._children(f".building-{data_sha256[:16]}-"):
            shutil.rmtree(child, ignore_errors=True)
        for child in self._children(".trash-"):
            shutil.rmtree(child, ignore_errors=True)

    def prune(self, keep: int = KEEP) -> list[str]:
        """Delete complete builds beyond the newest ``keep``, except those in use; return their names."""
        with self._prune_lock():
            return self._prune(keep)

    def _prune(self, keep: int) -> list[str]:
        removed = []
        for build in self.builds()[keep:]:
            if self.in_use(build):
                continue
            trash = self.path / f".trash-{uuid.uuid4().hex}"
            try:
                os.replace(build.path, trash)  # vanishes at once: no reader sees half a build
            except OSError:
                continue
            shutil.rmtree(trash, ignore_errors=True)
            shutil.rmtree(self.path / ".leases" / build.path.name, ignore_errors=True)
            removed.append(build.path.name)
        return removed

    def _children(self, prefix: str) -> list[Path]:
        try:
            return [c for c in self.path.iterdir() if c.name.startswith(prefix)]
        except OSError:
            return []

    def new_build_folder(self, data_sha256: str) -> Path:
        path = self.path / f".building-{data_sha256[:16]}-{uuid.uuid4().hex[:12]}"
        path.mkdir(parents=True)
        return path

    def publish(self, folder: Path, data_sha256: str) -> Build:
        """Rename a finished build folder into place (atomic); if another process won, keep theirs."""
        target = self.build_path(data_sha256)
        try:
            os.replace(folder, target)
        except OSError:
            existing = self.complete(data_sha256)
            shutil.rmtree(folder, ignore_errors=True)
            if existing is None:
                raise
            return existing
        _sync_folder(self.path)
        return Build(target, data_sha256)


def _sync_folder(path: Path) -> None:
    """fsync a folder so a rename in it is durable (not possible on Windows: skipped)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
