"""The shape of a manifest, checked before ``verify`` acts on anything in it.

A manifest comes from a third party: every field has a type, a length or count cap, and
hashes are 64 hex digits. Options are checked per command (:data:`OPTIONS`); a command
nobody described takes a small mapping of scalars. Overrides (``footprint --set``) are kept
as typed on the command line and validated later by the same spec model as ``--set``, so a
manifest can ask for nothing the command line could not.

Reading is bounded too: a regular file (no FIFO, no device) of at most :data:`MAX_BYTES`,
strict JSON (no duplicate keys, no NaN/Infinity). Errors are one :class:`SpecError` naming
the manifest and the key path, quoting structure, never a value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from carbonev.errors import SpecError

FORMATS = ("carbonev-manifest/1", "carbonev-manifest/2")
FORMAT = FORMATS[-1]
MAX_BYTES = 20 * 1024**2
MAX_FILES = 200  # inputs or outputs
MAX_OVERRIDES = 100

Hex64 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Role = Annotated[str, Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,99}$")]
PathText = Annotated[str, Field(min_length=1, max_length=4096)]
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]
Scalar = str | bool | int | float | None
OverrideKey = Annotated[str, Field(max_length=200, pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
OverrideValue = Annotated[str, Field(max_length=500)] | bool | int | float | None | Annotated[
    list[Annotated[str, Field(max_length=500)] | bool | int | float | None], Field(max_length=50)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class FileRecord(Strict):
    role: Role
    path: PathText
    given: PathText
    sha256: Hex64
    bytes: int | None = Field(default=None, ge=0)


class DataFile(Strict):
    version: Annotated[str, Field(max_length=40)]
    sha256: Hex64


class DataRecord(Strict):
    sha256: Hex64
    files: dict[Annotated[str, Field(max_length=200)], DataFile] = Field(max_length=2000)


class MethodRecord(Strict):
    name: Name
    version: Annotated[str, Field(max_length=40)]
    sha256: Hex64


class ResultRecord(Strict):
    sha256: Hex64
    payload: Any


class Manifest(Strict):
    format: Literal["carbonev-manifest/1", "carbonev-manifest/2"]
    command: Name
    options: dict[Annotated[str, Field(max_length=100)], Any] = Field(max_length=100)
    inputs: list[FileRecord] = Field(max_length=MAX_FILES)
    outputs: list[FileRecord] = Field(default=[], max_length=MAX_FILES)
    data: DataRecord
    method: MethodRecord
    software: dict[Annotated[str, Field(max_length=100)], Annotated[str, Field(max_length=100)]] = Field(
        default={}, max_length=100)
    seed: int | None = None
    result: ResultRecord

    @field_validator("inputs", "outputs")
    @classmethod
    def _unique_roles(cls, items: list[FileRecord]) -> list[FileRecord]:
        roles = [x.role for x in items]
        if len(set(roles)) != len(roles):
            raise ValueError("each role appears once")
        return items


# ---------------------------------------------------------------- options per command
class GenericOptions(Strict):
    """Options of a command without its own model: a small mapping of scalars."""

    model_config = ConfigDict(extra="allow", frozen=True, allow_inf_nan=False)

    @classmethod
    def check(cls, data: dict[str, Any]) -> None:
        for key, value in data.items():
            if not isinstance(value, Scalar) or isinstance(value, str) and len(value) > 500:
                raise ValueError(f"{key}: must be a short scalar")


class FootprintOptions(Strict):
    method: Name | None = None
    overrides: dict[OverrideKey, OverrideValue] = Field(default={}, max_length=MAX_OVERRIDES)


class DeclareOptions(Strict):
    scheme: Name
    product: Name | None = None
    method: Name | None = None


class AuditOptions(Strict):
    criteria: Name
    method: Name | None = None


class PactOptions(Strict):
    version: Literal["2.3", "3.0"]
    part: Literal["battery", "vehicle-cradle-to-gate", "vehicle-cradle-to-grave"] | None = None
    product: Name | None = None
    created: Annotated[str, Field(max_length=64, pattern=r"^[0-9T:.+\-Z ]+$")]
    catena_x: bool = False
    method: Name | None = None


OPTIONS: dict[str, type[Strict]] = {
    "footprint": FootprintOptions,
    "battery declare": DeclareOptions,
    "factory audit": AuditOptions,
    "export pact": PactOptions,
}


def _loc(err: dict) -> str:
    out = ""
    for part in err["loc"]:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(top level)"


def _one_line(exc: ValidationError, file: str, prefix: str = "") -> SpecError:
    err = exc.errors(include_url=False)[0]
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown key"
    elif err["type"] == "missing":
        msg = "required key is missing"
    more = len(exc.errors()) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    field = _loc(err)
    return SpecError(msg, file=file, field=f"{prefix}{field}" if prefix else field)


def _refuse(value: str) -> Any:
    raise ValueError(f"{value} is not JSON")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError("duplicate key")
        out[key] = value
    return out


def read(path: str | Path) -> Manifest:
    """Read and check a manifest [raises SpecError: one line naming file and key path]."""
    p = Path(path)
    shown = str(p)
    if not p.exists():
        raise SpecError("file not found", file=shown)
    if not p.is_file():
        raise SpecError("not a regular file", file=shown)
    if p.stat().st_size > MAX_BYTES:
        raise SpecError(f"larger than {MAX_BYTES // 1024**2} MiB; not a manifest carbonev writes", file=shown)
    try:
        with open(p, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_pairs, parse_constant=_refuse)
    except UnicodeDecodeError:
        raise SpecError("not UTF-8 text", file=shown) from None
    except json.JSONDecodeError as exc:
        raise SpecError(f"not a JSON manifest (line {exc.lineno}, column {exc.colno}: {exc.msg})", file=shown) from None
    except (ValueError, RecursionError) as exc:
        raise SpecError(f"not a JSON manifest ({str(exc)[:60]})", file=shown) from None
    except OSError as exc:
        raise SpecError(f"cannot be read ({exc.strerror or type(exc).__name__})", file=shown) from None
    if not isinstance(data, dict):
        raise SpecError("top level must be a JSON object", file=shown)
    if data.get("format") not in FORMATS:
        raise SpecError(f"format must be {FORMAT!r}", file=shown, field="format")
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        raise _one_line(exc, shown) from None
    check_options(manifest.command, manifest.options, shown)
    return manifest


def check_options(command: str, options: dict[str, Any], file: str) -> Strict:
    """The command's options, validated by its model [raises SpecError naming ``options.<key>``]."""
    model = OPTIONS.get(command)
    try:
        if model is None:
            GenericOptions.check(options)
            return GenericOptions.model_validate(options)
        return model.model_validate(options)
    except ValidationError as exc:
        raise _one_line(exc, file, "options.") from None
    except ValueError as exc:
        raise SpecError(str(exc), file=file, field="options") from None
