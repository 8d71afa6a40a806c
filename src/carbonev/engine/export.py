"""Write a foreground (or the background) as a bw2io LCI spreadsheet, in a process of its own.

The build's Brightway project is copied to a temporary folder, the foreground database (one
activity per life-cycle stage plus the vehicle's life cycle, linked by code to
``carbonev-background`` and ``carbonev-biosphere``) is written there, and
``bw2io.export.write_lci_excel`` exports it. The store itself is never written, and the caller's
process never imports Brightway.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from carbonev.engine.store import Build, describe_os_error
from carbonev.errors import StoreError
from carbonev.inventory.foreground import STAGE_LABELS, Foreground

FOREGROUND = "carbonev-foreground"


def foreground_json(fg: Foreground) -> str:
    """The foreground as JSON for the export process (stages → links)."""
    return json.dumps({"key": fg.key, "name": fg.name, "stages": {
        name: [{"amount": x.amount, "basis": x.basis, "code": x.code, "flow": x.flow} for x in st.links]
        for name, st in fg.stages.items()}})


def _foreground_data(fg: dict[str, Any]) -> dict[Any, Any]:
    from carbonev.engine.project import BACKGROUND, BIOSPHERE

    db = f"{FOREGROUND}-{fg['key']}"
    root_code = f"{fg['key']}-vehicle"
    root_exchanges: list[dict[str, Any]] = [{"input": (db, root_code), "amount": 1.0, "type": "production"}]
    root = {"name": f"{fg['name']}, life cycle", "unit": "vehicle", "location": "CN", "exchanges": root_exchanges}
    data: dict[Any, Any] = {}
    for name, links in fg["stages"].items():
        code = f"{fg['key']}-{name}"
        root_exchanges.append({"input": (db, code), "amount": 1.0, "type": "technosphere"})
        exchanges = [{"input": (db, code), "amount": 1.0, "type": "production"}]
        for x in links:
            target = (BACKGROUND, x["code"]) if x["code"] else (BIOSPHERE, x["flow"])
            exchanges.append({"input": target, "amount": x["amount"], "comment": x["basis"],
                              "type": "technosphere" if x["code"] else "biosphere"})
        data[(db, code)] = {"name": f"{fg['name']}, {STAGE_LABELS[name]}", "unit": "vehicle", "location": "CN",
                            "exchanges": exchanges}
    data[(db, root_code)] = root
    return data


def export(build: Build, fg: Foreground | None, output: Path) -> str:
    """Export ``fg`` (None: the background database) from ``build`` to ``output`` (.xlsx); return the
    Brightway database name [raises StoreError]."""
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".carbonev-bw-") as tmp:
        spec = Path(tmp) / "foreground.json"
        spec.write_text(foreground_json(fg) if fg is not None else "null", encoding="utf-8")
        cmd = [sys.executable, "-m", "carbonev.engine.export", "--build", str(build.path), "--foreground", str(spec),
               "--output", str(output), "--work", tmp]
        proc = subprocess.run(cmd, capture_output=True)
        if proc.returncode != 0:
            lines = [x for x in proc.stderr.decode("utf-8", "replace").splitlines() if x.strip()]
            raise StoreError(f"the Brightway export failed: {lines[-1] if lines else proc.returncode}",
                             store=build.path.parent)
        return proc.stdout.decode().strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the export process (``python -m carbonev.engine.export``)."""
    p = argparse.ArgumentParser(prog="python -m carbonev.engine.export")
    for opt in ("--build", "--foreground", "--output", "--work"):
        p.add_argument(opt, required=True)
    a = p.parse_args(argv)
    try:
        base = Path(a.work) / "brightway"
        shutil.copytree(Path(a.build) / "brightway", base)
        os.environ["BRIGHTWAY2_DIR"] = str(base)
        fg = json.loads(Path(a.foreground).read_text(encoding="utf-8"))
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import bw2data as bd
            import bw2io as bi

            from carbonev.engine.project import BACKGROUND, PROJECT

            bd.projects.set_current(PROJECT)
            if fg is None:
                name = BACKGROUND
            else:
                name = f"{FOREGROUND}-{fg['key']}"
                bd.Database(name).write(_foreground_data(fg), searchable=False, check_typos=False)
            written = bi.export.write_lci_excel(name, dirpath=a.work)
        os.replace(written, a.output)
    except OSError as exc:
        print(f"{describe_os_error(exc)} ({getattr(exc, 'filename', '')})", file=sys.stderr)
        return 3
    print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
