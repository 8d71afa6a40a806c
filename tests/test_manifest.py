"""Manifests: canonical result hashes, relative input paths, no clock time, and ``verify`` naming
each difference (input file, data file, result number). Uses a tiny registered runner so every
number is visible; the real commands are covered in tests/battery and tests/exchange."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.errors import SpecError
from carbonev.provenance import manifest as mf


def _sum_runner(inputs: dict[str, Path], options: dict, store) -> dict:
    """Re-run of the test command: the numbers of the input file, scaled by an option."""
    numbers = json.loads(inputs["numbers"].read_text())
    return {"total": sum(numbers) * options["scale"], "count": len(numbers)}


@pytest.fixture
def case(tmp_path, monkeypatch):
    monkeypatch.setitem(mf.RUNNERS, "test sum", f"{__name__}:_sum_runner")
    numbers = tmp_path / "inputs" / "numbers.json"
    numbers.parent.mkdir()
    numbers.write_text("[1.5, 2.5]")
    path = tmp_path / "out" / "run.manifest.json"
    path.parent.mkdir()
    payload = _sum_runner({"numbers": numbers}, {"scale": 2}, None)
    written = mf.write_manifest("test sum", {"scale": 2}, {"numbers": numbers}, payload, path)
    return path, numbers, written


def test_canonical_hash_ignores_key_order_and_last_bit_noise():
    a = {"b": 1.0, "a": [0.1 + 0.2, "x"]}
    b = {"a": [0.3, "x"], "b": 1.0}
    assert mf.canonical(a) == mf.canonical(b) == '{"a":[0.3,"x"],"b":1.0}'
    assert mf.result_hash(a) == mf.result_hash(b)
    assert mf.result_hash({"b": 1.0000001}) != mf.result_hash({"b": 1.0})
    with pytest.raises(SpecError, match="non-finite"):
        mf.canonical({"x": float("nan")})


def test_manifest_content(case):
    path, numbers, m = case
    assert m["format"] == "carbonev-manifest/1" and m["command"] == "test sum" and m["seed"] is None
    [item] = m["inputs"]
    assert item["path"] == "../inputs/numbers.json" and len(item["sha256"]) == 64
    cat = shipped_catalog()
    assert m["data"]["sha256"] == cat.sha256 and m["data"]["files"] == cat.versions()
    assert m["method"]["name"] == cat.default_method.name and "carbonev" in m["software"]
    assert m["result"]["payload"] == {"total": 8.0, "count": 2}
    assert m["result"]["sha256"] == mf.result_hash({"count": 2, "total": 8.0})
    # no clock time: the same run writes the same bytes
    first = path.read_bytes()
    mf.write_manifest("test sum", {"scale": 2}, {"numbers": numbers}, {"total": 8.0, "count": 2}, path)
    assert path.read_bytes() == first


def test_verify_identical(case):
    path, _, _ = case
    report = mf.verify(path)
    assert report.identical and report.differences == []


def test_verify_names_an_edited_input_and_the_numbers_that_changed(case):
    path, numbers, _ = case
    numbers.write_text("[1.5, 3.5]")
    report = mf.verify(path)
    assert not report.identical
    assert report.differences[0].startswith("input file changed: numbers ") and "numbers.json" in report.differences[0]
    assert "result differs: total: 8.0 → 10.0" in report.differences
    assert not any("count" in d for d in report.differences)  # only what changed is listed


def test_verify_names_a_missing_input_and_changed_data(case):
    path, numbers, _ = case
    m = json.loads(path.read_text())
    m["data"]["sha256"] = "0" * 64
    name = next(iter(m["data"]["files"]))
    m["data"]["files"][name] = {"version": "1999.1.0", "sha256": "f" * 64}
    path.write_text(json.dumps(m))
    numbers.unlink()
    report = mf.verify(path)
    assert any(d.startswith("input file missing: numbers") for d in report.differences)
    assert any(d.startswith(f"data file changed: {name}: version 1999.1.0") for d in report.differences)
    assert report.differences[-1] == "not re-run: input file(s) missing (numbers)"


def test_bad_manifests_are_one_error(tmp_path, case):
    path, _, _ = case
    m = json.loads(path.read_text())
    for change, field in ((lambda d: d.update(format="x"), "format"), (lambda d: d.pop("result"), "result"),
                          (lambda d: d.update(command="rm -rf"), "command")):
        bad = json.loads(json.dumps(m))
        change(bad)
        (tmp_path / "bad.json").write_text(json.dumps(bad))
        with pytest.raises(SpecError) as err:
            mf.verify(tmp_path / "bad.json")
        assert err.value.field == field
    with pytest.raises(SpecError, match="input file not found"):
        mf.build_manifest("test sum", {}, {"numbers": tmp_path / "nope.json"}, {}, tmp_path / "m.json")


def test_register_runner(monkeypatch):
    monkeypatch.setattr(mf, "RUNNERS", dict(mf.RUNNERS))
    mf.register_runner("footprint", "carbonev.somewhere:rerun")
    assert mf.RUNNERS["footprint"] == "carbonev.somewhere:rerun"
    assert {"battery declare", "export pact"} <= set(mf.RUNNERS)
