"""Load every shipped data file, check cross-file references and units, hash them.

The :class:`Catalog` is the single read-only view of the shipped data the rest
of carbonev uses: activities by code, parameters by name, methods by name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from carbonev.data.inventory_file import Activity, InventoryFile, Parameter
from carbonev.data.method_file import FlowsFile, MethodFile
from carbonev.data.profiles import ProfileSet
from carbonev.data.records import Source
from carbonev.data.resources import data_dir
from carbonev.errors import DataError, UnitError, UnknownName
from carbonev.io.files import load, sha256_file
from carbonev.units import check_unit, convert


@dataclass(frozen=True)
class FileInfo:
    kind: str
    name: str
    version: str
    title: str
    sha256: str
    path: Path


@dataclass
class Catalog:
    """All shipped inventories and methods, validated together."""

    flows: FlowsFile
    inventories: dict[str, InventoryFile]
    methods: dict[str, MethodFile]
    files: list[FileInfo]
    activities: dict[str, Activity] = field(default_factory=dict)
    activity_file: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    parameter_file: dict[str, str] = field(default_factory=dict)
    parameter_origin: dict[str, str] = field(default_factory=dict)
    # sampled or scenario values replacing parameters, in each parameter's own unit
    overrides: dict[str, float] = field(default_factory=dict)
    # hourly grid shapes, charging profiles, valley windows (inventories/profiles/; carbonev.charging)
    profiles: ProfileSet = field(default_factory=ProfileSet)

    def __post_init__(self) -> None:
        self.files_by_name = {(f.kind, f.name): f for f in self.files}

    # --- identity -------------------------------------------------------
    @cached_property
    def sha256(self) -> str:
        """One hash over every data file (names and contents)."""
        h = hashlib.sha256()
        for info in sorted(self.files, key=lambda f: (f.kind, f.name)):
            h.update(f"{info.kind}/{info.name}:{info.sha256}\n".encode())
        return h.hexdigest()

    def versions(self) -> dict[str, dict[str, str]]:
        """{'inventories/electricity-cn': {'version': ..., 'sha256': ...}, ...}"""
        return {
            f"{f.kind}/{f.name}": {"version": f.version, "sha256": f.sha256}
            for f in sorted(self.files, key=lambda f: (f.kind, f.name))
        }

    # --- look-ups -------------------------------------------------------
    @cached_property
    def activity_codes(self) -> frozenset[str]:
        """All activity codes (built once; frozensets cache their hash)."""
        return frozenset(self.activities)

    def activity(self, code: str) -> Activity:
        try:
            return self.activities[code]
        except KeyError:
            raise UnknownName("activity", code, self.activities) from None

    def parameter(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise UnknownName("parameter", name, self.parameters) from None

    def parameter_source(self, name: str) -> Source:
        """The source entry a parameter cites."""
        par = self.parameter(name)
        return self.inventories[self.parameter_origin[name]].sources[par.source]

    def with_values(self, values: dict[str, float]) -> Catalog:
        """A view of this catalog whose parameters ``values`` (each in its own unit) replace
        the shipped amounts — for Monte Carlo draws and scenarios. Shares all data."""
        unknown = set(values) - set(self.parameters)
        if unknown:
            raise UnknownName("parameter", sorted(unknown)[0], self.parameters)
        view = replace(self, overrides={**self.overrides, **values})
        view.__dict__["activity_codes"] = self.activity_codes
        view.__dict__["sha256"] = self.sha256
        return view

    def value(self, name: str, in_unit: str) -> float:
        """Magnitude of parameter ``name`` expressed in ``in_unit``."""
        par = self.parameter(name)
        amount = self.overrides.get(name, par.amount)
        try:
            return convert(amount, par.unit, in_unit)
        except UnitError as exc:
            raise DataError(f"parameter {name!r}: {exc}", file=self.parameter_file[name]) from None

    def method(self, name: str | None = None) -> MethodFile:
        if name is None:
            return self.default_method
        try:
            return self.methods[name]
        except KeyError:
            raise UnknownName("method", name, self.methods) from None

    @property
    def default_method(self) -> MethodFile:
        return next(m for m in self.methods.values() if m.default)

    def exchange_factor(self, activity: Activity, index: int) -> float:
        """Amount of exchange ``index`` of ``activity`` in the supplier's (or flow's)
        unit per one unit of ``activity``."""
        exc = activity.exchanges[index]
        target = self.activities[exc.input].unit if exc.input else self.flows.flows[exc.flow].unit
        return convert(exc.amount, exc.unit, f"({target})/({activity.unit})")


def _check(cat: Catalog) -> None:
    """Cross-file checks: unique codes, known inputs and flows, convertible units."""
    for fname, inv in cat.inventories.items():
        shown = str(cat.files_by_name[("inventories", fname)].path)
        for i, act in enumerate(inv.activities):
            if act.code in cat.activities:
                raise DataError(
                    f"code {act.code!r} is already defined in {cat.activity_file[act.code]}",
                    file=shown, field=f"activities[{i}].code",
                )
            try:
                check_unit(act.unit)
            except UnitError as exc:
                raise DataError(str(exc), file=shown, field=f"activities[{i}].unit") from None
            cat.activities[act.code] = act
            cat.activity_file[act.code] = shown
        for key, par in inv.parameters.items():
            if key in cat.parameters:
                raise DataError(
                    f"parameter {key!r} is already defined in {cat.parameter_file[key]}",
                    file=shown, field=f"parameters.{key}",
                )
            cat.parameters[key] = par
            cat.parameter_file[key] = shown
            cat.parameter_origin[key] = fname
    for code, act in cat.activities.items():
        shown = cat.activity_file[code]
        for j, exc in enumerate(act.exchanges):
            where = f"activities[{code}].exchanges[{j}]"
            if exc.input is not None and exc.input not in cat.activities:
                raise DataError(f"input {exc.input!r} is not an activity in any inventory file",
                                file=shown, field=where)
            if exc.flow is not None and exc.flow not in cat.flows.flows:
                raise DataError(
                    f"flow {exc.flow!r} is not in methods/flows.yaml (valid: {', '.join(cat.flows.flows)})",
                    file=shown, field=where,
                )
            try:
                cat.exchange_factor(act, j)
            except UnitError as exc_:
                raise DataError(f"unit: {exc_}", file=shown, field=f"{where}.unit") from None
    for mname, meth in cat.methods.items():
        shown = str(cat.files_by_name[("methods", mname)].path)
        for i, f in enumerate(meth.factors):
            if f.flow not in cat.flows.flows:
                raise DataError(f"flow {f.flow!r} is not in methods/flows.yaml", file=shown, field=f"factors[{i}].flow")
            try:
                convert(1.0, f.unit, f"({meth.unit})/({cat.flows.flows[f.flow].unit})")
            except UnitError as exc_:
                raise DataError(f"unit: {exc_}", file=shown, field=f"factors[{i}].unit") from None
    defaults = [m.name for m in cat.methods.values() if m.default]
    if len(defaults) != 1:
        raise DataError(f"exactly one method must be the default, found {defaults or 'none'}", file="methods/")


def data_files(methods_dir: Path | None = None, inventories_dir: Path | None = None) -> list[tuple[str, Path]]:
    """(kind, path) of every data file a catalog reads, in load order: methods/flows.yaml, the impact
    methods (not criteria or rating rule sets), inventories/*.yaml, inventories/profiles/*.yaml."""
    mdir = Path(methods_dir) if methods_dir else data_dir("methods")
    idir = Path(inventories_dir) if inventories_dir else data_dir("inventories")
    out = [("methods", mdir / "flows.yaml")]
    out += [("methods", p) for p in sorted(mdir.glob("*.yaml"))
            if p.stem != "flows" and not p.stem.startswith(("criteria", "rating"))]
    out += [("inventories", p) for p in sorted(idir.glob("*.yaml"))]
    pdir = idir / "profiles"
    out += [("profiles", p) for p in sorted(pdir.glob("*.yaml"))] if pdir.is_dir() else []
    return out


def data_version(methods_dir: Path | None = None, inventories_dir: Path | None = None) -> str:
    """The data version (:attr:`Catalog.sha256`) from the files' bytes alone, without parsing them:
    a loaded catalog's files must be named as their names, so both hashes agree."""
    h = hashlib.sha256()
    for kind, name, digest in sorted((k, p.stem, sha256_file(p)) for k, p in data_files(methods_dir, inventories_dir)):
        h.update(f"{kind}/{name}:{digest}\n".encode())
    return h.hexdigest()


def load_catalog(methods_dir: Path | None = None, inventories_dir: Path | None = None) -> Catalog:
    """Read, validate and cross-check every shipped data file."""
    mdir = Path(methods_dir) if methods_dir else data_dir("methods")
    idir = Path(inventories_dir) if inventories_dir else data_dir("inventories")
    files: list[FileInfo] = []
    flows_path = mdir / "flows.yaml"
    flows = load(FlowsFile, flows_path)
    files.append(FileInfo("methods", "flows", flows.version, flows.title, sha256_file(flows_path), flows_path))
    methods: dict[str, MethodFile] = {}
    for path in sorted(mdir.glob("*.yaml")):
        if path.stem == "flows" or path.stem.startswith(("criteria", "rating")):
            continue
        meth = load(MethodFile, path)
        if meth.name != path.stem:
            raise DataError(f"name {meth.name!r} must match the file name {path.stem!r}", file=str(path), field="name")
        methods[meth.name] = meth
        files.append(FileInfo("methods", meth.name, meth.version, meth.title, sha256_file(path), path))
    inventories: dict[str, InventoryFile] = {}
    for path in sorted(idir.glob("*.yaml")):
        inv = load(InventoryFile, path)
        if inv.name != path.stem:
            raise DataError(f"name {inv.name!r} must match the file name {path.stem!r}", file=str(path), field="name")
        inventories[inv.name] = inv
        files.append(FileInfo("inventories", inv.name, inv.version, inv.title, sha256_file(path), path))
    profiles = _load_profiles(idir / "profiles", files)
    cat = Catalog(flows=flows, inventories=inventories, methods=methods, files=files, profiles=profiles)
    _check(cat)
    return cat


def _load_profiles(pdir: Path, files: list[FileInfo]) -> ProfileSet:
    """Profile files (``inventories/profiles/*.yaml``), hashed with the other data files."""
    from carbonev.data.profile_file import ProfileFile
    from carbonev.data.profiles import merge

    parsed = []
    for path in sorted(pdir.glob("*.yaml")) if pdir.is_dir() else []:
        pf = load(ProfileFile, path)
        if pf.name != path.stem:
            raise DataError(f"name {pf.name!r} must match the file name {path.stem!r}", file=str(path), field="name")
        files.append(FileInfo("profiles", pf.name, pf.version, pf.title, sha256_file(path), path))
        parsed.append((pf, str(path)))
    key = hashlib.sha256("".join(f.sha256 for f in files if f.kind == "profiles").encode()).hexdigest()
    return merge(parsed, key) if parsed else ProfileSet()


@lru_cache(maxsize=4)
def shipped_catalog() -> Catalog:
    """The catalog of the shipped data, loaded once per process."""
    return load_catalog()
