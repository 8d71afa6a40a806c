"""Manifests: canonical result hashes, relative paths, outputs hashed as written, no clock time, and
``verify`` naming each difference in one line. Uses a tiny registered runner so every number is
visible; the real commands are in tests/test_manifest_tamper.py, tests/battery and tests/exchange."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.errors import SpecError
from carbonev.provenance import manifest as mf
from carbonev.provenance import schema
from carbonev.provenance.verify import verify


def _sum_runner(inputs: dict[str, Path], options: dict, store) -> dict:
    """Re-run of the test command: the numbers of the input file, scaled by an option."""
    numbers = json.loads(inputs["numbers"].read_text())
    return {"total": sum(numbers) * options["scale"], "count": len(numbers)}


def _reading_runner(inputs: dict[str, Path], options: dict, store) -> dict:
    """A command whose input names another file, read during the re-run (as a spec's plant_file)."""
    target = inputs["numbers"].parent / json.loads(inputs["numbers"].read_text())["see"]
    return {"text": Path(target).read_text()[:10]}


def _writing_runner(inputs: dict[str, Path], options: dict, store) -> dict:
    (inputs["numbers"].parent / "written-by-rerun.txt").write_text("x")
    return {"total": 0}


@pytest.fixture
def case(tmp_path, monkeypatch):
    monkeypatch.setitem(mf.RUNNERS, "test sum", f"{__name__}:_sum_runner")
    numbers = tmp_path / "inputs" / "numbers.json"
    numbers.parent.mkdir()
    numbers.write_text("[1.5, 2.5]")
    out = tmp_path / "result.txt"
    out.write_text("total 8\n")
    path = tmp_path / "run.manifest.json"
    payload = _sum_runner({"numbers": numbers}, {"scale": 2}, None)
    written = mf.write_manifest("test sum", {"scale": 2}, {"numbers": numbers}, payload, path,
                                outputs={"output": out})
    return path, numbers, written


def edit(path: Path, change) -> None:
    m = json.loads(path.read_text())
    change(m)
    path.write_text(json.dumps(m))


def test_canonical_hash_ignores_key_order_and_last_bit_noise():
    a = {"b": 1.0, "a": [0.1 + 0.2, "x"]}
    b = {"a": [0.3, "x"], "b": 1.0}
    assert mf.canonical(a) == mf.canonical(b) == '{"a":[0.3,"x"],"b":1.0}'
    assert mf.result_hash(a) == mf.result_hash(b)
    assert mf.result_hash({"b": 1.0000001}) != mf.result_hash({"b": 1.0})
    with pytest.raises(SpecError, match="non-finite"):
        mf.canonical({"x": float("nan")})


def test_manifest_content(case, tmp_path):
    path, numbers, m = case
    assert m["format"] == "carbonev-manifest/2" and m["command"] == "test sum" and m["seed"] is None
    [item] = m["inputs"]
    assert item["path"] == "inputs/numbers.json" and len(item["sha256"]) == 64
    [out] = m["outputs"]
    # the output is hashed as written: its bytes, its size
    assert out["path"] == "result.txt" and out["bytes"] == 8
    assert out["sha256"] == hashlib.sha256(b"total 8\n").hexdigest()
    cat = shipped_catalog()
    assert m["data"]["sha256"] == cat.sha256 and m["data"]["files"] == cat.versions()
    assert m["method"]["name"] == cat.default_method.name and "carbonev" in m["software"]
    assert m["result"]["payload"] == {"total": 8.0, "count": 2}
    assert m["result"]["sha256"] == mf.result_hash({"count": 2, "total": 8.0})
    # no clock time: the same run writes the same bytes
    first = path.read_bytes()
    mf.write_manifest("test sum", {"scale": 2}, {"numbers": numbers}, {"total": 8.0, "count": 2}, path,
                      outputs={"output": tmp_path / "result.txt"})
    assert path.read_bytes() == first


def test_verify_identical(case):
    path, _, _ = case
    report = verify(path)
    assert report.identical and report.differences == []
    assert report.checked == {"inputs": 1, "outputs": 1, "re_run": True}


def test_edited_result_with_stale_hash_is_caught(case):
    """The issue's first case: change a number in the manifest, leave its sha256 alone."""
    path, _, _ = case
    edit(path, lambda m: m["result"]["payload"].update(total=7.0))
    report = verify(path)
    assert not report.identical
    assert report.differences[0].startswith("recorded result does not match its own sha256")
    assert "result differs: total: 7.0 → 8.0" in report.differences


def test_edited_result_with_a_fresh_hash_is_caught_by_the_recomputation(case):
    path, _, _ = case
    forged = {"total": 7.0, "count": 2}
    edit(path, lambda m: m["result"].update(payload=forged, sha256=mf.result_hash(forged)))
    report = verify(path)
    assert not any(d.startswith("recorded result does not match") for d in report.differences)
    assert report.differences[0].startswith("result differs from the re-computation")
    assert "result differs: total: 7.0 → 8.0" in report.differences


def test_edited_output_file_is_caught(case, tmp_path):
    path, _, _ = case
    (tmp_path / "result.txt").write_text("total 9\n")
    report = verify(path)
    [line] = report.differences
    assert line.startswith("output file changed: output ") and "result.txt" in line and "recorded" in line
    (tmp_path / "result.txt").unlink()
    assert verify(path).differences == [f"output file missing: output {tmp_path / 'result.txt'}"]


def test_verify_names_an_edited_input_and_the_numbers_that_changed(case):
    path, numbers, _ = case
    numbers.write_text("[1.5, 3.5]")
    report = verify(path)
    assert not report.identical
    assert report.differences[0].startswith("input file changed: numbers ") and "numbers.json" in report.differences[0]
    assert "result differs: total: 8.0 → 10.0" in report.differences
    assert not any("count" in d for d in report.differences)  # only what changed is listed


def test_verify_names_a_missing_input_and_changed_data(case):
    path, numbers, _ = case
    name = next(iter(json.loads(path.read_text())["data"]["files"]))

    def change(m):
        m["data"]["sha256"] = "0" * 64
        m["data"]["files"][name] = {"version": "1999.1.0", "sha256": "f" * 64}

    edit(path, change)
    numbers.unlink()
    report = verify(path)
    assert any(d.startswith("input file missing: numbers") for d in report.differences)
    assert any(d.startswith(f"data file changed: {name}: version 1999.1.0") for d in report.differences)
    assert report.differences[-1] == "not re-run: input file(s) not read (numbers)"


def test_inputs_outside_the_manifest_folder_are_not_read_unless_a_root_allows_them(tmp_path, monkeypatch):
    monkeypatch.setitem(mf.RUNNERS, "test sum", f"{__name__}:_sum_runner")
    numbers = tmp_path / "inputs" / "numbers.json"
    numbers.parent.mkdir()
    numbers.write_text("[1, 2]")
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "run.manifest.json"
    mf.write_manifest("test sum", {"scale": 1}, {"numbers": numbers}, {"total": 3, "count": 2}, path)
    report = verify(path)
    assert report.differences[0].startswith("input file outside the folders verify reads")
    assert report.differences[-1].startswith("not re-run")
    assert verify(path, roots=(tmp_path / "inputs",)).identical


def test_a_crafted_path_cannot_make_verify_read_outside(case, tmp_path):
    """'../' paths and symbolic links that leave the folder are refused before anything is read."""
    path, numbers, _ = case
    secret = tmp_path.parent / f"{tmp_path.name}-secret.json"
    secret.write_text("[100]")
    edit(path, lambda m: m["inputs"][0].update(path=os.path.relpath(secret, tmp_path)))
    assert verify(path).differences[0].startswith("input file outside the folders verify reads")
    link = tmp_path / "inputs" / "link.json"
    link.symlink_to(secret)
    edit(path, lambda m: m["inputs"][0].update(path="inputs/link.json"))
    assert verify(path).differences[0].startswith("input file outside the folders verify reads")
    for special in ("/dev/zero", "/etc/hostname"):
        edit(path, lambda m, s=special: m["inputs"][0].update(path=os.path.relpath(s, tmp_path)))
        assert verify(path).differences[0].startswith("input file outside")


def test_a_file_an_input_names_is_confined_during_the_rerun(tmp_path, monkeypatch):
    """A re-run that opens a file outside the folders (a spec's plant_file, say) is stopped; one
    inside the folder but not in the manifest is named as unchecked."""
    monkeypatch.setitem(mf.RUNNERS, "test read", f"{__name__}:_reading_runner")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("secret key")
    numbers = tmp_path / "numbers.json"
    numbers.write_text(json.dumps({"see": os.path.relpath(outside, tmp_path)}))
    path = tmp_path / "m.json"
    mf.write_manifest("test read", {}, {"numbers": numbers}, {"text": "secret key"}, path)
    report = verify(path)
    assert report.differences == [f"re-run refused to read {outside} (outside the folders verify reads; writes are "
                                  "never allowed)"]
    (tmp_path / "other.txt").write_text("inside")
    numbers.write_text(json.dumps({"see": "other.txt"}))
    mf.write_manifest("test read", {}, {"numbers": numbers}, {"text": "inside"}, path)
    assert verify(path).differences == [
        f"re-run read a file the manifest does not record (not checked): {tmp_path / 'other.txt'}"]


def test_verify_writes_nothing(case, tmp_path, monkeypatch):
    path, _, _ = case
    monkeypatch.setitem(mf.RUNNERS, "test write", f"{__name__}:_writing_runner")
    edit(path, lambda m: m.update(command="test write"))
    before = sorted(p.name for p in tmp_path.rglob("*"))
    report = verify(path)
    assert any(d.startswith("re-run refused to write") for d in report.differences)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize(("change", "field"), [
    (lambda m: m.update(format="x"), "format"),
    (lambda m: m.pop("result"), "result"),
    (lambda m: m.update(command="rm -rf"), "command"),
    (lambda m: m.update(inputs="x"), "inputs"),
    (lambda m: m.update(options=[1, 2]), "options"),
    (lambda m: m.update(data=None), "data"),
    (lambda m: m["inputs"][0].update(sha256="not hex"), "inputs[0].sha256"),
    (lambda m: m["inputs"].append(dict(m["inputs"][0])), "inputs"),
    (lambda m: m["inputs"][0].update(path="x" * 5000), "inputs[0].path"),
    (lambda m: m.update(options={"scale": {"deep": [1] * 3}}), "options"),
])
def test_hostile_manifests_are_one_error(case, change, field):
    path, _, _ = case
    edit(path, change)
    with pytest.raises(SpecError) as err:
        verify(path)
    assert err.value.field.startswith(field) and err.value.file == str(path)
    assert "\n" not in str(err.value)


def test_unreadable_manifests_are_one_error(tmp_path):
    cases = {"dup.json": '{"format": "carbonev-manifest/2", "format": "x"}',
             "nan.json": '{"format": "carbonev-manifest/2", "seed": NaN}',
             "list.json": "[1, 2]", "text.json": "not json", "bin.json": b"\xff\xfe"}
    for name, text in cases.items():
        p = tmp_path / name
        p.write_bytes(text if isinstance(text, bytes) else text.encode())
        with pytest.raises(SpecError) as err:
            schema.read(p)
        assert err.value.file == str(p) and "\n" not in str(err.value)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(SpecError, match="not a regular file"):  # never opened: a FIFO would block
        schema.read(fifo)
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(schema.MAX_BYTES + 1)
    with pytest.raises(SpecError, match="larger than"):
        schema.read(big)


def test_build_needs_existing_inputs_and_outputs(tmp_path):
    with pytest.raises(SpecError, match="input file not found"):
        mf.build_manifest("test sum", {}, {"numbers": tmp_path / "nope.json"}, {}, tmp_path / "m.json")
    (tmp_path / "in.json").write_text("[]")
    with pytest.raises(SpecError, match="output file not found"):
        mf.build_manifest("test sum", {}, {"numbers": tmp_path / "in.json"}, {}, tmp_path / "m.json",
                          outputs={"output": tmp_path / "none.txt"})


def test_format_1_manifests_still_verify_with_a_warning(case):
    path, _, _ = case
    edit(path, lambda m: (m.update(format="carbonev-manifest/1"), m.pop("outputs")))
    report = verify(path)
    assert report.identical and report.warnings[0].startswith("manifest format 1 records no output files")


def test_register_runner(monkeypatch):
    monkeypatch.setattr(mf, "RUNNERS", dict(mf.RUNNERS))
    mf.register_runner("footprint", "carbonev.somewhere:rerun")
    assert mf.RUNNERS["footprint"] == "carbonev.somewhere:rerun"
    assert {"battery declare", "export pact"} <= set(mf.RUNNERS)
