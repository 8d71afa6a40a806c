"""Optional extras: without one, the feature gives one line naming the ``pip install`` (exit 2 in the
CLI), and everything else still works. A missing package is simulated by ``sys.modules[name] = None``
(Python then refuses to import it)."""

from __future__ import annotations

import sys

import pytest
from tests.cli_runner import invoke

from carbonev.extras import EXTRAS, MissingExtra, available, require

BEV = "examples/bev-midsize-nmc811.yaml"


def _missing(monkeypatch, *modules: str) -> None:
    for name in modules:
        for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            monkeypatch.delitem(sys.modules, loaded)
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize("extra", sorted(EXTRAS))
def test_require_names_the_pip_install_of_each_extra(monkeypatch, extra):
    require(extra)  # the test environment has every extra (.[test] pulls them all)
    module = EXTRAS[extra][0][0]
    _missing(monkeypatch, module)
    with pytest.raises(MissingExtra) as err:
        require(extra, "--thing")
    assert str(err.value) == f'--thing: {module.split(".")[0]} is not installed; pip install "carbonev[{extra}]"'
    assert not available(extra)


def _one_line(result, extra: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f'pip install "carbonev[{extra}]"' in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_plot_without_matplotlib_is_one_line_before_the_monte_carlo(monkeypatch, tmp_path, session_store):
    _missing(monkeypatch, "matplotlib")
    r = invoke(session_store, "uncertainty", BEV, "-n", "10", "--plot", str(tmp_path / "d.png"))
    _one_line(r, "plots")
    assert not (tmp_path / "d.png").exists()


def test_sensitivity_without_salib(monkeypatch, session_store):
    _missing(monkeypatch, "SALib")
    _one_line(invoke(session_store, "sensitivity", BEV, "-n", "50"), "sensitivity")


def test_scheduler_without_dask_is_refused_before_computing(monkeypatch, session_store):
    _missing(monkeypatch, "dask", "distributed")
    _one_line(invoke(session_store, "uncertainty", BEV, "-n", "10", "--scheduler", "local"), "parallel")
    _one_line(invoke(session_store, "sweep", BEV, "--grid", "examples/sweeps/bev-battery-grid.yaml",
                     "--scheduler", "local"), "parallel")


def test_xlsx_without_openpyxl(monkeypatch, tmp_path, session_store):
    _missing(monkeypatch, "openpyxl")
    _one_line(invoke(session_store, "export", "xlsx", BEV, "-o", str(tmp_path / "x.xlsx")), "excel")


def test_fleet_without_pyarrow(monkeypatch, tmp_path, session_store):
    _missing(monkeypatch, "pyarrow")
    r = invoke(session_store, "fleet", "run", "examples/fleet/zhejiang-nev-registrations.csv", "--out",
               str(tmp_path / "out"), "--format", "csv", "--no-charts")
    _one_line(r, "fleet")


def test_serve_without_the_server_extra(monkeypatch, tmp_path, session_store):
    _missing(monkeypatch, "starlette")
    _one_line(invoke(session_store, "serve", "list", "--db", f"sqlite:///{tmp_path / 'h.db'}"), "server")


def test_the_core_works_without_any_extra(monkeypatch, session_store):
    _missing(monkeypatch, "dask", "distributed", "SALib", "matplotlib", "pyarrow", "starlette")
    r = invoke(session_store, "footprint", BEV, "-f", "csv")
    assert r.exit_code == 0, r.stderr
    assert "battery" in r.stdout


def test_report_without_salib_leaves_the_tornado_out_with_a_warning(monkeypatch, tmp_path, session_store):
    _missing(monkeypatch, "SALib")
    out = tmp_path / "r.json"
    r = invoke(session_store, "report", BEV, "-f", "json", "-o", str(out), "--sensitivity", "50")
    assert r.exit_code == 0, r.stderr
    assert 'warning: the report\'s tornado needs SALib (pip install "carbonev[sensitivity]")' in r.stderr
    assert out.exists()
