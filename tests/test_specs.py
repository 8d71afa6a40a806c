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


# --- physical bounds: impossible values are errors (issue 12) ---------------------------------------------

BEV_EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bev-midsize-nmc811.yaml"


@pytest.mark.parametrize(("override", "field", "fragment"), [
    ({"end_of_life.cff_quality_ratio": 50}, "end_of_life.cff_quality_ratio", "must be at most 1"),
    ({"end_of_life.cff_a": 1.5}, "end_of_life.cff_a", "must be at most 1"),
    ({"end_of_life.second_life_share": "-10 %"}, "end_of_life.second_life_share", "must be at least 0"),
    ({"energy.electricity": "1e300 kWh/100km"}, "energy.electricity", "must be at most 10 kWh/km"),
    ({"use.years": "1e300 year"}, "use.years", "must be at most 50 year"),
    ({"use.years": "0.5 year"}, "use.years", "must be at least 1 year"),
    ({"use.lifetime": "1 m"}, "use.lifetime", "must be at least 1000 km"),
    ({"use.lifetime": "1e9 km"}, "use.lifetime", "must be at most 5e+06 km"),
    ({"battery.mass": "0 kg"}, "battery.mass", "must be greater than 0 kg"),
    ({"battery.capacity": "1e-9 kWh"}, "battery.capacity", "must be at least 0.1 kWh"),
    ({"battery.capacity": "1e9 kWh"}, "battery.capacity", "must be at most 2000 kWh"),
    ({"mass.curb": "0 kg"}, "mass.curb", "must be greater than 0 kg"),
    ({"mass.curb": "1e6 t"}, "mass.curb", "must be at most 100000 kg"),
    ({"energy.charging_efficiency": 1.2}, "energy.charging_efficiency", "must be at most 1"),
    ({"energy.real_world_factor": 10}, "energy.real_world_factor", "must be at most 3"),
    ({"name": "x" * 500}, "name", "longer than 200 characters"),
])
def test_impossible_values_are_errors_naming_the_field(override, field, fragment):
    from carbonev.specs.overrides import apply

    with pytest.raises(SpecError) as err:
        apply(load_vehicle(BEV_EXAMPLE), override)
    assert str(err.value).startswith(f"--set: {field}: "), str(err.value)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_every_shipped_example_is_within_the_bounds():
    import glob

    from carbonev.io.inputs import read_mapping

    root = BEV_EXAMPLE.parent
    specs = [p for p in glob.glob(str(root / "**" / "*.yaml"), recursive=True)
             if "powertrain" in read_mapping(p)]
    assert len(specs) >= 20
    for path in specs:
        load_vehicle(path)


# --- plausibility: unusual values warn, one line each, and the run goes on --------------------------------

def test_an_unusual_pack_specific_energy_warns(recwarn):
    from carbonev.errors import PlausibilityWarning
    from carbonev.specs.overrides import apply

    spec = apply(load_vehicle(BEV_EXAMPLE), {"battery.mass": "100 kg"})  # 784 Wh/kg
    assert spec.battery.mass == 100.0
    [w] = [w for w in recwarn if issubclass(w.category, PlausibilityWarning)]
    assert str(w.message) == ("--set: battery.mass: pack specific energy 784 Wh/kg (capacity / mass) is outside the "
                              "usual 60–400 Wh/kg; check the capacity and the mass")


def test_a_light_drive_unit_warns_for_a_car_only(recwarn):
    from carbonev.errors import PlausibilityWarning
    from carbonev.specs.overrides import apply

    apply(load_vehicle(BEV_EXAMPLE), {"mass.electric_drive": "30 kg"})
    [w] = [w for w in recwarn if issubclass(w.category, PlausibilityWarning)]
    assert "mass.electric_drive: 30 kg is 1.6% of the curb mass, under the usual 3% of a car's" in str(w.message)
    recwarn.clear()
    bus = Path(__file__).resolve().parents[1] / "examples" / "bus-city-bev.yaml"
    load_vehicle(bus)  # 1.5 %: a bus's body is heavy, not checked
    assert not [w for w in recwarn if issubclass(w.category, PlausibilityWarning)]


def test_the_shipped_examples_give_no_warning(recwarn):
    import glob

    from carbonev.errors import PlausibilityWarning
    from carbonev.io.inputs import read_mapping

    for path in glob.glob(str(BEV_EXAMPLE.parent / "**" / "*.yaml"), recursive=True):
        if "powertrain" in read_mapping(path):
            load_vehicle(path)
    assert not [str(w.message) for w in recwarn if issubclass(w.category, PlausibilityWarning)]
