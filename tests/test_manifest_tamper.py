"""Every tamper case of the issue, on real commands through the CLI: each is caught, named in one
line, exit 1; and hostile manifests end in one error line, exit 2, with bounded resources.

- a footprint manifest whose total was edited and whose sha256 was left alone;
- an exported PACT file edited after it was written (its ``created`` date, a number);
- a PACT manifest whose recorded ``created`` date was edited (with a recomputed hash);
- a manifest asking for ``use.years: 1e9 year`` (memory), ``"inputs": "x"``, ``"options": [1,2]``,
  ``"data": null``.
"""

from __future__ import annotations

import json
import resource
import shutil
from pathlib import Path

import pytest

from carbonev.provenance.manifest import result_hash
from cli_runner import invoke

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT.parent / "examples"


def _edit(path: Path, change) -> None:
    m = json.loads(path.read_text())
    change(m)
    path.write_text(json.dumps(m, indent=2, ensure_ascii=False))


def _one_line(res) -> str:
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in res.output, res.output
    return lines[0]


@pytest.fixture
def footprint_case(session_store, tmp_path):
    spec = Path(shutil.copy(EXAMPLES / "bev-midsize-nmc811.yaml", tmp_path))
    out, manifest = tmp_path / "fp.txt", tmp_path / "fp.manifest.json"
    res = invoke(session_store, "footprint", str(spec), "-o", str(out), "--manifest", str(manifest))
    assert res.exit_code == 0, res.output
    return manifest, out


@pytest.fixture
def pact_case(session_store, tmp_path):
    pack = Path(shutil.copy(EXAMPLES / "battery" / "pack-nmc811-zj.yaml", tmp_path))
    info = Path(shutil.copy(EXAMPLES / "exchange" / "pact-info-demo.yaml", tmp_path))
    out, manifest = tmp_path / "pcf.json", tmp_path / "pcf.manifest.json"
    res = invoke(session_store, "export", "pact", str(pack), "--info", str(info), "--created", "2026-01-15",
                 "-o", str(out), "--manifest", str(manifest))
    assert res.exit_code == 0, res.output
    return manifest, out


def test_outputs_are_recorded_and_verify_says_identical(session_store, footprint_case, pact_case):
    for manifest, out in (footprint_case, pact_case):
        m = json.loads(manifest.read_text())
        assert m["format"] == "carbonev-manifest/2"
        assert [(o["role"], o["path"]) for o in m["outputs"]] == [("output", out.name)]
        res = invoke(session_store, "verify", str(manifest))
        assert res.exit_code == 0 and res.stdout.startswith("identical:") and "1 output file(s)" in res.stdout


def test_edited_total_with_a_stale_sha256_is_caught(session_store, footprint_case):
    """The issue: total changed (43,089 → 40,000 kg there), sha256 left alone; verify said identical."""
    manifest, _ = footprint_case
    total = json.loads(manifest.read_text())["result"]["payload"][0]["total"]
    _edit(manifest, lambda m: m["result"]["payload"][0].update(total=40_000.0))
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1
    assert "recorded result does not match its own sha256" in res.stdout
    assert f"result differs: [0].total: 40000.0 → {total!r}" in res.stdout


def test_edited_pcf_file_created_date_is_caught(session_store, pact_case):
    manifest, out = pact_case
    out.write_text(out.read_text().replace('"created": "2026-01-15', '"created": "2025-01-15'))
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1
    [line] = [x for x in res.stdout.splitlines() if "output file changed" in x]
    assert "output" in line and "pcf.json" in line and "recorded" in line
    assert "result differs" not in res.stdout  # the recorded result and the re-run still agree


def test_edited_pcf_file_number_is_caught(session_store, pact_case):
    manifest, out = pact_case
    doc = json.loads(out.read_text())
    doc["pcf"]["pCfExcludingBiogenicUptake"] = "1.0"
    out.write_text(json.dumps(doc, indent=2))
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1 and "output file changed: output" in res.stdout


def test_edited_pcf_created_date_in_the_manifest_is_caught_even_with_a_fresh_hash(session_store, pact_case):
    manifest, _ = pact_case

    def forge(m):
        m["result"]["payload"]["created"] = "2025-01-15T00:00:00Z"
        m["result"]["sha256"] = result_hash(m["result"]["payload"])

    _edit(manifest, forge)
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1
    assert "result differs from the re-computation" in res.stdout
    assert "result differs: created: '2025-01-15T00:00:00Z' → '2026-01-15T00:00:00Z'" in res.stdout


def test_a_deleted_output_is_caught(session_store, footprint_case):
    manifest, out = footprint_case
    out.unlink()
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1 and f"output file missing: output {out}" in res.stdout


@pytest.mark.parametrize(("change", "field"), [
    (lambda m: m.update(inputs="x"), "inputs"),
    (lambda m: m.update(options=[1, 2]), "options"),
    (lambda m: m.update(data=None), "data"),
    (lambda m: m["options"].update(overrides={"use.years": {"a": 1}}), "options.overrides"),
    (lambda m: m["options"].update(overrides={f"k{i}": 1 for i in range(101)}), "options.overrides"),
    (lambda m: m["options"].update(method="x" * 300), "options.method"),
])
def test_hostile_manifests_are_one_line_exit_2(session_store, footprint_case, change, field):
    manifest, _ = footprint_case
    _edit(manifest, change)
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 2
    assert f"{manifest}: {field}" in _one_line(res)


def test_overrides_that_would_exhaust_memory_end_in_one_line(session_store, footprint_case):
    """``use.years: 1e9 year`` asks for one list entry per year: the spec bounds refuse it, or the
    re-run's memory budget stops it; either way one line, exit 2, and the process stays small."""
    manifest, _ = footprint_case

    def forge(m):
        m["options"]["overrides"] = {"use.years": "1e9 year"}

    _edit(manifest, forge)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = invoke(session_store, "verify", str(manifest))
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # [KiB]
    assert res.exit_code == 2
    line = _one_line(res)
    assert str(manifest) in line or "use.years" in line
    assert grown < 3 * 1024**2  # under 3 GiB more at the peak: the budget is 2 GiB of address space
