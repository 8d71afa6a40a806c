"""The input gate (carbonev.io.inputs): every file read is a regular file within the size cap and the
read deadline; duplicate keys, endless strings, alias bombs and non-finite numbers are refused; every
error of a file is reported at once, one line each, naming file and key path (issue 12)."""

from __future__ import annotations

import json
import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from carbonev.errors import PREVIEW_CHARS, SpecError, SpecErrors
from carbonev.io.inputs import MAX_STRING, read_mapping, read_text, sha256_file, tracking
from carbonev.specs.load import load_vehicle
from cli_runner import invoke

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BEV = EXAMPLES / "bev-midsize-nmc811.yaml"
PLANT = EXAMPLES / "factories" / "zj-vehicle-assembly-pass.yaml"
PACK = EXAMPLES / "battery" / "pack-nmc811-zj.yaml"


@contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) if the block takes longer than ``seconds``."""
    def alarm(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _spec(tmp_path: Path, edit, name: str = "spec.yaml") -> Path:
    data = yaml.safe_load(BEV.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def _one_line_each(res) -> list[str]:
    lines = res.stderr.strip().splitlines()
    assert lines and all(line.startswith(("error: ", "warning: ")) for line in lines), res.stderr
    assert "Traceback" not in res.output and "Traceback" not in res.stderr
    return [line for line in lines if line.startswith("error: ")]


# --- special files: FIFOs and /dev/zero never hang or grow ----------------------------------------------

@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_pipe_or_a_device_is_refused_before_a_byte_is_read(special, fifo):
    path = fifo if special == "fifo" else Path(special)
    with deadline(10), pytest.raises(SpecError) as err:
        read_mapping(path)
    assert "expected a regular file" in str(err.value)
    assert str(err.value).startswith(str(path))


def _cases(session_store, tmp_path, bad: Path) -> dict[str, list[str]]:
    """Every field and option that names a file, pointed at ``bad``."""
    def spec_with(edit):
        return str(_spec(tmp_path, edit, f"s{len(os.listdir(tmp_path))}.yaml"))

    return {
        "manufacturing.plant_file": ["validate", spec_with(
            lambda d: d["manufacturing"].update(plant_file=str(bad), plant_product="x"))],
        "battery.plant_file": ["validate", spec_with(
            lambda d: d["battery"].update(plant_file=str(bad), plant_product="x"))],
        "supplied[].footprint": ["validate", spec_with(
            lambda d: d.update(supplied=[{"replaces": "battery", "footprint": str(bad)}]))],
        "--values": ["factory", "audit", str(PLANT), "--criteria", "gbt36132-2025", "--values", str(bad)],
        "--scenario": ["footprint", str(BEV), "--scenario", str(bad)],
        "--grid": ["sweep", str(BEV), "--grid", str(bad)],
        "--rules": ["rate", str(BEV), "--rules", str(bad)],
        "--info": ["export", "pact", str(PACK), "--info", str(bad)],
        "spec argument": ["footprint", str(bad)],
    }


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_every_file_field_and_option_refuses_pipes_and_devices(special, fifo, session_store, tmp_path):
    bad = fifo if special == "fifo" else Path(special)
    work = tmp_path / "w"
    work.mkdir()
    for where, args in _cases(session_store, work, bad).items():
        started = time.monotonic()
        with deadline(60):
            res = invoke(session_store, *args)
        assert res.exit_code == 2, (where, res.output)
        errors = _one_line_each(res)
        assert any(str(bad) in line and ("regular file" in line) for line in errors), (where, errors)
        assert time.monotonic() - started < 30, where


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(SpecError, match="is a folder, expected a file"):
        read_mapping(tmp_path)


# --- size, strings, values ------------------------------------------------------------------------------

def test_a_file_over_the_size_cap_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as f:  # a sparse 47 MB file: nothing to read, only the size counts
        f.truncate(47 * 2**20)
    started = time.monotonic()
    with pytest.raises(SpecError, match=r"47\.0 MiB is larger than the input limit of 20\.0 MiB"):
        read_mapping(path)
    assert time.monotonic() - started < 1.0
    monkeypatch.setenv("CARBONEV_MAX_INPUT_MB", "0.001")  # configurable
    small = tmp_path / "small.yaml"
    small.write_text("name: " + "x" * 2000 + "\n")
    with pytest.raises(SpecError, match="larger than the input limit of 1,048 bytes"):
        read_mapping(small)


def test_the_read_deadline_is_configurable_and_enforced(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n" * 600_000)  # ~3 MB: three chunks
    monkeypatch.setenv("CARBONEV_READ_TIMEOUT", "1e-9")
    with pytest.raises(SpecError, match="reading took longer than 1e-09 s"):
        read_text(path)


def test_a_fifty_megabyte_name_is_refused_fast_and_small(tmp_path):
    import resource

    path = tmp_path / "huge-name.yaml"
    text = BEV.read_text(encoding="utf-8")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("name: ", "name: " + "A" * (50 * 2**20), 1))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(SpecError, match="larger than the input limit"):
        load_vehicle(path)
    assert time.monotonic() - started < 2.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: no 2 GB
    # under the size cap, a string longer than the cap on strings is refused by key path
    path.write_text(text.replace("name: ", "name: " + "A" * (MAX_STRING + 1), 1), encoding="utf-8")
    with pytest.raises(SpecError) as err:
        load_vehicle(path)
    assert str(err.value).startswith(f"{path}: name: text longer than 20,000 characters (20,0")


def test_millions_of_tiny_values_are_refused_before_parsing(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("values: [" + ",".join(["1"] * 500_000) + "]\n")
    started = time.monotonic()
    with pytest.raises(SpecError, match="too many values"):
        read_mapping(path)
    assert time.monotonic() - started < 2.0


def test_an_alias_bomb_is_refused(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SpecError, match="values \\(aliases expanded\\)"):
        read_mapping(path)


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 200 + "]" * 200 + "\n")
    with pytest.raises(SpecError, match="nested deeper than 64 levels"):
        read_mapping(path)
    deep = tmp_path / "deep.json"
    deep.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(SpecError):
        read_mapping(deep)


@pytest.mark.parametrize(("text", "suffix", "fragment"), [
    ("a: .inf\n", ".yaml", "a: not a finite number"),
    ("a: [1, .nan]\n", ".yaml", "a[1]: not a finite number"),
    ('{"a": NaN}', ".json", "NaN is not valid JSON"),
    ('{"a": -Infinity}', ".json", "-Infinity is not valid JSON"),
    ("a: 1" + "0" * 40 + "\n", ".yaml", "a: number out of range"),
    ("a: 1.0e+300\n", ".yaml", "a: number out of range"),
    ("a: 1.0e-320\n", ".yaml", "a: number too small"),
    ("a: 1" + "0" * 5000 + "\n", ".yaml", "unreadable value"),
])
def test_non_finite_and_overflowing_numbers_are_refused(tmp_path, text, suffix, fragment):
    path = tmp_path / f"v{suffix}"
    path.write_text(text)
    with pytest.raises(SpecError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        read_mapping(path)


# --- duplicate keys -------------------------------------------------------------------------------------

def test_duplicate_yaml_keys_are_errors_not_last_one_wins(tmp_path, session_store):
    text = BEV.read_text(encoding="utf-8")
    assert "  curb: 1823 kg" in text
    path = tmp_path / "dup.yaml"
    path.write_text(text.replace("  curb: 1823 kg", "  curb: 1823 kg\n  curb: 2400 kg", 1), encoding="utf-8")
    res = invoke(session_store, "validate", str(path))
    assert res.exit_code == 2
    [line] = _one_line_each(res)
    assert line.startswith(f"error: {path}: mass.curb: key appears twice (lines ")


def test_duplicate_json_keys_are_errors(tmp_path):
    path = tmp_path / "d.json"
    path.write_text('{"a": 1, "b": {"c": 1, "c": 2}}')
    with pytest.raises(SpecError, match="key 'c' appears twice in one object"):
        read_mapping(path)


def test_every_duplicate_is_listed(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    with pytest.raises(SpecErrors) as err:
        read_mapping(path)
    assert [e.field for e in err.value.errors] == ["a", "b.c"]


def test_merge_keys_are_not_duplicates(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    assert read_mapping(path)["other"] == {"x": 1, "y": 3}


# --- all validation errors at once ----------------------------------------------------------------------

def test_five_mistakes_are_five_lines_in_one_run(tmp_path, session_store):
    def five(d):
        d["mass"]["curb"] = "-5 kg"
        d["battery"]["capacity"] = "1e9 kWh"
        d["use"]["years"] = "0 year"
        d["energy"]["electricity"] = "15 kg"
        d["colour"] = "red"

    path = _spec(tmp_path, five)
    res = invoke(session_store, "validate", str(path))
    assert res.exit_code == 2
    errors = _one_line_each(res)
    fields = [line.split(": ")[2] for line in errors]
    assert sorted(fields) == sorted(["mass.curb", "battery.capacity", "use.years", "energy.electricity", "colour"])
    assert all(line.startswith(f"error: {path}: ") for line in errors)


def test_validate_reports_every_file(tmp_path, session_store):
    bad1 = _spec(tmp_path, lambda d: d["mass"].update(curb="-5 kg"), "b1.yaml")
    bad2 = _spec(tmp_path, lambda d: d.update(powertrain="steam"), "b2.yaml")
    res = invoke(session_store, "validate", str(bad1), str(BEV), str(bad2))
    assert res.exit_code == 2
    assert f"ok: {BEV}" in res.stdout
    errors = _one_line_each(res)
    assert [line.split(": ")[1] for line in errors] == [str(bad1), str(bad2)]


# --- error text quotes structure, not secrets -----------------------------------------------------------

def test_an_offending_value_is_quoted_by_a_short_prefix_only(tmp_path, session_store):
    token = "ghp_" + "S3cr3tT0k3n" * 8  # 92 characters
    path = _spec(tmp_path, lambda d: d.update(powertrain=token))
    res = invoke(session_store, "validate", str(path))
    assert res.exit_code == 2
    [line] = _one_line_each(res)
    assert token not in line and token[:PREVIEW_CHARS] in line and token[:PREVIEW_CHARS + 1] not in line
    assert "powertrain" in line


def test_control_characters_are_not_echoed(tmp_path, session_store):
    path = _spec(tmp_path, lambda d: d["battery"].update(chemistry="NMC\x1b[31m811"))
    res = invoke(session_store, "validate", str(path))
    assert res.exit_code == 2
    assert "\x1b" not in res.stderr


def test_a_secret_in_a_yaml_syntax_error_is_not_echoed(tmp_path):
    token = "tok_" + "Z" * 60
    path = tmp_path / "s.yaml"
    path.write_text(f"format: {token}\n  bad: [indent\n")
    with pytest.raises(SpecError) as err:
        read_mapping(path)
    assert token not in str(err.value) and "\n" not in str(err.value)


# --- the gate's bookkeeping -----------------------------------------------------------------------------

def test_sha256_goes_through_the_gate(fifo):
    with deadline(5), pytest.raises(SpecError, match="pipe"):
        sha256_file(fifo)


def test_tracking_records_each_file_read(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n")
    with tracking() as seen:
        read_mapping(path)
    st = os.stat(path)
    assert seen == {(st.st_dev, st.st_ino)}


def test_json_spec_reads_like_yaml(tmp_path):
    data = yaml.safe_load(BEV.read_text(encoding="utf-8"))
    path = tmp_path / "bev.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_vehicle(path) == load_vehicle(BEV)
