"""A battery carbon-footprint declaration: per-stage kg CO2e, total, and per kWh of lifetime energy.

    decl = declare("examples/battery/pack-nmc811-zj.yaml", "eu-2023-1542")
    decl.per_kwh                 # kg CO2e per kWh of total lifetime energy
    decl.stages                  # per scheme stage: kg CO2e per pack and per kWh, with every link
    decl.functional_unit         # formula, parameters (each with its origin), energy [kWh]

Every input is read and checked before anything is computed; a missing scheme input
raises a SpecError naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonev.battery.inventory import PACK_STAGE_LABELS, PackInventory, pack_inventory
from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.engine.evaluator import Engine
from carbonev.errors import SpecError
from carbonev.factory.link import assembly_footprint
from carbonev.inputs import check_chemistry, plant_path
from carbonev.inventory.external import PlantShare
from carbonev.inventory.pack import TRANSPORT
from carbonev.io.files import sha256_file
from carbonev.provenance.software import software_versions
from carbonev.rules.battery_scheme import Resolver, Scheme, lifetime_energy, load_scheme, load_values, performance_class
from carbonev.specs.pack import PackSpec, load_pack


@dataclass
class StageResult:
    id: str  # BatteryPass stage name
    label: str
    includes: list[str]
    kg: float  # [kg CO2e per pack]
    per_kwh: float  # [kg CO2e per kWh of lifetime energy]
    share: float
    links: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Declaration:
    pack: PackSpec
    scheme: Scheme
    functional_unit: dict[str, Any]
    stages: list[StageResult]
    mass: float  # [kg]
    method: dict[str, str]
    inputs: dict[str, str]  # role → path (pack, scheme, plant, values)
    provenance: dict[str, Any]
    plant: dict[str, Any] | None = None
    performance_class: dict[str, Any] = field(default_factory=dict)
    scheme_inputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    overridden: dict[str, dict[str, Any]] = field(default_factory=dict)  # pack statements the scheme replaced
    assumptions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        """Absolute footprint [kg CO2e per pack] (declared stages only)."""
        return sum(s.kg for s in self.stages)

    @property
    def energy(self) -> float:
        """Total energy over the service life [kWh] (the functional unit)."""
        return self.functional_unit["energy_kwh"]

    @property
    def per_kwh(self) -> float:
        """Declared footprint [kg CO2e per kWh of lifetime energy]."""
        return self.total / self.energy

    def to_frame(self) -> Any:
        """Per declared stage: stage, label, kg [kg CO2e per pack], per_kwh [kg CO2e per kWh of lifetime
        energy], share [-] (a pandas DataFrame)."""
        import pandas as pd

        return pd.DataFrame([{"stage": s.id, "label": s.label, "kg": s.kg, "per_kwh": s.per_kwh, "share": s.share}
                             for s in self.stages], columns=["stage", "label", "kg", "per_kwh", "share"])

    def payload(self) -> dict[str, Any]:
        """The numeric result (what a manifest hashes and ``verify`` compares)."""
        return {
            "scheme": f"{self.scheme.name} {self.scheme.version}",
            "method": f"{self.method['name']} {self.method['version']}",
            "functional_unit_kwh": self.energy,
            "pack_mass_kg": self.mass,
            "total_kg_co2e": self.total,
            "kg_co2e_per_kwh": self.per_kwh,
            "stages": {s.id: {"kg_co2e": s.kg, "kg_co2e_per_kwh": s.per_kwh} for s in self.stages},
            "performance_class": self.performance_class.get("class"),
        }


def load_plant_share(pack: PackSpec, pack_file: str | None, cat: Catalog, plant: str | Path | None = None,
                     product: str | None = None, method: str | None = None,
                     store: str | Path | None = None) -> tuple[PlantShare | None, str | None]:
    """The plant's per-kWh share (explicit ``plant``/``product`` or the pack's plant_file) and its path."""
    if plant is None and pack.plant_file is None:
        return None, None
    path = Path(plant) if plant is not None else plant_path(pack.plant_file, pack_file)
    field_ = "--plant" if plant is not None else "plant_file"
    if not path.exists():
        raise SpecError(f"plant file {str(path)!r} not found", file=pack_file, field=field_)
    product = product or pack.plant_product
    if product is None:
        raise SpecError("which product of the plant is this pack? give --product or plant_product", file=pack_file,
                        field="plant_product")
    share = assembly_footprint(path, product, cat, method, store)
    check_chemistry(path, product, pack.chemistry, pack_file, field_)
    if share.functional_unit != "kWh":
        raise SpecError(f"product {product!r} of {path} is counted per {share.functional_unit}; a pack needs a "
                        "product counted in kWh of capacity", file=pack_file, field="plant_product")
    return share, str(path)


def _functional_unit(res: Resolver, pack: PackSpec, pack_file: str | None) -> dict[str, Any]:
    formula = res.get("functional_unit.formula")
    basis = res.get("functional_unit.capacity_basis")
    if basis == "usable":
        if pack.usable_capacity is None:
            raise SpecError(f"required by scheme {res.scheme.name} (capacity basis: usable capacity at beginning "
                            "of life)", file=pack_file, field="usable_capacity")
        capacity = pack.usable_capacity
    else:
        capacity = pack.capacity
    needs = ["cycles"] if formula == "capacity_x_cycles" else ["cycles_per_year", "service_years"]
    numbers = {}
    for key in needs:
        if getattr(res.scheme.functional_unit, key) is None:
            raise SpecError(f"formula {formula} needs {key}, which the scheme does not define",
                            file=str(res.scheme_file), field=f"functional_unit.{key}")
        numbers[key] = res.number(f"functional_unit.{key}")
    energy, text = lifetime_energy(formula, capacity, numbers.get("cycles"), numbers.get("cycles_per_year"),
                                   numbers.get("service_years"))
    if not energy > 0:
        raise SpecError("the lifetime energy must be positive", file=pack_file)
    return {"formula": formula, "capacity_basis": basis, "capacity_kwh": capacity, **numbers,
            "energy_kwh": energy, "worked": text}


def declare(pack: str | Path, scheme: str | Path, plant: str | Path | None = None, product: str | None = None,
            values: str | Path | None = None, store: str | Path | None = None, method: str | None = None,
            catalog: Catalog | None = None) -> Declaration:
    """Declare the footprint of the pack in ``pack`` under ``scheme`` (a shipped name or a file)."""
    cat = catalog or shipped_catalog()
    meth = cat.method(method)
    pack_file = str(pack)
    spec = load_pack(pack)
    sch, sch_file = load_scheme(scheme)
    vals = load_values(values) if values is not None else None
    res = Resolver(sch, sch_file, spec, pack_file, vals, str(values) if values is not None else None, catalog=cat)
    spec = _scheme_distribution(res, spec)
    share, share_file = load_plant_share(spec, pack_file, cat, plant, product, meth.name, store)
    recognise = True
    if share is not None and share.renewable_electricity.value > 0:
        recognise = res.get("electricity.contractual_instruments") == "recognised"
    fu = _functional_unit(res, spec, pack_file)
    if sch.submission is not None and sch.submission.min_packs is not None:
        res.get("submission.min_packs")  # recorded for the batch summary
    thresholds = res.get("performance_class.thresholds")
    if thresholds is not None and (not isinstance(thresholds, dict) or not thresholds):
        raise SpecError("give class upper bounds [kg CO2e/kWh], e.g. {A: 60, B: 80}", file=str(values),
                        field=f"schemes.{sch.name}.performance_class.thresholds")
    inv = pack_inventory(spec, cat, share, recognise)

    ev = Engine.open(cat, store, meth.name)
    stages = _stages(sch, inv, ev, fu["energy_kwh"])
    total = sum(s.kg for s in stages)
    for s in stages:
        s.share = s.kg / total if total else 0.0
    pc: dict[str, Any] = {"class": None, "thresholds": thresholds}
    if thresholds is None:
        pc["basis"] = ("not determined: the scheme's class thresholds are not public (required input "
                       "performance_class.thresholds not supplied)")
    else:
        pc["class"] = performance_class(total / fu["energy_kwh"], thresholds)
        pc["basis"] = f"not official: {res.used['performance_class.thresholds']['origin']}"
    notes = list(inv.notes)
    if share is None:
        notes.append("production uses generic cell and pack making data (catalog parameters); a declaration is per "
                     "plant and should use the plant's own data (--plant)")
    inputs = {"pack": pack_file, "scheme": str(sch_file)}
    if share_file:
        inputs["plant"] = share_file
    if values is not None:
        inputs["values"] = str(values)
    method_file = cat.files_by_name[("methods", meth.name)]
    method_info = {"name": meth.name, "title": meth.title, "version": meth.version, "sha256": method_file.sha256}
    provenance = {"inputs": {k: {"file": v, "sha256": sha256_file(Path(v))} for k, v in inputs.items()},
                  "method": method_info, "data": {"sha256": cat.sha256, "files": cat.versions()},
                  "software": software_versions()}
    plant_info = None
    if share is not None:
        plant_info = {"name": share.plant, "file": share.file, "sha256": share.sha256, "product": share.product,
                      "region": share.region, "year": share.year, "allocation": share.allocation,
                      "contractual_instruments": "recognised" if recognise else "not recognised"}
    return Declaration(pack=spec, scheme=sch, functional_unit=fu, stages=stages, mass=inv.mass, method=method_info,
                       inputs=inputs, provenance=provenance, plant=plant_info, performance_class=pc,
                       scheme_inputs=res.used, overridden=res.overridden, assumptions=inv.assumptions, notes=notes)


def _scheme_distribution(res: Resolver, spec: PackSpec) -> PackSpec:
    """The pack with the scheme's distribution rule applied (mode and distance from the pack plant
    to the vehicle plant: the pack file's, or the scheme's sourced defaults)."""
    if res.scheme.distribution is None:
        return spec
    mode = res.get("distribution.mode")
    if mode not in TRANSPORT:
        raise SpecError(f"distribution mode must be one of {', '.join(TRANSPORT)}", file=str(res.scheme_file),
                        field="distribution.mode")
    distance = res.number("distribution.distance")
    if not distance >= 0:
        raise SpecError("must not be negative", file=res.pack_file, field="distribution.distance")
    dist = spec.distribution.model_copy(update={"mode": mode, "distance": distance})
    return spec.model_copy(update={"distribution": dist})


def _stages(sch: Scheme, inv: PackInventory, ev, energy: float) -> list[StageResult]:
    out = []
    for st in sch.stages:
        links, kg = [], 0.0
        for item in inv.items:
            if item.stage not in st.includes:
                continue
            impact = float(ev.link_impact(item.link))
            kg += impact
            links.append({"stage": item.stage, "stage_label": PACK_STAGE_LABELS[item.stage],
                          "basis": item.link.basis, "code": item.link.code, "flow": item.link.flow,
                          "amount": item.link.amount, "kg_co2e": impact, "primary": item.primary})
        out.append(StageResult(id=st.id, label=st.label.en, includes=list(st.includes), kg=kg,
                               per_kwh=kg / energy, share=0.0, links=links))
    return out


def declare_many(packs: Sequence[str | Path], scheme: str | Path, values: str | Path | None = None,
                 store: str | Path | None = None, method: str | None = None,
                 catalog: Catalog | None = None) -> list[Declaration]:
    """One declaration per pack file under one scheme (a pack maker's batch, e.g. MIIT's trial
    phase with at least 5 typical packs). Every pack file is read and checked before any is
    computed; each pack's own ``plant_file`` applies."""
    if not packs:
        raise SpecError("give at least one pack file", field="PACK")
    for p in packs:
        load_pack(p)
    names = [load_pack(p).name for p in packs]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise SpecError(f"two pack files have the same name {dup[0]!r}; each declaration needs its own",
                        file=str(packs[names.index(dup[0], names.index(dup[0]) + 1)]), field="name")
    cat = catalog or shipped_catalog()
    return [declare(p, scheme, values=values, store=store, method=method, catalog=cat) for p in packs]


