"""A part's footprint as a PACT ProductFootprint (v2.3 or v3.0), with the files it was computed from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class PactExport:
    """``document``: the ProductFootprint (validated against the official schema before it is returned);
    ``inputs``: the files read, by role; ``created``: the creation time written in the document."""

    document: dict[str, Any]
    inputs: dict[str, str]
    created: str

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.document, indent=indent, ensure_ascii=False) + "\n"

    def to_frame(self) -> pd.DataFrame:
        """One row: id, product name, declared unit, unit amount and the footprint per declared unit
        [kg CO2e] (excluding biogenic uptake), as the document states them."""
        import pandas as pd

        from carbonev.specs.pact_file import read_footprint

        fp = read_footprint(self.document, "export")
        return pd.DataFrame([{"id": fp.pcf_id, "product": fp.product, "spec_version": fp.spec_version,
                              "declared_unit": fp.declared_unit, "unit_amount": fp.unit_amount,
                              "kg_co2e_per_unit": fp.kg_co2e_per_unit, "per_product": fp.per_product}])


def export_pact(path: str | Path, info: str | Path, version: str = "3.0", part: str | None = None,
                plant: str | Path | None = None, product: str | None = None, created: str | None = None,
                catena_x: bool = False, store: str | Path | None = None, method: str | None = None) -> PactExport:
    from carbonev.exchange.pact import export_pact as run

    doc, inputs, stamp = run(path, info, version, part, plant, product, created, catena_x, store, method)
    return PactExport(doc, inputs, stamp)
