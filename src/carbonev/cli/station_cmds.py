"""``carbonev station STATION.yaml`` and ``carbonev charging SPEC`` (docs/charging.md)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from carbonev.cli.choices import TableFormat
from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state


def station(
    station_file: Path = typer.Argument(..., help="Station spec (YAML or JSON).", show_default=False),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help="Output format."),
    hourly: Path | None = typer.Option(None, "--hourly", help="Also write all 8,760 hours as CSV."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Footprint per kWh delivered of a charging station or PV–storage–charging site, per year and by hour."""
    from carbonev.api import station as compute
    from carbonev.io.outputs import write_atomic

    res = compute(station_file, method=method, store=state.store)
    if hourly is not None:
        write_atomic(hourly, res.hourly.to_csv(index=False), "--hourly")
    write_output(_render_station(res, fmt.value), output)


def _render_station(res, fmt: str) -> str:
    if fmt == "json":
        by_hour = res.by_hour.reset_index().astype(object).where(res.by_hour.reset_index().notna(), None)
        return json.dumps({"station": res.name, "kg_co2e_per_kwh_delivered": res.annual, "by_part": res.by_part,
                           "flows_kwh_per_year": res.flows, "by_hour": by_hour.to_dict("records"),
                           "notes": res.notes}, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt == "csv":
        return res.by_hour.to_csv()
    lines = [f"{res.name}: {res.annual * 1000:.1f} g CO2e per kWh delivered (year)"]
    lines += [f"  {k:<9} {v * 1000:8.1f} g/kWh" for k, v in res.by_part.items()]
    lines += ["  flows [kWh/yr]: " + ", ".join(f"{k} {v:,.0f}" for k, v in res.flows.items()), "",
              "hour  delivered kWh/yr  g CO2e/kWh"]
    for h, row in res.by_hour.iterrows():
        g = "      -" if row.delivered_kwh <= 0 else f"{row.kg_co2e_per_kwh * 1000:7.1f}"
        lines.append(f"{h:>4}  {row.delivered_kwh:15,.0f}  {g}")
    return "\n".join(lines + [""] + [f"note: {n}" for n in res.notes]) + "\n"


def charging(
    spec: Path = typer.Argument(..., help="Vehicle spec (YAML or JSON).", show_default=False),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """A vehicle's charging: time-of-use weight, valley-charging check (2024 pilot), V2G losses, wear and
    avoided emissions (average and marginal views; reported beside the footprint, never netted)."""
    from carbonev.api import charging as compute

    summary = compute(spec, method=method, store=state.store).summary
    if as_json:
        write_output(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", None)
        return
    lines = [f"grid {summary['grid_activity']}: {summary['annual_factor'] * 1000:.1f} g CO2e/kWh (annual factor)"]
    if "station" in summary:
        lines.append(f"charged at station {summary['station']}: see `carbonev station`")
    else:
        lines.append(f"profile {summary['profile']}: time-of-use weight {summary['time_of_use_weight']:.4f} → "
                     f"{summary['profile_weighted_factor'] * 1000:.1f} g CO2e/kWh ({summary['shape']})")
        vc = summary["valley_check"]
        if vc["valley_share"] is not None:
            verdict = "" if vc["passes"] is None else ("meets" if vc["passes"] else "misses")
            lines.append(f"valley share {vc['valley_share']:.0%} {verdict} the pilot target "
                         f"{vc['target'] or 0:.0%} ({vc['applies_to']}; {vc['source']})")
    v = summary.get("v2g")
    if v:
        lines.append(f"V2G: {v['discharged_kwh']:,.0f} kWh fed back over the life; losses {v['losses_kwh']:,.0f} kWh; "
                     f"{v['extra_cycles']:.0f} extra cycles → {v['pack_share']:.3f} pack worn (in the footprint)")
        for view in v["views"]:
            lines.append(f"  avoided ({view['view']}): displaced {view['displaced_kg']:,.0f} kg, recharged "
                         f"{view['recharged_kg']:,.0f} kg, net for the grid {view['net_system_kg']:+,.0f} kg CO2e "
                         f"[{view['basis']}]")
        lines.append(f"  {v['note']}")
    lines.append(f"note: {summary['label']}")
    write_output("\n".join(lines) + "\n", None)


def register(app: typer.Typer) -> None:
    app.command("station")(guarded(station))
    app.command("charging")(guarded(charging))
