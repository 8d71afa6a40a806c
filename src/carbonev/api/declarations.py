"""Declarations, reports, ratings and PACT exchange."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carbonev.battery.declare import Declaration
    from carbonev.specs.pact_file import SupplierFootprint
    from carbonev.workflows.battery import Declarations
    from carbonev.workflows.exchange import PactExport
    from carbonev.workflows.hydrogen import HydrogenClasses
    from carbonev.workflows.rating import RatedFootprint
    from carbonev.workflows.report import StudyReport


def declare_battery(
    pack: str | Path,
    scheme: str | Path,
    *,
    plant: str | Path | None = None,
    product: str | None = None,
    values: str | Path | None = None,
    method: str | None = None,
    store: str | Path | None = None,
) -> Declaration:
    """The carbon-footprint declaration of a traction-battery pack under a declaration scheme.

    The declared footprint is per kWh of the energy the pack delivers over its service life (the
    functional unit of the EU Battery Regulation's draft calculation rules), by life-cycle stage::

        E_life = C · N            or   C · n · Y          [kWh]   (the scheme's formula)
        CF     = Σ_stages F_s / E_life                       [kg CO2e/kWh]

    with ``C`` the pack energy [kWh], ``N`` full-equivalent cycles, ``n`` cycles a year and ``Y`` years.

    Values a scheme leaves to a delegated act or an unpublished rule are required inputs supplied in a
    values file, never guessed.

    Parameters
    ----------
    pack : path
        Pack file (``carbonev-battery-pack/1``, ``docs/battery-declaration.md``).
    scheme : str or path
        Scheme name (``carbonev battery schemes``: ``eu-2023-1542``, ``cn-miit-2025``) or a scheme file.
    plant : path, optional
        Plant file whose per-kWh energy replaces the generic cell and pack making data.
    product : str, optional
        Product id in ``plant`` (per kWh).
    values : path, optional
        Values file supplying the scheme's required inputs.
    method, store
        Impact method (default IPCC AR6 GWP100) and Brightway store folder.

    Returns
    -------
    Declaration
        ``per_kwh`` [kg CO2e/kWh], ``total`` [kg CO2e per pack], ``energy`` [kWh], ``stages`` (kg, per_kwh,
        share), ``performance_class``, ``assumptions``, ``inputs``; ``.to_frame()`` per stage.

    References
    ----------
    .. [1] Regulation (EU) 2023/1542 concerning batteries and waste batteries, Article 7 and Annex II.
    .. [2] MIIT (2025), notice on the carbon-footprint accounting of traction batteries (trial), as
       described in ``docs/battery-declaration.md``.

    Examples
    --------
    >>> import carbonev
    >>> d = carbonev.declare_battery("examples/battery/pack-nmc811-zj.yaml", "eu-2023-1542",
    ...                              values="examples/battery/battery-values-demo.yaml")
    >>> d.to_frame()[["stage", "per_kwh"]]   # doctest: +SKIP
    """
    from carbonev.battery.declare import declare

    return declare(pack, scheme, plant=plant, product=product, values=values, store=store, method=method)


def declare_batteries(
    packs: Sequence[str | Path],
    scheme: str | Path,
    *,
    values: str | Path | None = None,
    method: str | None = None,
    store: str | Path | None = None,
) -> Declarations:
    """Declarations of several packs under one scheme (a pack maker's batch, e.g. MIIT's trial phase).

    Every pack file is read and checked before any is computed; each pack's own ``plant_file`` applies.

    Parameters
    ----------
    packs : sequence of paths
        Pack files; their ``name`` fields must differ.
    scheme, values, method, store
        As in :func:`declare_battery`.

    Returns
    -------
    Declarations
        A list of :class:`~carbonev.battery.declare.Declaration` in the order given; ``.to_frame()`` per
        pack and stage.
    """
    from carbonev.workflows.battery import declare_many

    return declare_many(packs, scheme, values, store, method)


def report(
    spec: str | Path,
    *,
    lang: str = "en",
    method: str | None = None,
    store: str | Path | None = None,
    iterations: int | None = None,
    sensitivity: int = 200,
    info: str | Path | None = None,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> StudyReport:
    """A carbon-footprint study report of a vehicle or a battery pack (ISO 14067:2018 §7, GB/T 24067-2024).

    The report holds the study information, goal and scope, functional unit and reference flow, system
    boundary and cut-off, GHGs and their factors, data sources with a pedigree score per value,
    allocation, results by stage and gas (fossil and biogenic), the sensitivity tornado and alternative
    scenarios, the Monte Carlo section if asked for, interpretation, limitations and provenance.

    Parameters
    ----------
    spec : path
        Vehicle spec or battery-pack file.
    lang : {"en", "zh"}
        Language of the labels and text.
    method, store
        Impact method (default IPCC AR6 GWP100) and Brightway store folder.
    iterations : int, optional
        Add a Monte Carlo section with this many iterations (vehicle specs only).
    sensitivity : int, default 200
        Iterations behind the tornado (0: no tornado).
    info : path, optional
        Study information file (``carbonev-study-info/1``): commissioner, practitioner, dates, goal,
        critical review.
    seed : int, default 0
        Random seed of the Monte Carlo and sensitivity runs.
    progress : callable, optional
        Called with a short text at each step.

    Returns
    -------
    StudyReport
        ``data`` (the JSON-ready report), ``render("html" | "md" | "json")``; ``.to_frame()`` the results
        by stage [kg CO2e].

    References
    ----------
    .. [1] ISO 14067:2018, §7 (carbon footprint study report); GB/T 24067-2024, its Chinese adoption.

    Examples
    --------
    >>> from carbonev import api
    >>> rep = api.report("examples/bev-midsize-nmc811.yaml", lang="zh", sensitivity=0)
    >>> html = rep.render("html")
    """
    from carbonev.workflows.report import study_report

    return study_report(spec, lang=lang, method=method, store=store, iterations=iterations,
                        sensitivity=sensitivity, info=info, seed=seed, progress=progress)


def rate(
    spec: str | Path,
    rules: str | Path,
    values: str | Path | None = None,
    *,
    store: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> RatedFootprint:
    """Grade a vehicle's footprint against a rating rule set (评级).

    The rule set names the metric (e.g. g CO2e/km), the classes, the grades and the functional-unit
    parameters it fixes (lifetime, years, grid basis); thresholds that are not public are inputs the
    rule set's owner supplies in ``values``, never invented. A value at a bound earns the better grade.

    Parameters
    ----------
    spec : path
        Vehicle spec file.
    rules : str or path
        Rating rule set: a shipped name (``methods/rating-*.yaml``) or a file.
    values : path, optional
        Values file supplying the rule set's thresholds.
    store : path, optional
        Brightway store folder.
    progress : callable, optional
        Called with a short text at each step.

    Returns
    -------
    RatedFootprint
        ``rating`` (class, metric value [the rule set's unit], grade, next grade and the gap to it,
        thresholds), ``lifetime_km`` [km], ``method``; ``.to_frame()`` the thresholds.

    Examples
    --------
    >>> import carbonev
    >>> r = carbonev.rate("examples/bev-midsize-nmc811.yaml", "vehicle-template",
    ...                   "examples/rating/demo-thresholds.yaml")
    >>> r.grade   # doctest: +SKIP
    """
    from carbonev.workflows.rating import rate as run

    return run(spec, rules, values, store=store, progress=progress)


def export_pact(
    path: str | Path,
    info: str | Path,
    *,
    version: str = "3.0",
    part: str | None = None,
    plant: str | Path | None = None,
    product: str | None = None,
    created: str | None = None,
    catena_x: bool = False,
    method: str | None = None,
    store: str | Path | None = None,
) -> PactExport:
    """A part's cradle-to-gate footprint as a PACT ProductFootprint (v2.3 or v3.0).

    The document is validated against the official PACT JSON schema before it is returned. Its id is
    derived from its content, so the same inputs give the same document.

    Parameters
    ----------
    path : path
        A pack file or a vehicle spec.
    info : path
        Data-owner statements (``carbonev-pact-info/1``): company, product ids, carbon content,
        exemptions, standards.
    version : {"3.0", "2.3"}
        PACT data-model version.
    part : {"battery", "vehicle-cradle-to-gate", "vehicle-cradle-to-grave"}, optional
        For a vehicle spec: which part (default: the vehicle at the gate).
    plant, product : optional
        For a pack file: plant file with the pack's own energy data and the product id in it.
    created : str, optional
        Creation date-time (ISO 8601); default now (UTC).
    catena_x : bool, default False
        Add the Catena-X ``partialFullPcf`` extension (allows cradle-to-grave).
    method, store
        Impact method (an IPCC GWP100) and Brightway store folder.

    Returns
    -------
    PactExport
        ``document`` (the ProductFootprint), ``inputs`` (files read, by role), ``created``;
        ``.to_json()``, ``.to_frame()`` (id, product, declared unit, kg CO2e per unit).

    References
    ----------
    .. [1] WBCSD Partnership for Carbon Transparency (PACT), Technical Specifications for PCF Data
       Exchange, versions 2.3 and 3.0.
    """
    from carbonev.workflows.exchange import export_pact as run

    return run(path, info, version, part, plant, product, created, catena_x, store, method)


def import_pact(file: str | Path) -> SupplierFootprint:
    """Read a supplier's PACT ProductFootprint (v2.0-v3.0) as a vehicle spec's ``supplied:`` would.

    The footprint read is the one excluding biogenic uptake (v3 ``pcfExcludingBiogenicUptake``, v2
    ``pCfExcludingBiogenic``), per declared unit; one product holds ``unit_amount`` declared units::

        per_product = kg_co2e_per_unit · unit_amount        [kg CO2e per product]

    Parameters
    ----------
    file : path
        A ProductFootprint JSON file (or a GetFootprint response wrapping one).

    Returns
    -------
    SupplierFootprint
        ``kg_co2e_per_unit``, ``declared_unit``, ``unit_amount``, ``per_product``, ``product``, ``pcf_id``,
        ``company``, validity, primary-data share [%] and data-quality ratings; ``.to_frame()`` one row.

    Raises
    ------
    SpecError
        The document does not follow the PACT schema (the message names the file and the key path).
    """
    from carbonev.specs.pact_file import load_footprint

    return load_footprint(file)


def hydrogen(
    *,
    method: str | None = None,
    store: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> HydrogenClasses:
    """The shipped hydrogen routes: footprint at the production gate and delivered, and their class.

    The class follows T/CAB 0078-2020 (low-carbon, clean and renewable hydrogen), judged on the
    production-only footprint (station compression excluded, as the standard's boundary says); a route
    whose source gives only a delivered value is classed on it and marked as an upper bound::

        class = clean        if F_production ≤ threshold_clean           [kg CO2e/kg H2]
                low-carbon   if F_production ≤ threshold_low_carbon

    Parameters
    ----------
    method : str, optional
        Impact method (default IPCC AR6 GWP100).
    store : path, optional
        Brightway store folder.
    progress : callable, optional
        Called with a short text at each step.

    Returns
    -------
    HydrogenClasses
        ``rows`` (route, kg_co2e_per_kg, kg_co2e_per_kg_delivered, production_only, class, name) and the
        thresholds [kg CO2e/kg H2]; ``.to_frame()`` one row per route.

    References
    ----------
    .. [1] T/CAB 0078-2020, 低碳氢、清洁氢与可再生能源氢的标准与评价 (China Hydrogen Alliance).
    """
    from carbonev.workflows.hydrogen import hydrogen_classes

    return hydrogen_classes(method, store, progress)
