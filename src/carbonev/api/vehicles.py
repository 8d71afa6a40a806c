"""Vehicle models: footprints, checks, comparisons, Monte Carlo, sensitivity and sweeps."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carbonev.analysis.run import Comparison, SensitivityResult, SweepResult, UncertaintyResult
    from carbonev.data.catalog import Catalog
    from carbonev.results import Footprints
    from carbonev.specs.vehicle import VehicleSpec
    from carbonev.workflows.charging import ChargingResult

    SpecLike = str | Path | VehicleSpec

Overrides = Mapping[str, Any]


def _path(store: str | Path | None) -> Path | None:
    return None if store is None else Path(store)


def footprint(
    specs: Sequence[SpecLike] | SpecLike,
    method: str | None = None,
    store: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    catalog: Catalog | None = None,
    overrides: Overrides | None = None,
    scenarios: Mapping[str, Overrides] | None = None,
) -> Footprints:
    """Cradle-to-grave carbon footprint of one or more vehicle models, by life-cycle stage.

    The footprint of a vehicle is the sum over its life-cycle stages *s* (materials and parts, traction
    battery, assembly, use-phase energy upstream and direct emissions, maintenance, end of life, and
    the recycling credit as its own stage) of each foreground amount times the characterised impact of
    the background activity or elementary flow it links to::

        F_s = Σ_links a_link · h[code_link]        h = c · B · A⁻¹   [kg CO2e]
        F   = Σ_s F_s                              per km: 1000 · F / L   [g CO2e/km]

    where ``A`` and ``B`` are Brightway's technosphere and biosphere matrices of the shipped background,
    ``c`` the characterisation factors of ``method`` and ``L`` the lifetime distance (see
    ``docs/methodology.md`` for each stage's amounts).

    Parameters
    ----------
    specs : path, VehicleSpec or a sequence of them
        Vehicle spec files (YAML or JSON, ``docs/vehicle-spec.md``) or validated specs.
    method : str, optional
        Impact method name (``carbonev methods``); default IPCC AR6 GWP100 [kg CO2e].
    store : path, optional
        Brightway store folder; default ``$CARBONEV_STORE`` or the per-user data folder.
    progress : callable, optional
        Called with a short text at each step (building the store, pricing).
    catalog : Catalog, optional
        Shipped data to use (default: the installed data files).
    overrides : mapping, optional
        Field overrides applied to every spec, values written as in a spec file
        (``{"battery.capacity": "75 kWh", "use.region": "Zhejiang"}``).
    scenarios : mapping, optional
        Scenario name → overrides: one result per spec and scenario, named ``"<name> [<scenario>]"``.

    Returns
    -------
    Footprints
        A list of :class:`~carbonev.results.FootprintResult`, one per spec (and scenario): ``stages``
        (amount [kg CO2e per vehicle], per_km [g CO2e/km], share [-]), ``flows`` (per stage and gas:
        inventory [kg], impact [kg CO2e]), ``total`` [kg CO2e], ``per_km`` [g CO2e/km], ``lifetime_km``
        [km], ``assumptions``, ``notes`` and ``provenance`` (input SHA-256, method, data and software
        versions). ``.to_frame()`` gives one tidy table of all of them.

    Raises
    ------
    SpecError
        A spec is malformed or holds an invalid value (the message names the file and key path); every
        spec is checked before anything is computed.

    References
    ----------
    .. [1] ISO 14067:2018, Greenhouse gases — Carbon footprint of products (GB/T 24067-2024).
    .. [2] Forster, P. et al. (2021), The Earth's Energy Budget, Climate Feedbacks and Climate Sensitivity,
       IPCC AR6 WG1 Chapter 7, Table 7.SM.7 (GWP100). https://doi.org/10.1017/9781009157896.009
    .. [3] Mutel, C. (2017), Brightway: An open source framework for Life Cycle Assessment, Journal of Open
       Source Software 2(12), 236. https://doi.org/10.21105/joss.00236

    Examples
    --------
    >>> import carbonev
    >>> bev, icev = carbonev.footprint(["examples/bev-midsize-nmc811.yaml",
    ...                                 "examples/icev-gasoline-midsize.yaml"])
    >>> round(bev.per_km) < round(icev.per_km)
    True
    >>> bev.stages[["stage", "amount", "per_km"]]     # doctest: +SKIP
    """
    from carbonev.analysis.footprint import footprint as run

    return run(specs, method=method, store=store, progress=progress, catalog=catalog, overrides=overrides,
               scenarios=scenarios)


def validate(
    specs: Sequence[SpecLike] | SpecLike,
    method: str | None = None,
    store: str | Path | None = None,
    overrides: Overrides | None = None,
) -> list[tuple[str, VehicleSpec]]:
    """Check vehicle specs without computing their footprint.

    Runs every check :func:`footprint` makes (schema, units, physical bounds, mass balance, the plant
    and supplier files a spec names) and the checks of the ``uncertainty:`` section, so a spec that
    passes will compute.

    Parameters
    ----------
    specs : path, VehicleSpec or a sequence of them
        Vehicle spec files or specs.
    method : str, optional
        Impact method the plant files are priced with (default IPCC AR6 GWP100).
    store : path, optional
        Brightway store folder (only touched when a spec names a plant file).
    overrides : mapping, optional
        Field overrides to check with (``{"battery.capacity": "75 kWh"}``).

    Returns
    -------
    list of (str, VehicleSpec)
        The file (or the spec's name) and the validated spec, one per input.

    Raises
    ------
    SpecError
        One line per problem: ``file: key.path: what is wrong``.

    Examples
    --------
    >>> import carbonev
    >>> [(file, spec)] = carbonev.validate("examples/bev-midsize-nmc811.yaml")
    >>> spec.powertrain.value
    'BEV'
    """
    from carbonev.analysis.footprint import check_specs

    return check_specs(specs, method=method, store=store, overrides=overrides)


def compare(
    a: str | Path,
    b: str | Path,
    *,
    method: str | None = None,
    store: str | Path | None = None,
    overrides: Overrides | None = None,
    iterations: int = 0,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> Comparison:
    """Two vehicles side by side, the break-even distance and year, and P(A < B).

    The break-even of an electric car against a combustion car is where their cumulative emissions
    cross: production (materials and parts, battery, assembly) at km 0, then each year's use (that year's
    electricity or fuel, direct emissions, maintenance) over the year's km; end of life comes after the
    last km and does not move the crossing::

        E_v(d) = P_v + ∫_0^d u_v(x) dx                           [kg CO2e]
        d*     = min { d : E_electric(d) ≤ E_combustion(d) }     [km]

    Parameters
    ----------
    a, b : path
        Vehicle spec files (one electric and one combustion vehicle for a break-even).
    method : str, optional
        Impact method (default IPCC AR6 GWP100).
    store : path, optional
        Brightway store folder.
    overrides : mapping, optional
        Field overrides applied to both specs.
    iterations : int, default 0
        Monte Carlo iterations for the probability that ``a`` is lower per km (0: none).
    seed : int, default 0
        Random seed of the Monte Carlo run (same seed, same numbers).
    progress : callable, optional
        Called with the number of iterations done.

    Returns
    -------
    Comparison
        ``stages`` (stage × vehicle [kg CO2e]), ``per_km`` [g CO2e/km], ``break_even`` (``km``, ``year``,
        ``electric_lower_from_start``) and ``probability_first_lower``; ``.to_frame()`` is tidy.

    Examples
    --------
    >>> import carbonev
    >>> c = carbonev.compare("examples/bev-midsize-nmc811.yaml", "examples/icev-gasoline-midsize.yaml")
    >>> c.break_even.km > 0
    True
    """
    from carbonev.analysis.run import compare as run

    return run(a, b, overrides=dict(overrides or {}), method=method, store=_path(store), iterations=iterations,
               seed=seed, progress=progress)


def uncertainty(
    specs: Sequence[str | Path] | str | Path,
    iterations: int = 1000,
    seed: int = 0,
    *,
    method: str | None = None,
    store: str | Path | None = None,
    overrides: Overrides | None = None,
    background: bool = True,
    foreground: bool = True,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
    keep_inputs: bool = True,
) -> UncertaintyResult:
    """Monte Carlo distributions of one or more vehicles' footprints on shared background draws.

    Each iteration draws the foreground parameters (shipped spreads), the spec fields of the
    ``uncertainty:`` section and, with ``background``, every uncertain background exchange (Brightway's
    ``stats_arrays`` rows), solves the background and prices every vehicle on the same draws; per-km
    values divide by the lifetime of the same iteration::

        F_i = Σ_s Σ_links a_link(θ_i) · h_i[code]     per km_i = 1000 · F_i / L_i

    Parameters
    ----------
    specs : path or sequence of paths
        Vehicle spec files.
    iterations : int, default 1000
        Monte Carlo iterations (at least 2).
    seed : int, default 0
        Random seed: the same seed gives the same numbers, on one process or on Dask.
    method : str, optional
        Impact method (default IPCC AR6 GWP100).
    store : path, optional
        Brightway store folder.
    overrides : mapping, optional
        Field overrides applied to every spec.
    background, foreground : bool, default True
        Sample the background exchanges / the foreground parameters and spec fields.
    scheduler : str, optional
        Run on Dask: ``"local"``, ``"local:N"`` or a scheduler address (needs ``carbonev[parallel]``).
    progress : callable, optional
        Called with the number of iterations done.
    keep_inputs : bool, default True
        Keep every drawn input (sensitivity analysis needs them; without, memory holds only results).

    Returns
    -------
    UncertaintyResult
        ``summary`` (per vehicle and stage: mean, median, 5th and 95th percentile [kg CO2e] and per km
        [g CO2e/km]), ``probability_lower`` (vehicle × vehicle: P(row < column) per km), ``samples`` (the
        draws) and ``provenance``; ``.to_frame()`` is the summary.

    Raises
    ------
    MissingExtra
        ``scheduler`` given without ``carbonev[parallel]`` installed.

    References
    ----------
    .. [1] Heijungs, R. & Suh, S. (2002), The Computational Structure of Life Cycle Assessment, Springer
       (matrix method, uncertainty by Monte Carlo).

    Examples
    --------
    >>> import carbonev
    >>> mc = carbonev.uncertainty("examples/bev-midsize-nmc811.yaml", iterations=200, seed=1)
    >>> mc.to_frame().query("stage == 'total'")[["p5_per_km", "median_per_km", "p95_per_km"]]  # doctest: +SKIP
    """
    from carbonev.analysis.run import uncertainty as run

    paths = [specs] if isinstance(specs, (str, Path)) else list(specs)
    return run(paths, iterations, seed, overrides=dict(overrides or {}), method=method, store=_path(store),
               background=background, foreground=foreground, scheduler=scheduler, progress=progress,
               keep_inputs=keep_inputs)


def sensitivity(
    spec: str | Path,
    iterations: int = 2000,
    seed: int = 0,
    top: int = 10,
    *,
    method: str | None = None,
    store: str | Path | None = None,
    overrides: Overrides | None = None,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> SensitivityResult:
    """Which inputs drive the variance of a vehicle's footprint, and a one-at-a-time tornado.

    Moment-independent delta indices [1]_ estimated from the Monte Carlo sample [2]_ (SALib [3]_), with
    first-order Sobol indices S1, for the inputs the vehicle reads; the tornado recomputes the total
    with each of the ``top`` inputs at its 5th and 95th percentile, the others at their central values::

        δ_i = ½ E_{X_i}[ ∫ |f_Y(y) − f_{Y|X_i}(y)| dy ]        swing_i = F(x_i,95) − F(x_i,5) [kg CO2e]

    Parameters
    ----------
    spec : path
        Vehicle spec file.
    iterations : int, default 2000
        Monte Carlo iterations behind the indices (at least 50).
    seed : int, default 0
        Random seed.
    top : int, default 10
        Inputs in the tornado.
    method, store, overrides, scheduler, progress
        As in :func:`uncertainty`.

    Returns
    -------
    SensitivityResult
        ``indices`` (input, delta, delta_conf, S1, S1_conf, spearman), ``tornado`` (input, output_low,
        output_high, swing [kg CO2e]); ``.to_frame()`` joins them.

    Raises
    ------
    MissingExtra
        SALib is not installed (``pip install "carbonev[sensitivity]"``).

    References
    ----------
    .. [1] Borgonovo, E. (2007), A new uncertainty importance measure, Reliability Engineering & System
       Safety 92(6), 771-784. https://doi.org/10.1016/j.ress.2006.04.015
    .. [2] Plischke, E., Borgonovo, E. & Smith, C.L. (2013), Global sensitivity measures from given data,
       European Journal of Operational Research 226(3), 536-550. https://doi.org/10.1016/j.ejor.2012.11.047
    .. [3] Herman, J. & Usher, W. (2017), SALib: An open-source Python library for Sensitivity Analysis,
       Journal of Open Source Software 2(9), 97. https://doi.org/10.21105/joss.00097

    Examples
    --------
    >>> import carbonev
    >>> s = carbonev.sensitivity("examples/bev-midsize-nmc811.yaml", iterations=500, top=5)
    >>> s.tornado[["input", "swing"]]   # doctest: +SKIP
    """
    from carbonev.analysis.run import sensitivity_analysis

    return sensitivity_analysis(spec, iterations, seed, top, overrides=dict(overrides or {}), method=method,
                                store=_path(store), scheduler=scheduler, progress=progress)


def sweep(
    spec: str | Path,
    grid: str | Path | Sequence[Mapping[str, Any]],
    *,
    method: str | None = None,
    store: str | Path | None = None,
    overrides: Overrides | None = None,
    scheduler: str | None = None,
) -> SweepResult:
    """Many variants of one vehicle, one row each.

    Variants that differ only in numbers are built as one foreground and priced together, so a sweep of
    10,000 variants costs seconds; the numbers equal one footprint per variant.

    Parameters
    ----------
    spec : path
        Vehicle spec file.
    grid : path or sequence of mappings
        A sweep file (``grid:`` all combinations and/or ``variants:``, ``examples/sweeps/``), or the
        variants themselves as override mappings (``[{"battery.capacity": "60 kWh"}, ...]``).
    method, store, overrides
        As in :func:`footprint`.
    scheduler : str, optional
        Run on Dask (needs ``carbonev[parallel]``).

    Returns
    -------
    SweepResult
        ``table``: one row per variant with the overridden fields, each stage and ``total`` [kg CO2e],
        ``per_km`` [g CO2e/km] and the variant's notes; ``.to_frame()`` is the table.

    Examples
    --------
    >>> import carbonev
    >>> s = carbonev.sweep("examples/bev-midsize-nmc811.yaml",
    ...                    [{"battery.capacity": f"{k} kWh"} for k in (50, 70, 90)])
    >>> s.to_frame()["per_km"].is_monotonic_increasing
    True
    """
    from carbonev.analysis.run import sweep_analysis

    variants = grid if isinstance(grid, (str, Path)) else [dict(v) for v in grid]
    return sweep_analysis(spec, variants, overrides=dict(overrides or {}), method=method, store=_path(store),
                     scheduler=scheduler)


def charging(spec: str | Path, *, method: str | None = None, store: str | Path | None = None) -> ChargingResult:
    """A vehicle's charging in time: time-of-use weight, valley-charging check, V2G.

    The use-phase electricity factor of a charging profile is the annual factor times the profile's
    time-of-use weight ``w = Σ_h p_h · g_h / Σ_h p_h`` (``p`` the charging profile, ``g`` the hourly grid
    shape normalised to the annual mean); V2G avoided emissions are reported beside the footprint, never
    netted (``docs/charging.md``).

    Parameters
    ----------
    spec : path
        Vehicle spec file (``use.charging`` names the profile, a 24×12 matrix or a station file).
    method, store
        As in :func:`footprint`.

    Returns
    -------
    ChargingResult
        ``summary``: grid factor [kg CO2e/kWh], profile, weight [-], valley check, V2G losses, wear and
        avoided emissions (average and marginal views); ``.to_frame()`` lists every number.
    """
    from carbonev.workflows.charging import charging as run

    return run(spec, method, store)
