"""Which shipped values a footprint rests on, where they come from, and how good they are.

``collect(spec, catalog)`` rebuilds a vehicle's foreground on a catalog view that records
every parameter read (:class:`carbonev.data.recorder.Recorder`), follows every background activity the foreground
links to (and their inputs, transitively), and scores each value with a pedigree rating
(:mod:`carbonev.report.pedigree`) against the place and year it stands for.
``collect_links`` does the same for any list of (stage, link), e.g. a battery pack's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from carbonev.data.catalog import Catalog
from carbonev.data.recorder import Recorder
from carbonev.data.records import Exact, SourcedValue
from carbonev.inventory.external import NONE, ExternalInputs
from carbonev.inventory.foreground import STAGES, Link
from carbonev.inventory.vehicle import build
from carbonev.report import pedigree
from carbonev.specs.vehicle import VehicleSpec

PRODUCTION = {"materials_and_parts": "manufacturing", "vehicle_assembly": "manufacturing", "battery": "battery"}


@dataclass
class DataSources:
    """Rows of every value used, the references they cite, and a summary."""

    study_year: int
    regions: dict[str, str]  # role (manufacturing, battery, use) → region code
    parameters: list[dict] = field(default_factory=list)
    exchanges: list[dict] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    processes: dict[str, list[str]] = field(default_factory=dict)  # stage → how each link was derived
    flows: list[dict] = field(default_factory=list)  # emissions the foreground enters directly

    def rows(self) -> list[dict]:
        return self.parameters + self.exchanges

    def summary(self) -> dict:
        rows = self.rows()
        if not rows:
            return {"values": 0}
        means = {k: sum(r["pedigree"][k] for r in rows) / len(rows)
                 for k in pedigree.INDICATORS if k != "completeness"}
        return {
            "values": len(rows),
            "parameters": len(self.parameters),
            "exchanges": len(self.exchanges),
            "activities": len({r["activity"] for r in self.exchanges}),
            "verified_share": sum(r["tag"] == "verified" for r in rows) / len(rows),
            "mean_scores": {k: round(v, 3) for k, v in means.items()},
            "mean_score": round(sum(r["pedigree"]["mean"] for r in rows) / len(rows), 3),
            "values_scored_4_or_5": sum(r["worst"] >= 4 for r in rows),
        }


def _stage_places(spec: VehicleSpec) -> dict[str, str]:
    """Region each stage's data should describe."""
    regions = {"manufacturing": spec.manufacturing.region, "battery": spec.battery_plant.region}
    return {s: regions.get(PRODUCTION.get(s, ""), spec.use.region) for s in STAGES}


def _contexts(items: list[tuple[str, Link]], places: dict[str, str], study_year: int,
              cat: Catalog) -> dict[str, set[tuple[str, int]]]:
    """Background activity → {(region, year) it stands for}, following inputs transitively.

    The year is the calendar year of use for time-resolved links (use-phase electricity),
    else the study's reference year."""
    out: dict[str, set[tuple[str, int]]] = {}
    for name, link in items:
        if link.code is None:
            continue
        ctx = (places[name], link.year or study_year)
        todo = [link.code]
        while todo:
            code = todo.pop()
            seen = out.setdefault(code, set())
            if ctx in seen:
                continue
            seen.add(ctx)
            todo.extend(e.input for e in reversed(cat.activities[code].exchanges) if e.input)
    return out


class _References:
    """Numbered references, one per (data file, source key)."""

    def __init__(self, cat: Catalog):
        self.cat = cat
        self.index: dict[tuple[str, str], int] = {}
        self.items: list[dict] = []

    def ref(self, file: str, key: str) -> int:
        if (file, key) not in self.index:
            src = self.cat.inventories[file].sources[key]
            self.index[(file, key)] = len(self.items) + 1
            self.items.append({"id": len(self.items) + 1, "file": f"inventories/{file}.yaml", "key": key,
                               "citation": src.citation, "url": src.url, "tag": src.tag})
        return self.index[(file, key)]


def _row(v: SourcedValue, tag: str, ref: int, score: pedigree.Pedigree, **extra: Any) -> dict:
    return {
        **extra, "amount": v.amount, "unit": v.unit, "year": v.year, "geography": v.geography,
        "reference": ref, "locator": v.locator, "tag": tag, "uncertainty": v.uncertainty.distribution,
        "pedigree": score.to_dict(), "pedigree_text": score.text(), "worst": score.worst,
    }


