"""Supplier scoring: each supplied part's footprint against the generic inventory, the PACT
document's own statements (primary-data share, DQRs, verification, age, validity), and the
auditor's management evidence, scored with a supplier rule set.

Per part (kg CO2e per vehicle, from :mod:`carbonev.supply.compute`):

    difference  = supplier − generic                     [kg CO2e/vehicle]
    difference% = difference / generic × 100              [% of the generic part]
    share       = difference / total(generic vehicle) × 100   [% of the vehicle's footprint]
    age         = (as_of − referencePeriodEnd) / 365.25 d [a]
    valid       = validityPeriodStart ≤ as_of < validityPeriodEnd (PACT default: 3 years)

Indicator score s = clip((x − baseline) / (leading − baseline), 0, 1), or 1/0 for yes/no; a
supplier's score on a footprint indicator is the mean over its parts. Group score
S_g = Σ w_i s_i / Σ w_i; total = 100 × Σ W_g S_g / Σ W_g; grade: the best band whose
``min_score`` the total reaches.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonev.errors import SpecError
from carbonev.inputs import plant_path
from carbonev.io.files import load, read_mapping, sha256_file
from carbonev.specs.pact_file import parse_time, read_footprint, unwrap
from carbonev.supply.compute import spec_numbers
from carbonev.supply.rules import EVIDENCE, SupplierRules, SupplierValues, load_rules, resolve

DQR_KEYS = ("technologicalDQR", "geographicalDQR", "temporalDQR", "completenessDQR", "reliabilityDQR")


@dataclass
class PartRow:
    vehicle: str
    part: str
    supplier: str
    company_id: str
    product: str
    pcf_id: str
    spec_version: str
    file: str
    supplier_kg: float
    generic_kg: float
    vehicle_generic_kg: float
    metrics: dict[str, Any]

    @property
    def difference_kg(self) -> float:
        return self.supplier_kg - self.generic_kg

    @property
    def share_pct(self) -> float:
        return 100.0 * self.difference_kg / self.vehicle_generic_kg if self.vehicle_generic_kg else 0.0


@dataclass
class SupplierRow:
    supplier: str
    company_id: str
    parts: list[str]
    indicators: dict[str, dict[str, Any]]  # id → value, score, note
    groups: dict[str, float]
    total: float
    grade: str


@dataclass
class SupplyResult:
    rules: SupplierRules
    rules_file: str
    as_of: dt.date
    values_info: dict[str, Any]
    parts: list[PartRow]
    suppliers: list[SupplierRow]
    inputs: dict[str, str] = field(default_factory=dict)


def _document(path: Path, shown: str) -> dict[str, Any]:
    if not path.is_file():
        raise SpecError(f"footprint file {str(path)!r} not found", file=shown, field="supplied")
    return unwrap(read_mapping(path), str(path))


def _verified(doc: dict[str, Any]) -> bool:
    if doc["specVersion"].startswith("3."):
        return bool(doc["pcf"].get("verification"))
    return bool(doc["pcf"].get("assurance", {}).get("assurance"))


def part_metrics(doc: dict[str, Any], fp, supplier_kg: float, generic_kg: float, as_of: dt.date) -> dict[str, Any]:
    """The footprint indicators of one supplied part (None: not stated in the document)."""
    when = dt.datetime.combine(as_of, dt.time())
    dqrs = [v for k, v in fp.dqi.items() if k in DQR_KEYS]
    ref_end = parse_time(doc["pcf"]["referencePeriodEnd"])
    return {
        "difference_pct": 100.0 * (supplier_kg - generic_kg) / generic_kg if generic_kg else None,
        "primary_data_share": fp.primary_data_share,
        "dqr_mean": sum(dqrs) / len(dqrs) if dqrs else None,
        "age_years": (when - ref_end).days / 365.25,
        "valid": fp.valid_from <= when < fp.valid_to,
        "verified": _verified(doc),
        "valid_from": fp.valid_from.date().isoformat(), "valid_to": fp.valid_to.date().isoformat(),
        "reference_end": ref_end.date().isoformat(), "dqi": dict(fp.dqi),
    }


def _score(value: Any, ind, numbers: dict[str, float]) -> float:
    if ind.scoring == "boolean":
        return 1.0 if value is True else 0.0
    base, lead = numbers[f"indicators.{ind.id}.baseline"], numbers[f"indicators.{ind.id}.leading"]
    if lead == base:
        better = value <= lead if ind.direction == "lower" else value >= lead
        return 1.0 if better else 0.0
    return min(1.0, max(0.0, (value - base) / (lead - base)))


def _indicator(ind, parts: list[PartRow], evidence: dict[str, bool], numbers: dict[str, float]) -> dict[str, Any]:
    """value (parts' mean, or all true), score (parts' mean), note (not_recorded | not_stated:<parts>)."""
    if ind.reads.startswith(EVIDENCE):
        key = ind.reads.removeprefix(EVIDENCE)
        value = evidence.get(key)
        note = None if value is not None else "not_recorded"
        return {"value": value, "score": _score(value, ind, numbers) if value is not None else 0.0, "note": note}
    values = [p.metrics[ind.reads] for p in parts]
    stated = [v for v in values if v is not None]
    scores = [_score(v, ind, numbers) if v is not None else 0.0 for v in values]
    note = None if len(stated) == len(values) else f"not_stated:{len(values) - len(stated)}"
    shown = (sum(stated) / len(stated) if stated and not isinstance(stated[0], bool) else all(stated) if stated
             else None)
    return {"value": shown, "score": sum(scores) / len(scores), "note": note}


def score_supplier(rules: SupplierRules, numbers: dict[str, float], parts: list[PartRow],
                   evidence: dict[str, bool]) -> SupplierRow:
    indicators = {ind.id: _indicator(ind, parts, evidence, numbers) for ind in rules.indicators}
    groups = {}
    for g in rules.groups:
        members = [i for i in rules.indicators if i.group == g.id]
        weights = sum(numbers[f"indicators.{i.id}.weight"] for i in members)
        groups[g.id] = (sum(numbers[f"indicators.{i.id}.weight"] * indicators[i.id]["score"] for i in members)
                        / weights if weights else 0.0)
    total_w = sum(numbers[f"groups.{g.id}.weight"] for g in rules.groups)
    total = 100.0 * sum(numbers[f"groups.{g}.weight"] * s for g, s in groups.items()) / total_w if total_w else 0.0
    bands = sorted(rules.grades, key=lambda g: -numbers[f"grades.{g.id}.min_score"])
    grade = next((g.id for g in bands if total >= numbers[f"grades.{g.id}.min_score"] - 1e-9), "-")
    first = parts[0]
    return SupplierRow(first.supplier, first.company_id, [f"{p.vehicle}: {p.part}" for p in parts], indicators,
                       groups, total, grade)


def _as_of(text: str | None) -> dt.date:
    if text is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SpecError(f"not an ISO date: {text!r}", field="--as-of") from None


def evaluate(specs: list[Path], values: Path | None = None, rules: str = "gbt39257-2020", as_of: str | None = None,
             store: str | Path | None = None, method: str | None = None) -> SupplyResult:
    """Score the suppliers of every supplied part of ``specs`` [raises SpecError]."""
    rule_set, rules_file = load_rules(rules)
    values_model = load(SupplierValues, values) if values is not None else None
    numbers = resolve(rule_set, rules_file, values_model, str(values) if values else None)
    when = _as_of(as_of)
    parts: list[PartRow] = []
    inputs = {"rules": str(rules_file), **({"values": str(values)} if values else {})}
    for spec in specs:
        nums = spec_numbers(spec, store, method)
        inputs[f"spec:{spec}"] = sha256_file(spec)
        for part in nums.parts:
            path = plant_path(part.footprint_file, str(spec))
            doc = _document(path, str(spec))
            fp = read_footprint(doc, str(path), sha256_file(path))
            inputs[f"footprint:{path}"] = fp.sha256
            parts.append(PartRow(nums.name, part.replaces, fp.company, doc["companyIds"][0], fp.product, fp.pcf_id,
                                 fp.spec_version, str(path), part.supplier_kg, part.generic_kg, nums.total_generic,
                                 part_metrics(doc, fp, part.supplier_kg, part.generic_kg, when)))
    by_supplier: dict[str, list[PartRow]] = {}
    for p in parts:
        by_supplier.setdefault(p.company_id, []).append(p)
    evidence_all = values_model.suppliers if values_model else {}
    suppliers = [score_supplier(rule_set, numbers, rows,
                                evidence_all.get(cid) or evidence_all.get(rows[0].supplier) or {})
                 for cid, rows in by_supplier.items()]
    info = ({"supplied_by": values_model.supplied_by, "status": values_model.status}
            if values_model else {})
    return SupplyResult(rule_set, str(rules_file), when, info, parts, suppliers, inputs)
