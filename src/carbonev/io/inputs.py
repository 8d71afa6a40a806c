"""The input gate: every file carbonev reads (specs, plants, packs, values, scenarios, rule sets,
PACT footprints, hourly series, secrets) comes through here.

- Regular files only: a FIFO, a device (``/dev/zero``), a socket or a folder is refused before a
  byte is read (the file is opened non-blocking, then checked with ``fstat``).
- A size cap (default 20 MiB; ``CARBONEV_MAX_INPUT_MB``) and a read deadline (default 30 s;
  ``CARBONEV_READ_TIMEOUT``).
- YAML/JSON: duplicate keys are errors (never "the last one wins"); strings are capped
  (:data:`MAX_STRING`), nesting is capped (:data:`MAX_DEPTH`), aliases may not expand the document
  beyond :data:`MAX_VALUES` values; ``.inf``/``.nan``, ``NaN``/``Infinity`` and numbers beyond
  :data:`MAX_NUMBER` (or denormal) are refused. Every such problem of a file is reported at once, one line each.
- Validation (:func:`validate`) reports every schema error of a file at once, one line each, as
  ``file: key.path: what is wrong``; an offending value is quoted by its short printable prefix only.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import math
import os
import re
import stat
import sys
import time
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from carbonev.errors import SpecError, file_error, preview, raise_all
from carbonev.units import CanonicalUnit

M = TypeVar("M", bound=BaseModel)
# libyaml's parser when PyYAML was built with it (about 10x faster), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_MAX_MB = 20.0
DEFAULT_TIMEOUT_S = 30.0
MAX_STRING = 20_000  # characters in one string (a key or a value)
MAX_DEPTH = 64  # nesting of mappings and lists
MAX_VALUES = 200_000  # values in one document, aliases expanded (a vehicle spec holds ~100, a plant ~1,000)
MAX_NUMBER = 1e15  # larger bare numbers are refused: no count, share or threshold in carbonev's formats needs
# more (1e15 kWh is thirty times the world's yearly electricity); quantities with units have per-field bounds
TINY = sys.float_info.min  # smaller non-zero magnitudes are denormal: refused
MAX_ERRORS = 50  # errors listed per file
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    timeout_s: float


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SpecError(f"must be a number, got {preview(raw)}", field=f"environment {name}") from None
    if not (math.isfinite(value) and value > 0):
        raise SpecError("must be a positive number", field=f"environment {name}")
    return value


def limits() -> Limits:
    """The gate's limits: ``CARBONEV_MAX_INPUT_MB`` [MiB] and ``CARBONEV_READ_TIMEOUT`` [s], read at each call."""
    mb = _env_number("CARBONEV_MAX_INPUT_MB", DEFAULT_MAX_MB)
    return Limits(int(mb * 2**20), _env_number("CARBONEV_READ_TIMEOUT", DEFAULT_TIMEOUT_S))


# --- which files a command read (so that no output replaces one of them) ---------------------------------

_READ: contextvars.ContextVar[set[tuple[int, int]] | None] = contextvars.ContextVar("carbonev_inputs_read",
                                                                                    default=None)


@contextlib.contextmanager
def tracking() -> Iterator[set[tuple[int, int]]]:
    """Within the block, remember (device, inode) of every file the gate reads: the output gate
    refuses to replace one of them (the CLI wraps each command in this block)."""
    seen: set[tuple[int, int]] = set()
    token = _READ.set(seen)
    try:
        yield seen
    finally:
        _READ.reset(token)


def note_input(st: os.stat_result) -> None:
    """Record a file as read by the current command (no-op outside :func:`tracking`)."""
    seen = _READ.get()
    if seen is not None:
        seen.add((st.st_dev, st.st_ino))


def is_input(st: os.stat_result) -> bool:
    """True if the file with this stat was read by the current command."""
    seen = _READ.get()
    return bool(seen) and (st.st_dev, st.st_ino) in seen


# --- reading bytes --------------------------------------------------------------------------------------

_KIND = ((stat.S_ISDIR, "is a folder, expected a file"), (stat.S_ISFIFO, "is a pipe (FIFO), expected a regular file"),
         (stat.S_ISCHR, "is a character device, expected a regular file"),
         (stat.S_ISBLK, "is a block device, expected a regular file"),
         (stat.S_ISSOCK, "is a socket, expected a regular file"))


def _not_regular(mode: int) -> str:
    for test, text in _KIND:
        if test(mode):
            return text
    return "is not a regular file"


