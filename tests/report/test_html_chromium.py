"""The HTML report in headless Chromium: no console errors, charts shown, prints to PDF.

Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it); skipped without it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carbonev.cli.main import app

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]
STAGE_LABELS = ["Materials and parts", "Traction battery", "Vehicle assembly and distribution",
                "Use: energy supply (upstream)", "Use: direct emissions", "Maintenance", "End of life"]
BAR_BLUE = (0x3B, 0x6E, 0xA5)  # first colour of report/svg.py PALETTE


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, text=True, timeout=180, cwd=tmp_path)


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def page(session_store, tmp_path_factory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (apt-get install chromium)")
    out = tmp_path_factory.mktemp("html") / "report.html"
    res = CliRunner().invoke(app, ["--store", str(session_store), "--quiet", "report", str(BEV), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_dom_has_stage_labels_and_svg_charts_and_no_console_errors(page, tmp_path):
    run = chromium(tmp_path, page, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "Product carbon footprint report" in dom
    for label in STAGE_LABELS:
        assert label in dom, label
    assert dom.count("<svg") >= 2
    assert console_errors(run.stderr) == []


def test_screenshot_shows_the_charts(page, tmp_path):
    shot = tmp_path / "shot.png"
    run = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,2000")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_errors(run.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - PIL comes with matplotlib
        assert len(data) > 50_000
        return
    with Image.open(shot) as im:
        rgb = im.convert("RGB")
        assert rgb.size == (1200, 2000)
        colours = rgb.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text and bars, not a blank page
    blue = sum(n for n, c in colours if all(abs(a - b) <= 8 for a, b in zip(c, BAR_BLUE, strict=True)))
    assert blue > 2000  # the stage chart's first bar is drawn in the first screen


def test_prints_to_pdf(page, tmp_path):
    pdf = tmp_path / "r.pdf"
    run = chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert run.returncode == 0, run.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 20_000
    if shutil.which("pdftotext"):  # poppler-utils, when present: the text is really there
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "6 Results" in text and "Traction battery" in text