def _file_of(cat: Catalog) -> dict[str, str]:
    return {a.code: name for name, inv in cat.inventories.items() for a in inv.activities}


def collect(spec: VehicleSpec, cat: Catalog, file: str | None = None, inputs: ExternalInputs = NONE) -> DataSources:
    """Every parameter and background exchange behind ``spec``'s footprint, rated (``inputs``: the
    files the spec names, resolved)."""
    rec = Recorder(cat)
    fg = build(spec, rec, file, keyed=False, inputs=inputs)  # type: ignore[arg-type]
    roles = {"manufacturing": spec.manufacturing.region, "battery": spec.battery_plant.region,
             "use": spec.use.region}
    items = [(name, link) for name in STAGES for link in fg.stages[name].links]
    out = collect_links(items, rec.used, cat, spec.manufacturing.year, _stage_places(spec), roles)
    out.processes = {name: [link.basis for link in st.links] for name, st in fg.stages.items()}
    return out


def collect_links(items: list[tuple[str, Link]], used: Iterable[str], cat: Catalog, study_year: int,
                  places: dict[str, str], roles: dict[str, str]) -> DataSources:
    """Rate the parameters ``used`` and every background exchange behind ``items`` (stage, link).

    ``places``: stage → region its data should describe; ``roles``: role → region (parameters
    are scored against every one of them, worst score kept); ``study_year``: reference year."""
    units = {k: f.unit.replace("kg_CO2e", "kg CO2e") for k, f in cat.flows.flows.items()}
    refs = _References(cat)
    processes: dict[str, list[str]] = {}
    for name, link in items:
        processes.setdefault(name, []).append(link.basis)
    out = DataSources(study_year=study_year, regions=dict(roles), processes=processes)
    all_regions = sorted(set(roles.values()))
    for name in used:
        par = cat.parameter(name)
        src = cat.parameter_source(name)
        inv = cat.parameter_origin[name]
        score = pedigree.rate(src.tag, par.year, par.geography, [par.comment], study_year, all_regions,
                              exact=isinstance(par.uncertainty, Exact))
        out.parameters.append(_row(par, src.tag, refs.ref(inv, par.source), score, kind="parameter", key=name,
                                   description=par.description, file=f"inventories/{inv}.yaml",
                                   applied_to=_applied(all_regions, [study_year])))
    out.flows = [{"stage": name, "flow": link.flow, "amount": link.amount, "unit": units.get(link.flow, "kg"),
                  "basis": link.basis} for name, link in items if link.flow]
    files = _file_of(cat)
    for code, ctxs in _contexts(items, places, study_year, cat).items():
        act = cat.activities[code]
        inv = files[code]
        regions = sorted({r for r, _ in ctxs})
        years = sorted({y for _, y in ctxs})
        for j, exc in enumerate(act.exchanges):
            tag = cat.inventories[inv].sources[exc.source].tag
            score = pedigree.rate(tag, exc.year, exc.geography, [exc.comment, act.comment], years, regions,
                                  exact=isinstance(exc.uncertainty, Exact))
            out.exchanges.append(_row(exc, tag, refs.ref(inv, exc.source), score, kind="exchange",
                                      activity=code, activity_name=act.name, index=j,
                                      target=exc.input or exc.flow, file=f"inventories/{inv}.yaml",
                                      applied_to=_applied(regions, years)))
    out.references = refs.items
    return out


def _applied(regions: Iterable[str], years: Iterable[int]) -> str:
    ys = sorted(set(years))
    span = str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"
    return f"{', '.join(regions)} {span}"


def spec_inputs(spec: BaseModel) -> list[dict]:
    """The values the spec (or pack) file sets (primary data supplied by the user), flattened by key path."""
    data = spec.model_dump(mode="json", exclude={"uncertainty", "description", "name"}, exclude_unset=True)
    rows: list[dict] = []

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(f"{prefix}.{k}" if prefix else k, v)
        elif isinstance(node, list) and node:
            for i, v in enumerate(node):
                walk(f"{prefix}[{i}]", v)
        else:
            rows.append({"key": prefix, "value": node})

    walk("", data)
    return rows
