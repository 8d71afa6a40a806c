"""Battery declarations in batches: one declaration per pack file under one scheme, written to a
folder (``<pack file name>.<format>``), a summary, one manifest."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carbonev.errors import SpecError

if TYPE_CHECKING:
    import pandas as pd

    from carbonev.battery.declare import Declaration

EXTENSIONS = {"table": "txt", "md": "md", "json": "json", "batterypass": "json"}


def declaration_frame(decls: Sequence[Declaration]) -> pd.DataFrame:
    """Tidy per pack and stage: pack, stage, label, kg [kg CO2e per pack], per_kwh [kg CO2e per kWh of
    lifetime energy], share [-]."""
    import pandas as pd

    rows = [{"pack": d.pack.name, "stage": s.id, "label": s.label, "kg": s.kg, "per_kwh": s.per_kwh,
             "share": s.share} for d in decls for s in d.stages]
    return pd.DataFrame(rows, columns=["pack", "stage", "label", "kg", "per_kwh", "share"])


class Declarations(list["Declaration"]):
    """Several packs' declarations under one scheme, in the order of the pack files."""

    def to_frame(self) -> pd.DataFrame:
        return declaration_frame(self)

    def inputs(self) -> dict[str, str]:
        """Every file the batch read (roles pack1, pack1.plant, ..., scheme, values)."""
        from carbonev.battery.declare import batch_inputs

        return batch_inputs(self)

    def payload(self) -> dict[str, Any]:
        """The numbers a manifest hashes."""
        from carbonev.battery.declare import batch_payload

        return batch_payload(self)


def declare_many(packs: Sequence[str | Path], scheme: str | Path, values: str | Path | None = None,
                 store: str | Path | None = None, method: str | None = None) -> Declarations:
    """One declaration per pack file (each pack's own ``plant_file`` applies); every file is checked
    before any pack is computed."""
    from carbonev.battery.declare import declare_many as run

    return Declarations(run(packs, scheme, values, store, method))


def batch_targets(packs: Sequence[str | Path], output_dir: Path | None, fmt: str) -> list[Path]:
    """The declaration file of each pack in ``output_dir`` [raises SpecError before anything is computed:
    no folder, a missing folder, or two packs writing one file]."""
    if output_dir is None:
        raise SpecError("several packs: give --output-dir for the declarations (one file per pack)",
                        field="--output-dir")
    if not output_dir.is_dir():
        raise SpecError("folder does not exist", file=str(output_dir), field="--output-dir")
    targets = [output_dir / f"{Path(p).stem}.{EXTENSIONS[fmt]}" for p in packs]
    clash = sorted({str(t) for t in targets if targets.count(t) > 1})
    if clash:
        raise SpecError("two pack files would write the same declaration; rename one", file=clash[0],
                        field="--output-dir")
    return targets


def write_declarations(decls: Sequence[Declaration], targets: Sequence[Path], fmt: str) -> dict[str, Path]:
    """Write each declaration to its target (atomically); returns the manifest's output roles."""
    from carbonev.io.files import write_atomic
    from carbonev.report.declaration import render

    for decl, target in zip(decls, targets, strict=True):
        write_atomic(target, render(decl, fmt), "--output-dir")
    return {f"pack{i}.declaration": t for i, t in enumerate(targets, start=1)}
