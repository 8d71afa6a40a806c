"""Read a supplier's PACT ProductFootprint (v2.3 or v3.0) for use in a vehicle or pack spec.

    fp = load_footprint("supplier-pcf.json")
    fp.kg_co2e_per_unit * fp.unit_amount          # kg CO2e per piece of the supplier's product
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from carbonev.errors import SpecError
from carbonev.exchange.pact_shape import validate
from carbonev.io.files import read_mapping, sha256_file


@dataclass(frozen=True)
class SupplierFootprint:
    """A supplier's PACT footprint. ``kg_co2e_per_unit`` is per ONE ``declared_unit`` (kilogram,
    piece, ...); ``unit_amount`` is how many declared units one product holds, so one product is
    ``kg_co2e_per_unit × unit_amount`` (``per_product``). The footprint read is the one excluding
    biogenic CO2 uptake (v3 pcfExcludingBiogenicUptake, v2 pCfExcludingBiogenic)."""

    kg_co2e_per_unit: float
    declared_unit: str
    unit_amount: float
    product: str
    pcf_id: str
    sha256: str
    spec_version: str = ""
    file: str = ""

    @property
    def per_product(self) -> float:
        """[kg CO2e per product]"""
        return self.kg_co2e_per_unit * self.unit_amount


def load_footprint(path: str | Path) -> SupplierFootprint:
    """Read a supplier's ProductFootprint (v2.3 or v3.0; bare, or a ``{"data": ...}`` API response)
    [raises SpecError naming the file and the first field that does not fit the published shape]."""
    shown = str(path)
    data = read_mapping(path)
    doc = data.get("data", data) if "pcf" not in data else data
    if isinstance(doc, list):
        if len(doc) != 1:
            raise SpecError(f"holds {len(doc)} footprints; give a file with one", file=shown, field="data")
        doc = doc[0]
    problems = validate(doc)
    if problems:
        field, msg = problems[0].split(": ", 1)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SpecError(msg + more, file=shown, field=field)
    if doc["status"] != "Active":
        raise SpecError("the footprint is Deprecated: PACT says it should not be used", file=shown, field="status")
    pcf = doc["pcf"]
    if doc["specVersion"].startswith("3."):
        amount = float(pcf["declaredUnitAmount"])
        per_unit = float(pcf["pcfExcludingBiogenicUptake"]) / amount
        unit = pcf["declaredUnitOfMeasurement"]
    else:
        amount = float(pcf["unitaryProductAmount"])
        per_unit = float(pcf["pCfExcludingBiogenic"])
        unit = pcf["declaredUnit"]
    return SupplierFootprint(kg_co2e_per_unit=per_unit, declared_unit=unit, unit_amount=amount,
                             product=doc["productNameCompany"], pcf_id=doc["id"], sha256=sha256_file(Path(path)),
                             spec_version=doc["specVersion"], file=shown)