def read_bytes(path: str | Path, field: str | None = None, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, within the size cap and the read deadline [raises SpecError or FileError]."""
    shown = str(path)
    lim = limits()
    cap = lim.max_bytes if max_bytes is None else max_bytes
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SpecError("file not found", file=shown, field=field) from None
    except OSError as exc:
        raise file_error(exc, shown, field) from None
    except ValueError:  # a NUL character in the name
        raise SpecError("not a file name (it holds a NUL character)", file=preview(shown, 200), field=field) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SpecError(_not_regular(st.st_mode), file=shown, field=field)
        note_input(st)
        if st.st_size > cap:
            raise SpecError(f"{_mib(st.st_size)} is larger than the input limit of {_mib(cap)} "
                            "(set CARBONEV_MAX_INPUT_MB to raise it)", file=shown, field=field)
        deadline = time.monotonic() + lim.timeout_s
        parts: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > cap:  # the file grew while being read
                raise SpecError(f"larger than the input limit of {_mib(cap)} (set CARBONEV_MAX_INPUT_MB to raise it)",
                                file=shown, field=field)
            parts.append(chunk)
            if time.monotonic() > deadline:
                raise SpecError(f"reading took longer than {lim.timeout_s:g} s (CARBONEV_READ_TIMEOUT)",
                                file=shown, field=field)
        return b"".join(parts)
    except OSError as exc:
        raise file_error(exc, shown, field) from None
    finally:
        os.close(fd)


def _mib(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def read_text(path: str | Path, field: str | None = None) -> str:
    """The UTF-8 text of a regular file (a leading BOM is dropped) [raises SpecError or FileError]."""
    data = read_bytes(path, field)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"not UTF-8 text (byte {exc.start})", file=str(path), field=field) from None


def require_file(path: str | Path, *, file: str | None, field: str, what: str = "file") -> Path:
    """``path`` if it names a regular file; else a SpecError naming the file and field that name it
    (``spec.yaml: manufacturing.plant_file: plant file '/dev/zero' is a character device, ...``)."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise SpecError(f"{what} {preview(str(p), 200)} not found", file=file, field=field) from None
    except OSError as exc:
        raise SpecError(f"{what} {preview(str(p), 200)}: {file_error(exc).cause}", file=file, field=field) from None
    except ValueError:
        raise SpecError(f"{what} {preview(str(p), 200)} is not a file name (a NUL character)", file=file,
                        field=field) from None
    if not stat.S_ISREG(st.st_mode):
        raise SpecError(f"{what} {preview(str(p), 200)} {_not_regular(st.st_mode)}", file=file, field=field)
    return p


def sha256_file(path: str | Path) -> str:
    """SHA-256 hex digest of a file's bytes (through the gate: regular files within the size cap)."""
    return hashlib.sha256(read_bytes(path)).hexdigest()


# --- parsing YAML and JSON ------------------------------------------------------------------------------

class _Checker:
    """Walks a composed YAML node tree: duplicate keys, depth, string length, alias expansion."""

    def __init__(self, file: str):
        self.file = file
        self.errors: list[SpecError] = []
        self.values = 0

    def add(self, field: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(SpecError(message, file=self.file, field=field or None))

    def walk(self, node: yaml.Node, path: str, depth: int, active: set[int]) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise SpecError(f"more than {MAX_VALUES:,} values (aliases expanded)", file=self.file)
        if depth > MAX_DEPTH:
            raise SpecError(f"nested deeper than {MAX_DEPTH} levels", file=self.file, field=path or None)
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_STRING:
                self.add(path, f"text longer than {MAX_STRING:,} characters ({len(node.value):,})")
            return
        if id(node) in active:
            raise SpecError("an alias refers to its own anchor (recursive document)", file=self.file,
                            field=path or None)
        active.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.walk(item, f"{path}[{i}]", depth + 1, active)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    self.walk(value, path, depth + 1, active)
                    continue
                name = key.value if isinstance(key, yaml.ScalarNode) else "(complex key)"
                here = f"{path}.{name}" if path else str(name)
                if isinstance(key, yaml.ScalarNode) and len(key.value) > MAX_STRING:
                    self.add(path, f"a key longer than {MAX_STRING:,} characters")
                    continue
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode):
                    if name in seen:
                        self.add(here, f"key appears twice (lines {seen[name]} and {line}); remove one")
                    else:
                        seen[name] = line
                self.walk(value, here, depth + 1, active)
        active.discard(id(node))


def _yaml_error(exc: yaml.YAMLError, file: str) -> SpecError:
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    problem = "".join(ch if ch.isprintable() else "?" for ch in str(problem))[:100]
    return SpecError(f"malformed YAML{where}: {problem}", file=file)


def _parse_yaml(text: str, file: str) -> Any:
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        checker = _Checker(file)
        checker.walk(node, "", 0, set())
        raise_all(checker.errors)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, file) from None
    except (ValueError, RecursionError, OverflowError) as exc:
        if isinstance(exc, SpecError):
            raise
        raise SpecError(f"unreadable value: {type(exc).__name__}", file=file) from None
    finally:
        loader.dispose()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