def batch_inputs(decls: Sequence[Declaration]) -> dict[str, str]:
    """The files a batch reads, by role: pack1, pack1.plant, ..., scheme, values."""
    out: dict[str, str] = {}
    for i, d in enumerate(decls, start=1):
        out[f"pack{i}"] = d.inputs["pack"]
        if "plant" in d.inputs:
            out[f"pack{i}.plant"] = d.inputs["plant"]
    out["scheme"] = decls[0].inputs["scheme"]
    if "values" in decls[0].inputs:
        out["values"] = decls[0].inputs["values"]
    return out


def batch_payload(decls: Sequence[Declaration]) -> dict[str, Any]:
    """The numbers a manifest hashes for a batch: each pack's payload, in order."""
    return {"packs": [{"pack": d.pack.name, **d.payload()} for d in decls]}


def _scheme_name(inputs: dict[str, Path], options: dict[str, Any]) -> str | Path:
    from carbonev.rules.battery_scheme import shipped

    scheme = options.get("scheme")
    return scheme if scheme in shipped() else inputs["scheme"]


def rerun(inputs: dict[str, Path], options: dict[str, Any], store: str | Path | None) -> dict[str, Any]:
    """Re-run a recorded ``battery declare``, one pack or a batch (for ``carbonev verify``)."""
    scheme = _scheme_name(inputs, options)
    if "pack" in inputs:
        decl = declare(inputs["pack"], scheme, plant=inputs.get("plant"), product=options.get("product"),
                       values=inputs.get("values"), store=store, method=options.get("method"))
        return decl.payload()
    packs = [inputs[k] for k in sorted((k for k in inputs if k.startswith("pack") and k[4:].isdigit()),
                                       key=lambda k: int(k[4:]))]
    return batch_payload(declare_many(packs, scheme, inputs.get("values"), store, options.get("method")))
