"""Vehicle-spec validation: every bad input names the file and the key path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from carbonev.errors import SpecError
from carbonev.specs.load import load_vehicle
from carbonev.specs.vehicle import Chemistry, Powertrain

GOOD = Path(__file__).parent / "data" / "specs" / "bev-minimal.yaml"


def write_variant(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(GOOD.read_text())
    edit(data)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_good_spec_parses_units_to_canonical_floats():
    spec = load_vehicle(GOOD)
    assert spec.powertrain is Powertrain.BEV
    assert spec.battery.chemistry is Chemistry.NMC811
    assert spec.energy.electricity == pytest.approx(0.15)  # kWh/km
    assert spec.mass.curb == 1800.0
    assert spec.use.region == "cn-zj"


def test_units_may_be_any_of_the_right_dimension(tmp_path):
    path = write_variant(tmp_path, lambda d: d["mass"].update(curb="1.8 t"))
    assert load_vehicle(path).mass.curb == pytest.approx(1800.0)


def test_region_accepts_chinese_and_codes(tmp_path):
    path = write_variant(tmp_path, lambda d: d["use"].update(region="浙江"))
    assert load_vehicle(path).use.region == "cn-zj"


@pytest.mark.parametrize(
    ("edit", "field", "fragment"),
    [
        (lambda d: d["mass"].update(curb="-5 kg"), "mass.curb", "at least"),
        (lambda d: d["energy"].update(electricity="15 kg"), "energy.electricity", "wrong dimension"),
        (lambda d: d["battery"].update(chemistry="NMC999"), "battery.chemistry", "unknown chemistry"),
        (lambda d: d["use"].update(region="Atlantis"), "use.region", "unknown region"),
        (lambda d: d.update(powertrain="steam"), "powertrain", "unknown powertrain"),
        (lambda d: d["battery"].update(capacity=75), "battery.capacity", "needs a unit"),
        (lambda d: d.update(colour="red"), "colour", "unknown key"),
        (lambda d: d.pop("mass"), "mass", "required key is missing"),
    ],
)
def test_bad_values_name_file_and_field(tmp_path, edit, field, fragment):
    path = write_variant(tmp_path, edit)
    with pytest.raises(SpecError) as err:
        load_vehicle(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {field}: ")
    assert fragment in message
    assert "\n" not in message


def test_bev_without_battery_is_rejected(tmp_path):
    path = write_variant(tmp_path, lambda d: d.pop("battery"))
    with pytest.raises(SpecError, match="battery: required for a BEV"):
        load_vehicle(path)


def test_missing_file(tmp_path):
    with pytest.raises(SpecError, match="nope.yaml: file not found"):
        load_vehicle(tmp_path / "nope.yaml")


def test_malformed_yaml_names_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nmass: [1, 2\n")
    with pytest.raises(SpecError, match=r"bad.yaml: malformed YAML at line \d+"):
        load_vehicle(path)


def test_spec_error_is_a_value_error(tmp_path):
    with pytest.raises(ValueError):
        load_vehicle(tmp_path / "nope.yaml")


def test_overrides_keep_every_other_quantity_exactly():
    """--set, scenarios, sweeps and Monte Carlo re-validate the spec from its JSON form: every
    quantity must survive that round trip to the last bit (0.1234567891 stayed 0.123457 once)."""
    import yaml

    from carbonev.specs.overrides import apply
    from carbonev.specs.vehicle import VehicleSpec

    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "examples" / "bev-midsize-nmc811.yaml").read_text())
    data["battery"]["capacity"] = "78.1234567891 kWh"
    data["energy"]["electricity"] = "0.1234567891 kWh/km"
    spec = VehicleSpec.model_validate(data)
    varied = apply(spec, {"use.first_year": 2030})
    assert varied.battery.capacity == spec.battery.capacity == 78.1234567891
    assert varied.energy.electricity == spec.energy.electricity == 0.1234567891
    assert VehicleSpec.model_validate_json(spec.model_dump_json()) == spec
