"""``carbonev station`` and ``carbonev charging`` through the CLI."""

from __future__ import annotations

import json

from cli_runner import invoke


def test_station_command_reports_per_kwh_by_hour_and_year(session_store, examples, tmp_path):
    hourly = tmp_path / "hours.csv"
    r = invoke(session_store, "station", str(examples / "charging" / "zj-pv-storage-site.yaml"), "--format", "json",
               "--hourly", str(hourly))
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert 0 < out["kg_co2e_per_kwh_delivered"] < 0.6
    assert len(out["by_hour"]) == 24
    assert any("ESTIMATE" in n for n in out["notes"])
    assert sum(1 for _ in hourly.open()) == 8761


def test_station_bad_file_is_one_line_exit_2(session_store, tmp_path):
    bad = tmp_path / "site.yaml"
    bad.write_text("name: x\nregion: Zhejiang\nyear: 2025\nchargers: []\nload: {annual_energy: 1 kWh, profile: flat}\n")
    r = invoke(session_store, "station", str(bad))
    assert r.exit_code == 2
    assert "chargers" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_charging_command_shows_valley_check_and_estimate_label(session_store, examples):
    r = invoke(session_store, "charging", str(examples / "charging" / "hangzhou-home-car.yaml"), "--json")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["valley_check"]["passes"] is True and out["valley_check"]["target"] == 0.8
    assert "ESTIMATE" in out["label"]
    text = invoke(session_store, "charging", str(examples / "charging" / "bus-depot-night.yaml"))
    assert text.exit_code == 0 and "time-of-use weight" in text.stdout
