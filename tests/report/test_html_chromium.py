"""The HTML report in headless Chromium: no console errors, charts shown, prints to PDF, and the
full ISO 14067 study report (info file, tornado, scenarios) in zh and en, screenshotted whole.

Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it); skipped without it. Set
CARBONEV_SCREENSHOTS=DIR to keep the full-page screenshots (report-en.png, report-zh.png).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carbonev.cli.main import app

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
INFO = ROOT / "examples" / "report" / "study-info-demo.yaml"
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
    res = CliRunner().invoke(app, ["--store", str(session_store), "--quiet", "report", str(BEV), "-o", str(out),
                                   "--sensitivity", "0"])
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.browser
def test_dom_has_stage_labels_and_svg_charts_and_no_console_errors(page, tmp_path):
    run = chromium(tmp_path, page, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "Product carbon footprint report" in dom
    for label in STAGE_LABELS:
        assert label in dom, label
    assert dom.count("<svg") >= 2
    assert console_errors(run.stderr) == []


@pytest.mark.browser
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


@pytest.mark.browser
def test_prints_to_pdf(page, tmp_path):
    pdf = tmp_path / "r.pdf"
    run = chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert run.returncode == 0, run.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 20_000
    if shutil.which("pdftotext"):  # poppler-utils, when present: the text is really there
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "7 Results" in text and "Traction battery" in text


# every ISO 14067:2018 §7 element's heading, as the page shows it (en, zh)
ISO_HEADINGS = {
    "en": ["Study information", "1 Goal and scope", "2 Functional unit and reference flow",
           "3 System boundary and cut-off criteria", "Cut-off criteria",
           "4 Greenhouse gases and characterisation factors", "5 Data sources and data quality",
           "6 Allocation, end of life and electricity", "7.1 By life-cycle stage", "7.2 By greenhouse gas",
           "7.4 Fossil and biogenic emissions", "8 Sensitivity and alternative scenarios",
           "Alternative scenarios (each a full re-computation)",
           "9 Uncertainty", "10.1 Significant issues", "10.2 Completeness check", "10.3 Consistency check",
           "10.4 Conclusions", "11 Limitations", "12 Critical review", "13 Provenance"],
    "zh": ["研究信息", "1 目的和范围", "2 功能单位和基准流", "3 系统边界和取舍准则", "取舍准则",
           "4 温室气体和特征化因子", "5 数据来源和数据质量", "6 分配、寿命末期和电力", "7.1 按生命周期阶段",
           "7.2 按温室气体", "7.4 化石源和生物源排放", "8 敏感性分析和替代情景", "替代情景（每个均完整重新计算）",
           "9 不确定性",
           "10.1 重大问题", "10.2 完整性检查", "10.3 一致性检查", "10.4 结论", "11 局限性", "12 鉴定性评审",
           "13 可追溯信息"],
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_full_study_report_in_chromium(session_store, tmp_path, lang):
    """The complete study report (info file, Monte Carlo, tornado, scenarios) renders every ISO 14067
    element; a full-page screenshot shows text, charts and the tornado."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (apt-get install chromium)")
    page = tmp_path / f"report-{lang}.html"
    res = CliRunner().invoke(app, ["--store", str(session_store), "--quiet", "report", str(BEV), "--lang", lang,
                                   "--info", str(INFO), "-n", "60", "--sensitivity", "60", "-o", str(page)])
    assert res.exit_code == 0, res.output
    run = chromium(tmp_path, page, "--dump-dom")
    assert run.returncode == 0 and console_errors(run.stderr) == []
    for heading in ISO_HEADINGS[lang]:
        assert f">{heading}</h" in run.stdout, heading
    assert run.stdout.count("<svg") >= 5  # stages (twice), gases, tornado, uncertainty
    keep = Path(os.environ.get("CARBONEV_SCREENSHOTS", tmp_path))
    keep.mkdir(parents=True, exist_ok=True)
    shot = keep / f"report-{lang}.png"
    run = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,32000")
    assert run.returncode == 0 and console_errors(run.stderr) == []
    from PIL import Image

    with Image.open(shot) as im:
        rgb = im.convert("RGB")
        bottom = rgb.crop((0, 14000, 1200, 15000)).getcolors(maxcolors=1 << 20)
    assert bottom is not None and len(bottom) > 20  # the page runs past 14,000 px: the whole report is there