class _Duplicate(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _parse_json(text: str, file: str) -> Any:
    def constant(name: str) -> float:
        raise SpecError(f"{name} is not valid JSON (numbers must be finite)", file=file)

    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=constant)
    except _Duplicate as exc:
        raise SpecError(f"key {preview(exc.key, 60)} appears twice in one object; remove one", file=file) from None
    except json.JSONDecodeError as exc:
        raise SpecError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", file=file) from None
    except RecursionError:
        raise SpecError(f"nested deeper than {MAX_DEPTH} levels", file=file) from None
    except ValueError as exc:
        if isinstance(exc, SpecError):
            raise
        raise SpecError(f"unreadable value: {type(exc).__name__}", file=file) from None


def check_values(data: Any, file: str) -> None:
    """Every value finite and within range, every string within :data:`MAX_STRING` [raises all at once]."""
    errors: list[SpecError] = []
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    count = 0
    while stack:
        value, path, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise SpecError(f"more than {MAX_VALUES:,} values", file=file)
        if depth > MAX_DEPTH:
            raise SpecError(f"nested deeper than {MAX_DEPTH} levels", file=file, field=path or None)
        where = path or None
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, float) and not math.isfinite(value):
            errors.append(SpecError("not a finite number", file=file, field=where))
        elif isinstance(value, (int, float)) and abs(value) > MAX_NUMBER:
            errors.append(SpecError(f"number out of range (more than {MAX_NUMBER:g} in size)", file=file,
                                    field=where))
        elif isinstance(value, float) and value != 0 and abs(value) < TINY:
            errors.append(SpecError("number too small (denormal)", file=file, field=where))
        elif isinstance(value, str) and len(value) > MAX_STRING:
            errors.append(SpecError(f"text longer than {MAX_STRING:,} characters ({len(value):,})", file=file,
                                    field=where))
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and len(k) > MAX_STRING:
                    errors.append(SpecError(f"a key longer than {MAX_STRING:,} characters", file=file, field=where))
                    continue
                stack.append((v, f"{path}.{k}" if path else str(k), depth + 1))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value))
        if len(errors) >= MAX_ERRORS:
            break
    errors.sort(key=lambda e: e.field or "")
    raise_all(errors)


def read_data(path: str | Path, field: str | None = None) -> Any:
    """The parsed content of a YAML or JSON file (JSON when the name ends in ``.json``), checked
    by the gate (see module doc) [raises SpecError or FileError]."""
    shown = str(path)
    text = read_text(path, field)
    # an upper bound of the values (each is separated from the next by one of these): refuse a file
    # of millions of tiny values before the parser spends seconds and gigabytes on it
    bound = sum(text.count(c) for c in ",:\n[{") + 1
    if bound > 2 * MAX_VALUES:
        raise SpecError(f"too many values (about {bound:,}; at most {MAX_VALUES:,})", file=shown, field=field)
    data = _parse_json(text, shown) if str(path).lower().endswith(".json") else _parse_yaml(text, shown)
    check_values(data, shown)
    return data


def read_mapping(path: str | Path, field: str | None = None) -> dict[str, Any]:
    """A YAML or JSON file whose top level is a mapping [raises SpecError or FileError]."""
    data = read_data(path, field)
    if data is None:
        raise SpecError("file is empty", file=str(path), field=field)
    if not isinstance(data, dict):
        raise SpecError(f"top level must be a mapping of keys, got {type(data).__name__}", file=str(path),
                        field=field)
    return data


# --- validation -----------------------------------------------------------------------------------------

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


_BOUNDS = {"greater_than": ("gt", "must be greater than"), "greater_than_equal": ("ge", "must be at least"),
           "less_than": ("lt", "must be less than"), "less_than_equal": ("le", "must be at most")}


