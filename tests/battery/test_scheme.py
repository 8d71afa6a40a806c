"""Functional-unit formulas by hand, scheme files as data, required inputs never guessed."""

from __future__ import annotations

import pytest
import yaml

from carbonev.errors import SpecError
from carbonev.rules.battery_scheme import (
    REQUIRED,
    Resolver,
    lifetime_energy,
    load_scheme,
    load_values,
    performance_class,
    required_inputs,
    shipped,
    slots,
)
from carbonev.specs.pack import load_pack

from .helpers import pack, values, write


def test_capacity_x_cycles_per_year_x_years_by_hand():
    energy, text = lifetime_energy("capacity_x_cycles_per_year_x_years", 75, cycles_per_year=60, years=8)
    assert energy == 36_000  # 75 kWh × 60 cycles/yr × 8 yr
    assert text == "75 kWh × 60 cycles/year × 8 years = 36,000 kWh"
    assert lifetime_energy("capacity_x_cycles_per_year_x_years", 10, cycles_per_year=20, years=5)[0] == 1_000


def test_capacity_x_cycles_by_hand():
    energy, text = lifetime_energy("capacity_x_cycles", 75, cycles=1500)
    assert energy == 112_500  # 75 kWh × 1500 full-equivalent cycles
    assert text == "75 kWh × 1500 cycles = 112,500 kWh"
    with pytest.raises(SpecError, match="unknown functional-unit formula"):
        lifetime_energy("capacity_x_days", 75, cycles=1)


def test_shipped_schemes_and_what_is_public():
    assert set(shipped()) == {"eu-2023-1542", "cn-miit-2025"}
    eu, _ = load_scheme("eu-2023-1542")
    fu = eu.functional_unit
    # draft delegated act (standards.md): M1/N1 60, L 20, M2/M3/N2/N3 250 full-equivalent cycles per year
    assert fu.cycles_per_year.by_vehicle_category == {"M1": 60, "N1": 60, "L": 20, "M2": 250, "M3": 250,
                                                      "N2": 250, "N3": 250}
    assert (fu.formula.value, fu.capacity_basis.value, fu.service_years.from_pack) == (
        "capacity_x_cycles_per_year_x_years", "usable", "warranty_years")
    assert [k for k, _ in required_inputs(eu)] == ["performance_class.thresholds"]
    assert [e.name for e in eu.excluded] == ["use stage"]
    miit, _ = load_scheme("cn-miit-2025")
    assert {k for k, _ in required_inputs(miit)} == {
        "functional_unit.capacity_basis", "electricity.contractual_instruments", "performance_class.thresholds"}
    # MIIT's explanation: four stages ÷ total energy over the pack's life; cited in the scheme file
    assert miit.functional_unit.formula.value == "capacity_x_cycles"
    assert miit.functional_unit.formula.source == "miit-551-explanation-2025"
    assert "551" in miit.sources["miit-551-2025"].citation and "答记者问" in miit.sources[
        "miit-551-explanation-2025"].citation
    assert [s.label.zh for s in miit.stages] == ["材料获取", "电池制造", "分销运输", "回收利用"]
    assert miit.submission.min_packs.value == 5
    for scheme in (eu, miit):
        assert [s.id for s in scheme.stages] == ["RawMaterialExtraction", "MainProduction", "Distribution",
                                                 "Recycling"]
        # a value that is not public carries no source: it can never pass for an official number
        for _, slot in required_inputs(scheme):
            assert slot.source is None and slot.value == REQUIRED


def test_eu_cycles_follow_the_vehicle_category(tmp_path):
    eu, eu_file = load_scheme("eu-2023-1542")
    for category, expected in (("M1", 60), ("L", 20), ("N3", 250)):
        p = pack(tmp_path, vehicle_category=category)
        res = Resolver(eu, eu_file, load_pack(p), str(p))
        assert res.number("functional_unit.cycles_per_year") == expected
        assert res.used["functional_unit.cycles_per_year"]["source"] == "eu-draft-da-2024"
    p = pack(tmp_path, vehicle_category=None)
    with pytest.raises(SpecError) as err:
        Resolver(eu, eu_file, load_pack(p), str(p)).get("functional_unit.cycles_per_year")
    assert err.value.file == str(p) and err.value.field == "vehicle_category"


