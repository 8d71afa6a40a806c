"""Fleets, benefits and green-finance disclosure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from carbonev.fleet.pipeline import FleetResult
    from carbonev.workflows.benefit import BenefitResult, DisclosureResult


def fleet(
    registrations: str | Path,
    *,
    province: str = "Zhejiang",
    start: int | None = None,
    end: int | None = None,
    first_year_share: float = 0.5,
    models: str | Path | None = None,
    survival: str | Path | None = None,
    baseline: str | Path | None = None,
    activity: str | Path | None = None,
    method: str | None = None,
    store: str | Path | None = None,
    scheduler: str | None = None,
) -> FleetResult:
    """A province's fleet from its registration table: stock, activity, emissions and savings by year.

    Each registration cohort (year, city, powertrain, model) survives with a Weibull curve [1]_; its
    vehicles drive the class's annual distance and emit the engine's unit factors of their model in
    that year and region; savings are against the combustion baseline of the same segment::

        S(a)           = exp(−(a/λ)^k)                                   survival at age a [-]
        V(Y)           = n_g · S(Y − y0)                                 vehicles of cohort g on the road
        operation(Y)   = V(Y) · km(age) · (upstream_per_km + direct_per_km)[m,r,Y]
                         + V(Y) · direct_per_vehicle_year[m,r,Y]         [kg CO2e]
        production(Y)  = R(Y) · production[m,r,y0]     end_of_life(Y) = X(Y) · end_of_life[m,r,y0]
        reduction(Y)   = baseline(Y) − operation(Y) − leakage(Y)          (T/CSAE 235-2021)

    with ``R`` the registrations and ``X`` the exits of the year (``docs/fleet.md``).

    A new vehicle counts ``first_year_share`` of its registration year.

    Parameters
    ----------
    registrations : path
        Registration table (``.csv`` or ``.parquet``; ``docs/fleet.md``).
    province : str, default "Zhejiang"
        Grid region of rows without a ``province`` column.
    start, end : int, optional
        First and last calendar year (default: the first and last registration year).
    first_year_share : float, default 0.5
        Share of the registration year a new vehicle is on the road [-].
    models, survival, baseline : path, optional
        Model keys → vehicle specs, survival curves and baseline vehicles (default: shipped files).
    activity : path, optional
        Annual km by class[, age, city] (CSV).
    method, store
        Impact method and Brightway store folder.
    scheduler : str, optional
        Read the table on Dask (needs ``carbonev[parallel]``).

    Returns
    -------
    FleetResult
        ``table`` (by year, city, powertrain: stock, vehicle-km, emissions and savings [t CO2e]),
        ``by_year()``, ``vehicles``, ``cohorts``, ``assumptions``, ``provenance``; ``.to_frame()`` the table.
        Write its tables, charts and summaries with :func:`write_fleet`.

    Raises
    ------
    MissingExtra
        pyarrow is not installed (``pip install "carbonev[fleet]"``).

    References
    ----------
    .. [1] Hao, H., Wang, H., Ouyang, M. & Cheng, F. (2011), Vehicle survival patterns in China, Science
       China Technological Sciences 54(3), 625-629.
    .. [2] T/CSAE 235-2021, 电动汽车出行碳减排核算方法 (carbon-reduction accounting of EV trips).

    Examples
    --------
    >>> from carbonev import api
    >>> f = api.fleet("examples/fleet/zhejiang-nev-registrations.csv", end=2030)
    >>> f.by_year()[["year", "stock_end", "life_cycle"]]   # doctest: +SKIP
    """
    from carbonev.extras import require
    from carbonev.fleet.pipeline import Options, run

    if scheduler is not None:
        require("parallel", "--scheduler")
    opts = Options(province, start, end, first_year_share, models, survival, baseline, activity, method, store,
                   scheduler)
    return run(registrations, opts)


def write_fleet(
    result: FleetResult,
    out: str | Path,
    *,
    formats: Sequence[str] = ("csv", "xlsx"),
    charts: bool = True,
    langs: Sequence[str] = ("en", "zh"),
    summary: str = "md",
) -> list[Path]:
    """Write a fleet's tables (``csv``, ``parquet``, ``xlsx``), charts (PNG) and summaries (zh/en) into ``out``.

    Parameters
    ----------
    result : FleetResult
        What :func:`fleet` returned.
    out : path
        Folder to write into (created).
    formats : sequence of {"csv", "parquet", "xlsx"}
        Table formats.
    charts : bool, default True
        Write the PNG charts (emissions by city, cumulative savings [kt CO2e]).
    langs : sequence of {"en", "zh"}
        Languages of the summaries.
    summary : {"md", "html"}
        Format of the summaries.

    Returns
    -------
    list of Path
        The files written (``fleet-emissions.*``, ``fleet-by-year.*``, ``emissions-by-city.png``,
        ``cumulative-savings.png``, ``summary.<lang>.<md|html>``).

    Raises
    ------
    MissingExtra
        A format or the charts need an extra that is not installed (``excel``, ``fleet``, ``plots``).
    """
    from carbonev.workflows.fleet import write_outputs

    return write_outputs(result, Path(out), formats, charts, langs, summary)


def benefit(
    subject: str | Path,
    kind: Literal["vehicle", "fleet", "project"] = "vehicle",
    method: str | None = None,
    values: str | Path | None = None,
    *,
    region: str = "Zhejiang",
    first_year: int | None = None,
    km_per_year: float | None = None,
    end: int | None = None,
    models: str | Path | None = None,
    prices: Sequence[str] = (),
    price_date: dt.date | None = None,
    scheduler: str | None = None,
    store: str | Path | None = None,
) -> BenefitResult:
    """Avoided emissions of a vehicle model, a fleet or a factory project under a benefit methodology.

    Methodologies are rule-set files (``carbonev benefit methods``): T/CSAE 235-2021 for EV trips, grid
    displacement for PV roofs, retrofits. The standard's view is operation only; carbonev also reports
    the life-cycle view. Avoided emissions are a voluntary claim; a valuation at a dated carbon price is
    a yardstick, not a sale::

        reduction = baseline − project − leakage                         [t CO2e]
        value     = reduction · price(market, date)                      [currency]

    Parameters
    ----------
    subject : path
        A vehicle spec (``kind="vehicle"``), a registration table (``"fleet"``) or a benefit project file
        (``"project"``, ``carbonev-benefit-project/1``).
    kind : {"vehicle", "fleet", "project"}
        What ``subject`` is.
    method : str, optional
        Benefit methodology (default ``tcsae-235-2021``; a project: its own).
    values : path, optional
        Values for the methodology's required inputs.
    region : str, default "Zhejiang"
        Where the vehicle is driven (vehicle) or the province of rows without one (fleet).
    first_year, km_per_year : optional
        Vehicle: first year of use and km a year (default: the spec's and lifetime / service years).
    end : int, optional
        Fleet: last calendar year.
    models : path, optional
        Fleet: model keys → vehicle specs.
    prices : sequence of str
        Markets to value the reduction at: ``cea``, ``ccer``, ``eu-ets``.
    price_date : date, optional
        Price on this date (default: the latest shipped).
    scheduler, store
        Dask scheduler (fleet) and Brightway store folder.

    Returns
    -------
    BenefitResult
        ``reduction_operation`` and ``reduction_life_cycle`` [t CO2e], ``table`` (year by year), ``claim``,
        ``valuation`` (price, date, source, value per market), ``details``; ``.to_frame()`` the table.

    References
    ----------
    .. [1] T/CSAE 235-2021, 电动汽车出行碳减排核算方法 (carbon-reduction accounting of EV trips).

    Examples
    --------
    >>> from carbonev import api
    >>> b = api.benefit("examples/bev-midsize-nmc811.yaml", prices=["cea"])
    >>> b.reduction_operation, b.claim   # doctest: +SKIP
    """
    from carbonev.workflows import benefit as bf

    if kind == "vehicle":
        return bf.vehicle_benefit(subject, method or bf.DEFAULT_METHOD, values, region=region, first_year=first_year,
                                  km_per_year=km_per_year, prices=prices, price_date=price_date, store=store)
    if kind == "fleet":
        return bf.fleet_benefit(subject, method or bf.DEFAULT_METHOD, values, province=region, end=end,
                                models=models, prices=prices, price_date=price_date, scheduler=scheduler,
                                store=store)
    if kind == "project":
        return bf.project_benefit(subject, method, values, prices=prices, price_date=price_date, store=store)
    from carbonev.errors import SpecError

    raise SpecError(f"{str(kind)[:20]!r} is not vehicle, fleet or project", field="kind")


def disclose(
    loans: str | Path,
    quarter: str | tuple[int, int],
    values: str | Path | None = None,
    *,
    store: str | Path | None = None,
) -> DisclosureResult:
    """The PBoC carbon-emission-reduction facility (碳减排支持工具) disclosure of a bank's loans.

    Each loan's project reduction is attributed to the loan in proportion to its share of the project's
    investment (capped as the loans file's attribution rule says), then summed for the quarter.

    Parameters
    ----------
    loans : path
        Loans file (``carbonev-benefit-loans/1``).
    quarter : str or (int, int)
        Reporting quarter, ``"2025Q3"`` or ``(2025, 3)``.
    values : path, optional
        Values for the methodologies' required inputs.
    store : path, optional
        Brightway store folder.

    Returns
    -------
    DisclosureResult
        ``table`` (the disclosure table), ``loans`` (per loan: amount, project and attributed reduction
        [t CO2e/year]), ``bank``, ``status``, ``attribution``; ``.to_frame()`` the table.
    """
    from carbonev.workflows.benefit import disclosure

    return disclosure(loans, quarter, values, store=store)