def _unit_of(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> str | None:
    """The canonical unit of the quantity field at ``loc`` of ``model`` (None if not a quantity)."""
    tp: Any = model
    for part in loc:
        if isinstance(part, str) and part.startswith(("function-", "tagged-union")):
            continue
        tp = _strip(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(part, str):
            info = tp.model_fields.get(part)
            if info is None:
                return None
            tp = info.annotation
            extra = [m for m in info.metadata if isinstance(m, CanonicalUnit)]
            if extra:
                return extra[0].unit
        elif typing.get_origin(tp) in (list, tuple) and isinstance(part, int):
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
    return _find_unit(tp)


def _strip(tp: Any) -> Any:
    """The model class inside ``X | None`` or ``Annotated[X, ...]`` (else ``tp``)."""
    while True:
        if typing.get_origin(tp) is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
            tp = args[0]
            continue
        return tp


def _find_unit(tp: Any) -> str | None:
    if typing.get_origin(tp) is typing.Annotated:
        for meta in typing.get_args(tp)[1:]:
            if isinstance(meta, CanonicalUnit):
                return meta.unit
    for arg in typing.get_args(tp):
        found = _find_unit(arg)
        if found:
            return found
    return None


def _format_bound(number: float, unit: str | None) -> str:
    text = f"{number:g}"
    if unit and unit != "dimensionless":
        return f"{text} {unit}"
    return text


def _optional_in(model: type[BaseModel] | None, key: Any) -> bool:
    info = model.model_fields.get(key) if model is not None and isinstance(key, str) else None
    return info is not None and not info.is_required()


def describe_errors(exc: ValidationError, model: type[BaseModel] | None = None) -> list[tuple[str, str]]:
    """(key path, message) of every error in a pydantic ValidationError, in order, one per key path.

    Values are quoted by their short printable prefix only (:func:`carbonev.errors.preview`)."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        msg = err["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        kind = err["type"]
        loc = tuple(err["loc"])
        tags = getattr(model, "__union_tags__", frozenset())
        tag = loc[0] if loc and isinstance(loc[0], str) and loc[0] in tags else None
        if tag is not None:  # a discriminated union's member (the model of a powertrain): not a key
            loc = loc[1:]
        if kind == "extra_forbidden":
            msg = "unknown key (check the spelling)"
        elif kind == "missing" and tag is not None and len(loc) == 1 and _optional_in(model, loc[0]):
            msg = f"required for a {tag}"  # optional in general, required by this member (a BEV's battery)
        elif kind == "missing":
            msg = "required key is missing"
        elif kind in ("union_tag_invalid", "literal_error", "enum"):
            msg = msg.replace("Input should be", "must be")
        elif kind in _BOUNDS:
            key, words = _BOUNDS[kind]
            unit = _unit_of(model, loc) if model else None
            msg = f"{words} {_format_bound(err['ctx'][key], unit)}"
            if isinstance(err.get("input"), float):  # the value as the field stores it
                msg = f"{msg} (got {_format_bound(err['input'], unit)})"
        elif kind == "string_too_long":
            msg = f"longer than {err['ctx']['max_length']:,} characters"
        elif kind == "too_long":
            msg = f"more than {err['ctx']['max_length']:,} items"
        value = err.get("input")
        if kind not in ("missing", "extra_forbidden") and isinstance(value, (str, int, float)) \
                and not isinstance(value, bool) and "got " not in msg and preview(value) not in msg:
            msg = f"{msg} (got {preview(value)})"
        # model-level checks name their field as "field.path: message"
        nested = re.match(r"^([A-Za-z_][\w.\[\]]*): (.+)$", msg, re.S)
        if nested and kind == "value_error":
            loc = loc + tuple(nested.group(1).split("."))
            msg = nested.group(2)
        msg = " ".join(msg.split())  # one line
        field = key_path(loc)
        if field in seen:  # a union reports each member's error: the first says it
            continue
        seen.add(field)
        out.append((field, msg))
    return out


def first_error(exc: ValidationError) -> tuple[str, str]:
    """(key path, message) of the first error in a pydantic ValidationError."""
    return describe_errors(exc)[0]


def validate(model: type[M], data: dict[str, Any], file: str | Path, context: dict | None = None) -> M:
    """Validate ``data`` as ``model``; every error at once (one line each, naming file and key path)."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        errors = [SpecError(msg, file=str(file), field=field) for field, msg in describe_errors(exc, model)]
        raise_all(errors[:MAX_ERRORS])
        raise  # pragma: no cover  (a ValidationError always holds an error)


def load(model: type[M], path: str | Path, context: dict | None = None) -> M:
    """Read and validate one file."""
    return validate(model, read_mapping(path), path, context)
