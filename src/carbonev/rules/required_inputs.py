"""Required inputs: numbers a standard does not publish, supplied by the user in a values file.

Factory rule sets (``criteria``), rating rule sets and battery-declaration schemes write such
a number as ``required_input``; a values file (``--values``) supplies it under the rule set's
or scheme's name. What the three share lives here: finding a shipped file by name, the fields
of every values file, and the errors naming the key of a value that is missing or unwanted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import Field, ValidationError

from carbonev.data.records import Strict
from carbonev.errors import SpecError, UnknownName
from carbonev.io.files import key_path, read_mapping

REQUIRED = "required_input"
Num = float | Literal["required_input"]  # a number in a rule set, or the marker of one the user supplies
ID = r"^[a-z0-9][a-z0-9_-]*$"  # ids and names inside rule sets and methodology files
M = TypeVar("M", bound=Strict)


class ValuesHeader(Strict):
    """Fields of every values file; a subclass fixes ``format`` and adds the ``SECTION``
    mapping (rule-set or scheme name → key → value)."""

    SECTION: ClassVar[str]

    format: str
    supplied_by: str = Field(min_length=2)
    status: str = Field(min_length=2, description="e.g. 'DEMO values, not official'")
    date: dt.date | None = None
    basis: str | None = None

    def supplied(self, name: str) -> dict[str, Any]:
        """The values given for rule set or scheme ``name`` (key → value)."""
        return dict(getattr(self, self.SECTION).get(name, {}))


FORMAT_LIKE = re.compile(r"^carbonev-[a-z0-9-]{1,40}/[0-9]{1,3}$")


def quiet_load(model: type[M], path: str | Path) -> M:
    """Read and validate a values or info file whose values may be private (tokens, names), and
    never echo one in an error: the error names the file, the key path and what is wrong; of
    the ``format`` field it quotes only a carbonev format name (a short printable word)."""
    data = read_mapping(path)
    expected = model.model_fields["format"].annotation
    wanted = getattr(expected, "__args__", (None,))[0]
    shown = str(path)
    fmt = data.get("format")
    if wanted is not None and fmt != wanted:
        got = f" (got {fmt})" if isinstance(fmt, str) and FORMAT_LIKE.match(fmt) else ""
        raise SpecError(f"must be {wanted!r}{got}", file=shown, field="format")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check the spelling)"
        elif err["type"] == "missing":
            msg = "required key is missing"
        more = len(exc.errors()) - 1
        msg += f" (and {more} more)" if more else ""
        raise SpecError(msg, file=shown, field=key_path(tuple(err["loc"]))) from None


def supplied(values: ValuesHeader | None, name: str) -> dict[str, Any]:
    """The values given for ``name``; empty without a values file."""
    return values.supplied(name) if values else {}


def shipped_files(folder: Path, prefix: str = "") -> dict[str, Path]:
    """Shipped ``<prefix><name>.yaml`` files of ``folder`` by name."""
    return {p.stem.removeprefix(prefix): p for p in sorted(folder.glob(f"{prefix}*.yaml"))}


def find_file(name_or_path: str | Path, files: dict[str, Path], kind: str, prefix: str | None = None) -> Path:
    """``name_or_path`` if that file exists, else the shipped file of that name [raises UnknownName].

    With ``prefix`` the name may also be written ``<prefix><name>.yaml``.
    """
    path = Path(name_or_path)
    if path.exists():
        return path
    key = str(name_or_path)
    if prefix is not None:
        key = key.removeprefix(prefix).removesuffix(".yaml")
    if key not in files:
        raise UnknownName(kind, str(name_or_path), files)
    return files[key]


def reject_unrequested(supplied_keys: Iterable[str], slots: Mapping[str, Any], *, owner: str, noun: str,
                       section: str, file: str | None, hint: str | None = None, show_fixed: bool = False) -> None:
    """Raise SpecError naming the values-file key of the first supplied value that fills no
    ``required_input`` slot. ``slots``: every settable key → its value in the rule set."""
    for key in supplied_keys:
        if key in slots and slots[key] == REQUIRED:
            continue
        if key in slots:
            why = f"the {noun} fixes it" + (f" at {slots[key]}" if show_fixed else "")
        else:
            why = "no such key" + (f"; `{hint}` lists the required inputs" if hint else "")
        shown = "".join(c if c.isprintable() else "?" for c in str(key))
        shown = shown if len(shown) <= 80 else shown[:79] + "…"  # a key is structure, but keep it short
        raise SpecError(f"not a required input of {owner} ({why})", file=file, field=f"{section}.{owner}.{shown}")


def missing_error(missing: Sequence[str], *, why: str, where: str, given: bool, file: str | None,
                  hint: str | None = None) -> SpecError:
    """The SpecError for required inputs nobody supplied, naming the first missing key.

    ``where`` says what the values file lacks; without one (``given`` false) the message
    says no ``--values`` file was given.
    """
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    place = where if given else "no --values file given"
    tail = f"; `{hint}` lists them" if hint else ""
    return SpecError(f"required input not supplied{more}: {why} ({place}{tail})", file=file, field=missing[0])
