"""Read YAML/JSON input files and validate them, naming file and key path in errors; write
output files atomically (all or nothing)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from carbonev.errors import SpecError

M = TypeVar("M", bound=BaseModel)
# libyaml's loader when PyYAML was built with it (about 10x faster), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def sha256_file(path: Path) -> str:
    """SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_mapping(path: str | Path) -> dict[str, Any]:
    """Load a YAML or JSON file whose top level is a mapping [raises SpecError]."""
    path = Path(path)
    shown = str(path)
    if not path.exists():
        raise SpecError("file not found", file=shown)
    if path.is_dir():
        raise SpecError("is a folder, expected a YAML or JSON file", file=shown)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SpecError("not UTF-8 text", file=shown) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=_LOADER)
    except json.JSONDecodeError as exc:
        raise SpecError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", file=shown) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SpecError(f"malformed YAML{where}: {problem}", file=shown) from None
    if data is None:
        raise SpecError("file is empty", file=shown)
    if not isinstance(data, dict):
        raise SpecError(f"top level must be a mapping of keys, got {type(data).__name__}", file=shown)
    return data


def key_path(loc: tuple[Any, ...]) -> str:
    """Render a pydantic error location as a dotted key path (``battery.capacity``)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and ("function-after" in part or part.startswith(("tagged-union", "function-"))):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def first_error(exc: ValidationError) -> tuple[str, str]:
    """(key path, message) of the first error in a pydantic ValidationError."""
    err = exc.errors(include_url=False)[0]
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    if err["type"] == "extra_forbidden":
        msg = "unknown key (check the spelling)"
    elif err["type"] == "missing":
        msg = "required key is missing"
    elif err["type"] in ("union_tag_invalid", "literal_error", "enum"):
        msg = msg.replace("Input should be", "must be")
    value = err.get("input")
    if err["type"] not in ("missing", "extra_forbidden") and isinstance(value, (str, int, float)):
        msg = f"{msg} (got {value!r})"
    loc = tuple(err["loc"])
    # model-level checks name their field as "field.path: message"
    nested = re.match(r"^([A-Za-z_][\w.\[\]]*): (.+)$", msg, re.S)
    if nested and err["type"] == "value_error":
        loc = loc + tuple(nested.group(1).split("."))
        msg = nested.group(2)
    return key_path(loc), msg


def validate(model: type[M], data: dict[str, Any], file: str | Path, context: dict | None = None) -> M:
    """Validate ``data`` as ``model``; one SpecError naming file and key path if invalid."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        field, msg = first_error(exc)
        raise SpecError(msg, file=str(file), field=field) from None


def load(model: type[M], path: str | Path, context: dict | None = None) -> M:
    """Read and validate one file."""
    return validate(model, read_mapping(path), path, context)


def require_folder(path: str | Path, field: str = "--output") -> Path:
    """``path`` as a Path, if its folder exists [raises SpecError naming the option ``field``]."""
    out = Path(path)
    if not out.parent.exists():
        raise SpecError("folder does not exist", file=str(out), field=field)
    return out


@contextlib.contextmanager
def atomic_path(path: str | Path, field: str = "--output", suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary file next to ``path`` to write; renamed to ``path`` when the block ends
    without error, removed otherwise, so ``path`` is never half-written."""
    out = require_folder(path, field)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=suffix)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, text: str, field: str = "--output") -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (see :func:`atomic_path`)."""
    with atomic_path(path, field) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
