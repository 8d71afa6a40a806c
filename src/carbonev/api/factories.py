"""Factories and charging stations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carbonev.charging.results import StationResult
    from carbonev.factory.result import PlantResult
    from carbonev.workflows.factory import PlantAudit


def factory_footprint(
    plant: str | Path,
    *,
    method: str | None = None,
    store: str | Path | None = None,
) -> PlantResult:
    """A plant's scope 1/2/3 carbon account and the footprint per unit of each product it makes.

    Scope 1 is fuel and process emissions on site; scope 2 the purchased electricity and heat, both
    location-based (the grid factor) and market-based (certificates counted once, the residual mix for
    the rest); scope 3 the upstream of fuels and materials the plant file lists. Each product gets its
    share of each carrier under the allocation rule the plant file states::

        E_scope = Σ_sources activity · factor                  [kg CO2e]
        e_p     = Σ_carriers share_{p,c} · E_c / Q_p           [kg CO2e per unit of product p]

    Factors are priced by the same engine as the vehicle footprints (a plant's grid kWh and a vehicle's
    grid kWh are one price).

    Parameters
    ----------
    plant : path
        Plant file (``docs/factory-spec.md``).
    method, store
        Impact method (default IPCC AR6 GWP100) and Brightway store folder.

    Returns
    -------
    PlantResult
        ``account`` (rows per source, totals by scope, electricity balance, notes), ``allocation`` (per
        product shares and per-unit results), ``metrics``; ``.to_frame()`` per product [kg CO2e/unit].

    References
    ----------
    .. [1] WRI/WBCSD (2004, 2015), GHG Protocol Corporate Standard and Scope 2 Guidance.
    .. [2] ISO 14064-1:2018, Greenhouse gases — Part 1 (GB/T 32150 and GB/T 32151 for Chinese industry).

    Examples
    --------
    >>> import carbonev
    >>> plant = carbonev.factory_footprint("examples/factories/zj-vehicle-assembly-pass.yaml")
    >>> plant.to_frame()[["product", "scope12_market"]]   # doctest: +SKIP
    """
    from carbonev.factory.pipeline import evaluate_plant

    return evaluate_plant(plant, method=method, store=store)


def audit(
    plant: str | Path,
    criteria: str | Path,
    values: str | Path | None = None,
    *,
    method: str | None = None,
    store: str | Path | None = None,
) -> PlantAudit:
    """Audit a plant against a rule set: prerequisites, indicators, score, verdict, next-grade changes.

    Rule sets are data (``carbonev criteria``): GB/T 36132-2018/2025 green factory, the Zhejiang
    zero-carbon factory guideline, T/CECA-G 0171-2022, ISO 14068-1, Zhejiang's 碳效码 (DB33/T 1347-2023).
    Weights and thresholds a standard does not publish are auditor inputs in ``values``. An indicator
    scores its points times the fraction reached between baseline ``b`` and leading value ``l``::

        points_i = w_i · clip((v_i − b_i) / (l_i − b_i), 0, 1)       score = Σ_i points_i

    Parameters
    ----------
    plant : path
        Plant file.
    criteria : str or path
        Rule set: a shipped name or a file.
    values : path, optional
        Auditor values file (weights, thresholds, evidence statements).
    method, store
        Impact method and Brightway store folder.

    Returns
    -------
    PlantAudit
        ``audit`` (verdict, score, grade, prerequisites, indicators, changes that reach the next grade),
        ``plant`` (the account it was scored on), ``render(fmt, lang)``; ``.to_frame()`` per indicator.

    References
    ----------
    .. [1] GB/T 36132-2025, General principles for green factory evaluation.
    .. [2] ISO 14068-1:2023, Climate change management — Transition to net zero — Part 1: Carbon neutrality.

    Examples
    --------
    >>> import carbonev
    >>> a = carbonev.audit("examples/factories/zj-vehicle-assembly-pass.yaml", "gbt36132-2025",
    ...                    "examples/factories/auditor-values-demo.yaml")
    >>> a.verdict   # doctest: +SKIP
    """
    from carbonev.workflows.factory import audit as run

    return run(plant, criteria, values, method=method, store=store)


def station(
    station_file: str | Path,
    *,
    method: str | None = None,
    store: str | Path | None = None,
) -> StationResult:
    """Footprint per kWh delivered of a charging station or PV-storage-charging site, by hour and per year.

    Hour by hour of a year the site dispatches PV to the chargers and the storage, then storage, then
    the grid; the grid's hourly intensity is the annual factor times an estimated hourly shape (labelled
    an estimate), and stored PV carries its burden to the hour it is discharged::

        f_h = (grid_h · G · shape_h + pv_direct_h · f_pv + stored_h) / delivered_h + e_embodied   [kg CO2e/kWh]

    with ``G`` the annual grid factor, ``f_pv`` the PV factor and ``e_embodied`` the storage and charger
    manufacture per kWh delivered (``docs/charging.md``).

    Parameters
    ----------
    station_file : path
        Station spec (``docs/charging.md``).
    method, store
        Impact method and Brightway store folder.

    Returns
    -------
    StationResult
        ``annual`` [kg CO2e per kWh delivered], ``by_part`` (grid, pv, storage, chargers), ``by_hour``,
        ``hourly`` (8,760 rows), ``flows`` [kWh/yr], ``notes``; ``.to_frame()`` by hour of day.

    Examples
    --------
    >>> import carbonev
    >>> s = carbonev.station("examples/charging/zj-pv-storage-site.yaml")
    >>> s.annual * 1000   # g CO2e per kWh delivered   # doctest: +SKIP
    """
    from carbonev.workflows.charging import station as run

    return run(station_file, method, store)
