"""Which vehicle spec stands for each cohort, and which combustion vehicle is its baseline."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from carbonev.errors import SpecError
from carbonev.fleet.data import REQUIRED, BaselineFile, ModelsFile
from carbonev.specs.load import load_vehicle
from carbonev.specs.vehicle import VehicleSpec


class Catalogue:
    """Model keys → vehicle specs: the user's models file first, then the segment defaults."""

    def __init__(self, defaults: tuple[ModelsFile, Path], user: tuple[ModelsFile, Path] | None = None):
        self.files = [f for f in (user, defaults) if f is not None]
        self.user = user
        self.specs: dict[str, VehicleSpec] = {}
        self.origin: dict[str, str] = {}

    def _entry(self, key: str) -> tuple[Path, str | None] | None:
        for mf, path in self.files:
            if key in mf.models:
                e = mf.models[key]
                return path.parent / e.spec, e.note
        return None

    def spec(self, key: str, file: str, field: str) -> VehicleSpec:
        """The spec of model ``key`` (loaded once) [raises SpecError naming ``file``/``field``]."""
        if key in self.specs:
            return self.specs[key]
        found = self._entry(key)
        if found is None:
            where = " or ".join(str(p) for _, p in self.files)
            raise SpecError(f"model {key!r} is in no models file ({where}); give --models with it", file=file,
                            field=field)
        path, note = found
        self.specs[key] = load_vehicle(path)
        self.origin[key] = f"{path.name}" + (f" ({note})" if note else "")
        return self.specs[key]

    def spec_or_path(self, ref: str, base: Path, file: str, field: str) -> tuple[str, VehicleSpec]:
        """A baseline reference: a model key, or a spec path relative to ``base``."""
        if self._entry(ref) is not None:
            return ref, self.spec(ref, file, field)
        path = base / ref
        if path.suffix in (".yaml", ".yml", ".json") and path.exists():
            key = f"file:{path.name}"
            if key not in self.specs:
                self.specs[key] = load_vehicle(path)
                self.origin[key] = path.name
            return key, self.specs[key]
        raise SpecError(f"{ref!r} is neither a model key nor a spec file", file=file, field=field)


def assign(cohorts: pd.DataFrame, cat: Catalogue, file: str) -> pd.Series:
    """The model key of each cohort: its ``model`` or ``<powertrain>/<segment>``; checks specs."""
    keys = cohorts["model"] if "model" in cohorts else pd.Series([None] * len(cohorts), index=cohorts.index)
    out = keys.where(keys.notna(), cohorts["powertrain"] + "/" + cohorts["segment"]).astype(str)
    for key, pt in sorted(set(zip(out, cohorts["powertrain"], strict=True))):
        field = "model" if "/" not in key or key.split("/")[0] != pt else "powertrain, segment"
        spec = cat.spec(key, file, field)
        if spec.powertrain.value != pt:
            raise SpecError(f"model {key!r} is a {spec.powertrain.value} but the row says {pt}", file=file,
                            field="powertrain")
    return out


def baselines(cohorts: pd.DataFrame, bl: BaselineFile, bl_path: Path, cat: Catalogue) -> pd.Series:
    """The baseline model key of each cohort, by segment."""
    out: dict[str, str] = {}
    for seg in sorted(cohorts["segment"].unique()):
        ref = bl.vehicles.get(seg)
        field = f"vehicles.{seg}"
        if ref is None or ref == REQUIRED:
            why = "required input: no shipped combustion vehicle of this class" if ref == REQUIRED else "missing"
            raise SpecError(f"{why}; name a baseline model or spec file for segment {seg!r} (--baseline FILE)",
                            file=str(bl_path), field=field)
        key, spec = cat.spec_or_path(ref, bl_path.parent, str(bl_path), field)
        if spec.powertrain.value not in ("ICEV-gasoline", "ICEV-diesel", "ICEV-methanol", "HEV"):
            raise SpecError(f"baseline {ref!r} is a {spec.powertrain.value}, not a combustion vehicle",
                            file=str(bl_path), field=field)
        out[seg] = key
    return cohorts["segment"].map(out)
