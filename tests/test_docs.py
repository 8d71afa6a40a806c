"""The tutorial notebook runs (nbclient executes every cell on a fresh kernel), so it cannot rot.
The docs site itself is built by .ci/run (``mkdocs build --strict``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@pytest.mark.slow
def test_tutorial_notebook_runs(session_store, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("CARBONEV_STORE", str(session_store))  # the kernel inherits the environment
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": DOCS}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "g CO2e/km" in text and "P(BEV lower per km than ICEV)" in text


def test_every_docs_page_is_in_the_site_navigation():
    import yaml

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]

    def pages(items):
        for item in items:
            for value in item.values():
                yield from (pages(value) if isinstance(value, list) else [value])

    listed = set(pages(nav))
    on_disk = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert on_disk == listed


def test_quickstart_in_chinese_and_methodology_exist():
    zh = (DOCS / "zh" / "quickstart.md").read_text(encoding="utf-8")
    assert "快速入门" in zh and "carbonev verify" in zh
    method = (DOCS / "methodology.md").read_text(encoding="utf-8")
    for stage in ("materials_and_parts", "battery", "vehicle_assembly", "use_energy_upstream", "use_direct",
                  "maintenance", "end_of_life"):
        assert f"`{stage}`" in method or stage in method, stage
    assert "## References" in method
