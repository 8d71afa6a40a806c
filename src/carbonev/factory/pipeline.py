"""Plant file in, account / per-unit footprints / audit out (what the CLI calls)."""

from __future__ import annotations

from pathlib import Path

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.factory import metrics as met
from carbonev.factory.accounting import Prices, account
from carbonev.factory.allocation import allocate
from carbonev.factory.result import PlantResult
from carbonev.factory.scoring import Audit, score
from carbonev.factory.spec import Factory, load_factory
from carbonev.io.files import sha256_file
from carbonev.rules import criteria as crit

PlantLike = str | Path | Factory
VALUES_NOTE = "required inputs supplied by "  # + who (status), file <values file>


def evaluate_plant(plant: PlantLike, catalog: Catalog | None = None, method: str | None = None,
                   store: str | Path | None = None, engine: Prices | None = None) -> PlantResult:
    """Account, allocate and compute metrics for a plant file or model, priced by the engine of
    ``store`` under ``method`` (or by ``engine``)."""
    if isinstance(plant, Factory):
        factory, file, digest = plant, None, None
    else:
        file = str(plant)
        factory, digest = load_factory(file), sha256_file(Path(file))
    cat = catalog or shipped_catalog()
    if engine is None:
        from carbonev.engine.evaluator import Engine

        engine = Engine.open(cat, store, method)
    acc = account(factory, engine, file, cat)
    alloc = allocate(factory, acc, file)
    return PlantResult(factory, file, digest, acc, alloc, met.compute(factory, acc, alloc))


def audit(plant: PlantLike, criteria: str | Path, values: str | Path | None = None,
          catalog: Catalog | None = None, method: str | None = None,
          store: str | Path | None = None) -> tuple[Audit, PlantResult]:
    """Score a plant against a rule set (shipped name or file), with auditor values if given.

    All inputs are validated (rule set, values, plant) before anything is scored.
    """
    rs, rs_path = crit.load_ruleset(criteria)
    vals = crit.load_values(values) if values is not None else None
    resolved = crit.resolve(rs, rs_path, vals, values)
    result = evaluate_plant(plant, catalog, method, store)
    out = score(resolved, result.metrics, str(rs_path))
    out.notes = list(result.account.notes)
    out.missing_evidence += [f"plant file {g}" for g in result.account.evidence_gaps]
    if vals is not None:
        out.notes.insert(0, f"{VALUES_NOTE}{vals.supplied_by} ({vals.status}), file {values}")
    return out, result


def audit_payload(result: Audit, plant_result: PlantResult) -> dict:
    """The numbers a manifest hashes for an audit: the JSON audit report without file paths.

    Paths depend on the folder the command ran in (``verify`` re-runs with the paths resolved
    from the manifest's folder); the manifest records every input file by its SHA-256 instead.
    """
    import json

    from carbonev.factory.report import audit_dict

    out = json.loads(json.dumps(audit_dict(result, plant_result), default=str, allow_nan=False))
    out["plant"].pop("file", None)
    out["notes"] = [n.rsplit(", file ", 1)[0] if n.startswith(VALUES_NOTE) else n for n in out["notes"]]
    return out


def audit_manifest_inputs(plant: str | Path, criteria: str | Path, values: str | Path | None) -> dict[str, Path]:
    """Files an audit reads (roles: plant, criteria, values)."""
    _, rs_path = crit.load_ruleset(criteria)
    out = {"plant": Path(plant), "criteria": Path(rs_path)}
    if values is not None:
        out["values"] = Path(values)
    return out


def rerun_audit(inputs: dict[str, Path], options: dict, store: str | Path | None) -> dict:
    """Re-run a recorded ``factory audit`` (for ``carbonev verify``)."""
    result, plant_result = audit(inputs["plant"], inputs["criteria"], inputs.get("values"),
                                 method=options.get("method"), store=store)
    return audit_payload(result, plant_result)
