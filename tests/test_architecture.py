"""The structure holds: no import cycle, data flow one way, Brightway only inside the engine,
nothing platform-specific (fcntl, msvcrt), and ``import carbonev`` does no I/O."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "carbonev"


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """module → every module it imports (at any depth of the file: lazy imports count too)."""
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    out: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)
        out[name] = {m for m in found if m in modules and m != name}
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    graph = _imports()
    # a package's __init__ importing its own submodules is not a cycle of concepts
    graph = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()}
    assert _cycles(graph) == []


def test_inventory_never_imports_upward_or_reads_files():
    forbidden = ("carbonev.factory", "carbonev.exchange", "carbonev.battery", "carbonev.report", "carbonev.cli",
                 "carbonev.engine", "carbonev.analysis", "carbonev.inputs", "carbonev.io", "carbonev.api")
    graph = _imports()
    bad = {m: sorted(d for d in deps if d.startswith(forbidden))
           for m, deps in graph.items() if m.startswith("carbonev.inventory")}
    assert {m: d for m, d in bad.items() if d} == {}
    for path in (SRC / "inventory").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "open(" not in text and "read_text" not in text and "read_mapping" not in text, path


def test_brightway_is_imported_only_inside_the_engine():
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        brightway = {n for n in names if n.split(".")[0] in ("bw2data", "bw2calc", "bw2io", "bw_processing",
                                                             "matrix_utils", "stats_arrays")}
        if brightway:
            assert path.parent.name == "engine", f"{path} imports {brightway}"


def test_nothing_platform_specific():
    """The store's lock is filelock's (fcntl on POSIX, msvcrt on Windows), never carbonev's own."""
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not names & {"fcntl", "msvcrt", "pwd", "grp", "termios"}, path


def test_import_carbonev_does_no_io_and_imports_no_brightway():
    code = ("import sys, os, logging\nenv = dict(os.environ)\nimport carbonev\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('bw2data', 'bw2calc', 'bw2io', 'pandas', 'pint')]\n"
            "assert not bad, bad\nassert dict(os.environ) == env\n"
            "assert not logging.root.handlers\nprint('ok')")
    out = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == "ok\n" and out.stderr == "", out.stderr


def test_the_command_line_starts_without_heavy_imports():
    """Loading the CLI (every command group) imports no pandas, scipy.stats, dask or Brightway: each
    command imports what it needs when it runs."""
    code = ("import sys\nimport carbonev.cli.main\n"
            "heavy = [m for m in ('pandas', 'scipy.stats', 'dask', 'bw2data', 'bw2calc', 'matplotlib', 'SALib')"
            " if m in sys.modules]\nprint(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stdout + out.stderr


# modules that compute numbers: the CLI reaches them only through the facade (carbonev.api)
COMPUTING = ("carbonev.analysis", "carbonev.engine", "carbonev.inventory", "carbonev.inputs",
             "carbonev.factory.pipeline", "carbonev.battery.declare", "carbonev.fleet.pipeline",
             "carbonev.fleet.factors", "carbonev.benefit.pipeline", "carbonev.benefit.trips", "carbonev.exchange.pact",
             "carbonev.charging.engine_adapter", "carbonev.charging.results",
             "carbonev.report.product_report", "carbonev.report.component_report", "carbonev.workflows.report",
             "carbonev.workflows.rating", "carbonev.workflows.benefit", "carbonev.workflows.exchange",
             "carbonev.workflows.factory", "carbonev.workflows.charging", "carbonev.workflows.hydrogen",
             "carbonev.provenance.verify.verify")


def test_the_cli_computes_only_through_the_facade():
    """Every vehicle, declaration, report, rating, plant, station, fleet, benefit, PACT and verify number
    a command prints comes from carbonev.api; the CLI parses options and renders results."""
    graph = _imports()
    bad = {m: sorted(d for d in deps if any(d == c or d.startswith(c + ".") for c in COMPUTING))
           for m, deps in graph.items() if m.startswith("carbonev.cli")}
    assert {m: d for m, d in bad.items() if d} == {}


def test_the_facade_imports_nothing_at_import_time_but_its_own_modules():
    """``import carbonev.api`` stays cheap: its modules import the calculation modules inside functions."""
    for path in (SRC / "api").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        names = {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in top if isinstance(n, ast.ImportFrom)}
        assert {n for n in names if n.startswith("carbonev") and not n.startswith("carbonev.api")} == set(), path


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""




def test_the_folders_form_layers():
    """The folders (and top-level modules) stack in layers (docs/architecture.md): no cycle among them,
    lazily or not — not only among files."""
    deps: dict[str, set[str]] = {}
    for m, targets in _imports().items():
        deps.setdefault(_folder(m), set()).update(_folder(t) for t in targets if _folder(t) != _folder(m))
    assert _cycles(deps) == []
