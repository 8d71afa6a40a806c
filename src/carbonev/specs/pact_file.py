"""Read a supplier's PACT ProductFootprint (v2.0–v2.3 or v3.0) for use in a vehicle or pack spec.

    fp = load_footprint("supplier-pcf.json")
    fp.kg_co2e_per_unit * fp.unit_amount          # kg CO2e per piece of the supplier's product
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonev.errors import SpecError
from carbonev.io.files import read_mapping, sha256_file
from carbonev.specs.pact import validate


def parse_time(text: str) -> dt.datetime:
    """A PACT date-time string as a naive UTC datetime."""
    value = dt.datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def validity(doc: dict[str, Any]) -> tuple[dt.datetime, dt.datetime]:
    """(start, end) of a footprint's validity [naive UTC]: the stated validity period, else PACT's
    default of three years from the end of the reference period (v3.0 §Validity Period)."""
    ref_end = parse_time(doc["pcf"]["referencePeriodEnd"])
    start = parse_time(doc["validityPeriodStart"]) if doc.get("validityPeriodStart") else ref_end
    if doc.get("validityPeriodEnd"):
        return start, parse_time(doc["validityPeriodEnd"])
    try:
        end = ref_end.replace(year=ref_end.year + 3)
    except ValueError:  # 29 February
        end = ref_end.replace(year=ref_end.year + 3, day=28)
    return start, end


@dataclass(frozen=True)
class SupplierFootprint:
    """A supplier's PACT footprint. ``kg_co2e_per_unit`` is per ONE ``declared_unit`` (kilogram,
    piece, ...); ``unit_amount`` is how many declared units one product holds, so one product is
    ``kg_co2e_per_unit × unit_amount`` (``per_product``). The footprint read is the one excluding
    biogenic CO2 uptake (v3 pcfExcludingBiogenicUptake, v2 pCfExcludingBiogenic).
    ``primary_data_share`` [%] and ``dqi`` (the data-quality ratings) are the supplier's own
    statements, None / empty when the document has none."""

    kg_co2e_per_unit: float
    declared_unit: str
    unit_amount: float
    product: str
    pcf_id: str
    sha256: str
    spec_version: str = ""
    file: str = ""
    company: str = ""
    created: str = ""
    reference_period: tuple[str, str] = ("", "")
    valid_from: dt.datetime | None = None
    valid_to: dt.datetime | None = None
    primary_data_share: float | None = None
    dqi: dict[str, float] = field(default_factory=dict)

    @property
    def per_product(self) -> float:
        """[kg CO2e per product]"""
        return self.kg_co2e_per_unit * self.unit_amount

    def to_frame(self) -> Any:
        """One row: product, PACT id and version, company, kg CO2e per declared unit, unit amount, per
        product, primary-data share [%] (a pandas DataFrame)."""
        import pandas as pd

        return pd.DataFrame([{"product": self.product, "pcf_id": self.pcf_id, "spec_version": self.spec_version,
                              "company": self.company, "kg_co2e_per_unit": self.kg_co2e_per_unit,
                              "declared_unit": self.declared_unit, "unit_amount": self.unit_amount,
                              "per_product": self.per_product, "primary_data_share": self.primary_data_share}])


def check_document(doc: Any, shown: str | None = None) -> dict[str, Any]:
    """``doc`` if it is a ProductFootprint valid against its version's official schema
    [raises SpecError naming ``shown`` and the first field that is not]."""
    problems = validate(doc)
    if problems:
        field_name, msg = problems[0].split(": ", 1)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SpecError(msg + more, file=shown, field=field_name)
    checked: dict[str, Any] = doc  # validate() accepts only a JSON object
    return checked


def _positive(pcf: dict[str, Any], key: str, shown: str) -> float:
    value = float(pcf[key])
    if not value > 0:
        raise SpecError(f"must be greater than 0 to count declared units (got {pcf[key]!r})", file=shown,
                        field=f"pcf.{key}")
    return value


def read_footprint(doc: dict[str, Any], shown: str, sha256: str = "") -> SupplierFootprint:
    """A checked ProductFootprint as a :class:`SupplierFootprint` (Active or Deprecated)."""
    pcf = check_document(doc, shown)["pcf"]
    if doc["specVersion"].startswith("3."):
        amount = _positive(pcf, "declaredUnitAmount", shown)
        per_unit = float(pcf["pcfExcludingBiogenicUptake"]) / amount
        unit, amount = pcf["declaredUnitOfMeasurement"], amount
        share = float(pcf["primaryDataShare"]) if "primaryDataShare" in pcf else None
    else:
        amount = _positive(pcf, "unitaryProductAmount", shown)
        per_unit = float(pcf["pCfExcludingBiogenic"])
        unit = pcf["declaredUnit"]
        share = float(pcf["primaryDataShare"]) if "primaryDataShare" in pcf else None
    dqi = {k: float(v) for k, v in pcf.get("dqi", {}).items()}
    start, end = validity(doc)
    return SupplierFootprint(kg_co2e_per_unit=per_unit, declared_unit=unit, unit_amount=amount,
                             product=doc["productNameCompany"], pcf_id=doc["id"], sha256=sha256,
                             spec_version=doc["specVersion"], file=shown, company=doc["companyName"],
                             created=doc["created"], valid_from=start, valid_to=end, primary_data_share=share,
                             reference_period=(pcf["referencePeriodStart"], pcf["referencePeriodEnd"]), dqi=dqi)


def unwrap(data: dict[str, Any], shown: str) -> Any:
    """The ProductFootprint in a file: bare, or the ``data`` of an API response holding one."""
    doc = data.get("data", data) if "pcf" not in data else data
    if isinstance(doc, list):
        if len(doc) != 1:
            raise SpecError(f"holds {len(doc)} footprints; give a file with one", file=shown, field="data")
        doc = doc[0]
    return doc


def load_footprint(path: str | Path) -> SupplierFootprint:
    """Read a supplier's ProductFootprint (any of v2.0–v2.3 and v3.0; bare, or a ``{"data": ...}``
    API response) [raises SpecError naming the file and the first field that does not fit the
    official schema, or a footprint that is Deprecated]."""
    shown = str(path)
    doc = unwrap(read_mapping(path), shown)
    fp = read_footprint(doc, shown, sha256_file(Path(path)))
    if doc["status"] != "Active":
        raise SpecError("the footprint is Deprecated: PACT says it should not be used", file=shown, field="status")
    return fp