def test_missing_required_input_names_the_scheme_file_and_key(tmp_path):
    miit, miit_file = load_scheme("cn-miit-2025")
    p = pack(tmp_path)
    with pytest.raises(SpecError) as err:
        Resolver(miit, miit_file, load_pack(p), str(p)).get("functional_unit.capacity_basis")
    assert err.value.field == "functional_unit.capacity_basis" and err.value.file == str(miit_file)
    assert "required input not supplied" in str(err.value)
    # an optional one (performance classes) is reported as not determined, not guessed
    assert Resolver(miit, miit_file, load_pack(p), str(p)).get("performance_class.thresholds") is None


def test_supplied_values_are_checked_and_labelled(tmp_path):
    miit, miit_file = load_scheme("cn-miit-2025")
    p = pack(tmp_path)
    good = values(tmp_path, "cn-miit-2025", {"functional_unit.capacity_basis": "usable"})
    res = Resolver(miit, miit_file, load_pack(p), str(p), load_values(good), str(good))
    assert res.get("functional_unit.capacity_basis") == "usable"
    assert res.used["functional_unit.capacity_basis"]["origin"].startswith("required input supplied by test")
    bad = values(tmp_path, "cn-miit-2025", {"functional_unit.capacity_basis": "SECRET-TOKEN-x9"}, "bad.yaml")
    with pytest.raises(SpecError) as err:
        Resolver(miit, miit_file, load_pack(p), str(p), load_values(bad), str(bad)).get(
            "functional_unit.capacity_basis")
    assert err.value.field == "schemes.cn-miit-2025.functional_unit.capacity_basis" and err.value.file == str(bad)
    assert "SECRET" not in str(err.value)  # a values file's value is never echoed
    fixed = values(tmp_path, "eu-2023-1542", {"functional_unit.capacity_basis": "nominal"}, "fixed.yaml")
    eu, eu_file = load_scheme("eu-2023-1542")
    with pytest.raises(SpecError, match="not a required input"):
        Resolver(eu, eu_file, load_pack(p), str(p), load_values(fixed), str(fixed))


def test_from_pack_values_name_the_pack_field(tmp_path):
    miit, miit_file = load_scheme("cn-miit-2025")
    p = pack(tmp_path, cycles={})
    with pytest.raises(SpecError) as err:
        Resolver(miit, miit_file, load_pack(p), str(p)).number("functional_unit.cycles")
    assert (err.value.file, err.value.field) == (str(p), "cycles.total")


def test_performance_class_is_the_first_bound_not_exceeded():
    bounds = {"B": 0.15, "A": 0.10, "C": 0.20}
    assert performance_class(0.05, bounds) == "A"
    assert performance_class(0.10, bounds) == "A"
    assert performance_class(0.1793, bounds) == "C"
    assert performance_class(0.25, bounds) is None


def test_a_scheme_file_must_map_every_carbonev_stage_once(tmp_path):
    eu, eu_file = load_scheme("eu-2023-1542")
    data = yaml.safe_load(eu_file.read_text(encoding="utf-8"))
    data["stages"][1]["includes"] = ["raw_materials"]  # production unmapped, raw materials twice
    path = write(tmp_path, data, "scheme.yaml")
    with pytest.raises(SpecError) as err:
        load_scheme(path)
    assert err.value.file == str(path) and "mapped exactly once" in str(err.value)
    data = yaml.safe_load(eu_file.read_text(encoding="utf-8"))
    data["functional_unit"]["formula"] = {"value": 36000.0}  # a number where a sourced formula is expected
    with pytest.raises(SpecError, match="source"):
        load_scheme(write(tmp_path, data, "scheme2.yaml"))
    assert set(slots(eu)) >= {"functional_unit.formula", "electricity.contractual_instruments"}
