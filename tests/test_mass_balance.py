"""Mass balance of every shipped bill of materials (issue 3).

Component activities are per kg of component; their material inputs are in kg per kg and
include manufacturing (new) scrap: input = content / (1 - scrap rate), the scrap leaving
burden-free. Rates are those of Modaresi et al. (2014, Environ. Sci. Technol. 48:10776, as
read in the Milovanoff et al. 2019 repository): steel 0.27, wrought aluminium 0.22, cast
aluminium and cast iron 0.03; none for other materials.

Each BOM states its content in a tag at the end of its activity comment (convention in the
headers of inventories/components.yaml, components-ev.yaml and battery-packs.yaml):

    [mass balance; not modelled X kg/kg; content CODE C scrap R + C scrap R, CODE C, ...]
    [mass balance; not modelled X kg/kg; all inputs are content, no scrap]

Tolerances:
* each material input must equal its stated content / (1 - rate) within 1 % (rounding of
  the published shares), so the tag cannot drift from the numbers;
* content + not modelled must equal 1 kg per kg of component within 1 % (0.01 kg/kg).

Energy and transport inputs (supplier not per kg), part forming (``forming-*`` activities of
part-manufacturing.yaml: per kg of content, a process, not a material) and emissions are not
materials and are left out.
"""

from __future__ import annotations

import re

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.units import same_dimension

PREFIXES = ("glider-", "electric-drive", "combustion-powertrain", "tyre", "battery-12v", "motor-", "inverter-",
            "onboard-charger", "dc-dc-converter", "power-electronics", "fuel-cell-stack", "hydrogen-tank",
            "battery-pack-bom-")
BALANCE_TOLERANCE = 0.01  # kg/kg
INPUT_TOLERANCE = 0.01  # relative
MODARESI_2014_RATES = {0.0, 0.03, 0.22, 0.27}
FORMING = "forming-"  # part-forming processes per kg of content (part-manufacturing.yaml), not materials

NUMBER = r"[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?"
TAG = re.compile(rf"\[mass balance; not modelled ({NUMBER}) kg/kg; "
                 r"(all inputs are content, no scrap|content (?P<content>[^\]]+))\]")
PART = re.compile(rf"^({NUMBER})(?: scrap ({NUMBER}))?$")

CAT = shipped_catalog()
BOMS = sorted(code for code in CAT.activities if code.startswith(PREFIXES))


def _materials(code: str) -> dict[str, float]:
    """Material inputs of ``code`` [kg per kg], summed per supplier."""
    act = CAT.activities[code]
    out: dict[str, float] = {}
    for j, exc in enumerate(act.exchanges):
        if exc.input is not None and not exc.input.startswith(FORMING) and \
                same_dimension(CAT.activities[exc.input].unit, "kg"):
            out[exc.input] = out.get(exc.input, 0.0) + CAT.exchange_factor(act, j)
    return out


def parse_tag(comment: str | None) -> tuple[float, dict[str, list[tuple[float, float]]] | None]:
    """(not-modelled share [kg/kg], {supplier: [(content, scrap rate)]} or None if no scrap)."""
    match = TAG.search(" ".join((comment or "").split()))
    if match is None:
        raise AssertionError("no '[mass balance; ...]' tag at the end of the activity comment")
    if match.group("content") is None:
        return float(match.group(1)), None
    content: dict[str, list[tuple[float, float]]] = {}
    for entry in match.group("content").split(","):
        supplier, _, parts = entry.strip().partition(" ")
        for part in parts.split("+"):
            m = PART.match(part.strip())
            assert m, f"cannot read {part!r} in the mass-balance tag"
            content.setdefault(supplier, []).append((float(m.group(1)), float(m.group(2) or 0.0)))
    return float(match.group(1)), content


def test_every_component_family_has_a_bom():
    for prefix in PREFIXES:
        assert any(code.startswith(prefix) for code in BOMS), prefix
    assert len(BOMS) >= 22


@pytest.mark.parametrize("code", BOMS)
def test_bom_adds_up_to_one_kg(code):
    not_modelled, content = parse_tag(CAT.activities[code].comment)
    materials = _materials(code)
    assert materials, "a BOM needs material inputs"
    if content is None:
        total = sum(materials.values())
    else:
        assert set(content) == set(materials), "the tag must list exactly the material inputs"
        total = 0.0
        for supplier, parts in content.items():
            for _, rate in parts:
                assert rate in MODARESI_2014_RATES, f"{supplier}: scrap rate {rate} is not a Modaresi 2014 rate"
            expected = sum(c / (1.0 - r) for c, r in parts)
            assert materials[supplier] == pytest.approx(expected, rel=INPUT_TOLERANCE), supplier
            total += sum(c for c, _ in parts)
    assert 0.0 <= not_modelled < 0.5
    assert total + not_modelled == pytest.approx(1.0, abs=BALANCE_TOLERANCE)


def test_scrap_is_what_makes_inputs_exceed_one_kg():
    """The steel glider's inputs (1.25 kg/kg) exceed its mass only by scrap: without the tag's
    rates the balance would fail, so the check above is not vacuous."""
    materials = _materials("glider-steel")
    assert sum(materials.values()) > 1.0 + 10 * BALANCE_TOLERANCE
    not_modelled, content = parse_tag(CAT.activities["glider-steel"].comment)
    assert content is not None and max(r for parts in content.values() for _, r in parts) == 0.27
    assert sum(c for parts in content.values() for c, _ in parts) + not_modelled == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize("comment", [
    None,
    "no tag here",
    "[mass balance; not modelled 0 kg/kg; content steel-automotive-cn 0.5 scrap]",
])
def test_missing_or_malformed_tag_fails(comment):
    with pytest.raises(AssertionError):
        parse_tag(comment)


def test_tag_parsing_reads_mixed_scrap_rates():
    nm, content = parse_tag("x. [mass balance; not modelled 0.02 kg/kg; content\n"
                            "  aluminium-automotive-cn 0.1 scrap 0.22 + 0.2 scrap 0.03,\n  copper-cn 0.68]")
    assert nm == 0.02
    assert content == {"aluminium-automotive-cn": [(0.1, 0.22), (0.2, 0.03)], "copper-cn": [(0.68, 0.0)]}
