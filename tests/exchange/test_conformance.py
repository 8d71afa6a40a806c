"""The official PACT conformance tool (WBCSD, MIT licence) against ``carbonev serve``, V2.3 and V3.0.

The tool is not part of the project: CI has it at ``<repo>/../shared/tools/pact-conformance``
(``PACT_CONFORMANCE_DIR`` may point elsewhere). It is copied to a temporary folder,
``npm ci`` installs it, and its CLI runs against ``carbonev serve start`` on loopback with a
throw-away certificate that Node trusts through ``NODE_EXTRA_CA_CERTS``.

What the tool cannot judge from its CLI, and why (outside our control):

- Test cases 13 and 14.B check the *answers* a host posts back to the tool's own web
  service after cases 12 and 14.A. The CLI runs no such service and marks both PENDING
  whatever the host does. So this test stands in for it: ``CONFORMANCE_API`` (where the
  tool's events say answers go) points to a listener here, the host is told to answer that
  client there, and the answers that arrive are validated against the tool's own copy of the
  official ``RequestFulfilledEvent`` / ``RequestRejectedEvent`` schemas.
- The CLI's exit code is 1 even when every case passes: its console storage computes the
  run's status on a copy and returns the initial FAIL (``updateTestRunStatus`` in
  src/services/console-test-storage.ts). The test therefore reads the per-case results the
  tool prints: every mandatory case passes, 13 and 14.B are PENDING, none fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from tests.exchange.conftest import ROOT, fill, free_port

pytestmark = [pytest.mark.slow, pytest.mark.server]
TOOL = Path(os.environ.get("PACT_CONFORMANCE_DIR") or ROOT.parent / "shared" / "tools" / "pact-conformance")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def tool(tmp_path_factory) -> Path:
    if not (TOOL / "package.json").is_file():
        pytest.skip(f"the PACT conformance tool is not at {TOOL} (CI has it in ../shared/tools)")
    copy = tmp_path_factory.mktemp("tool") / "pact-conformance"
    shutil.copytree(TOOL, copy, ignore=shutil.ignore_patterns("node_modules", ".git"))
    for p in [copy, *copy.rglob("*")]:
        p.chmod(p.stat().st_mode | 0o200)  # the shared copy is read-only
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=copy, check=True,
                   capture_output=True, timeout=600)
    return copy


class Listener(ThreadingHTTPServer):
    """Stands in for the tool's web service: a token endpoint and an events endpoint."""

    def __init__(self, port: int, certs):
        super().__init__(("127.0.0.1", port), _Handler)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(str(certs["cert"]), str(certs["key"]))
        self.socket = ctx.wrap_socket(self.socket, server_side=True)
        self.received: list[tuple[str, dict]] = []
        self.port = port
        self.url = f"https://127.0.0.1:{port}"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        if self.path == "/auth/token":
            reply = json.dumps({"access_token": "listener-token", "token_type": "Bearer"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
            return
        self.server.received.append((self.path, json.loads(body)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _schema(tool: Path, version: str, name: str) -> dict:
    spec = yaml.safe_load((tool / "src" / "schemas" / f"openapi_v{version.replace('.', '_')}.yaml").read_text())
    return {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}


def _results(output: str) -> dict[str, tuple[str, bool]]:
    """Test case key ('12', '14.B') → (✓ / ✗ / ⧗, mandatory) from the tool's printed summary."""
    out, mandatory = {}, None
    for line in ANSI.sub("", output).splitlines():
        text = line.strip()
        if text.startswith("Mandatory Tests:") and mandatory is None:
            mandatory = True
        elif text.startswith("Non-Mandatory Tests:"):
            mandatory = False
        elif text.startswith("STATISTICS"):
            mandatory = None if mandatory is False else mandatory
        m = re.match(r"^([✓✗⧗]) Test Case (\d+(?:\.[AB])?):", text)
        if m and mandatory is not None:
            out.setdefault(m.group(2), (m.group(1), mandatory))
    return out


@pytest.fixture(scope="module")
def served(tool, tmp_path_factory, certs, pact_docs):
    folder = tmp_path_factory.mktemp("conformance-host")
    url = f"sqlite:///{folder / 'host.sqlite'}"
    secrets = fill(url, pact_docs, folder)
    listener = Listener(free_port(), certs)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    (folder / "listener.secret").write_text("test_client_secret\n")
    port, db = free_port(), ["--db", url]
    cli = [sys.executable, "-m", "carbonev.cli", "serve"]
    subprocess.run([*cli, "client", "callback", "conformance", *db, "--url", f"https://127.0.0.1:{listener.port}",
                    "--client-id", "test_client_id", "--secret-file", str(folder / "listener.secret")], check=True)
    server = subprocess.Popen([*cli, "start", *db, "--cert", str(certs["cert"]), "--key", str(certs["key"]),
                               "--port", str(port), "--trust", str(certs["ca"])], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            ctx = ssl.create_default_context(cafile=str(certs["ca"]))
            with ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), 1), server_hostname="127.0.0.1"):
                break
        except OSError:
            time.sleep(0.1)
    yield {"url": f"https://127.0.0.1:{port}", "secret": secrets["conformance"], "listener": listener,
           "server": server}
    server.terminate()
    server.wait(timeout=10)
    listener.shutdown()


@pytest.mark.parametrize("version", ["V2.3", "V3.0"])
def test_conformance_tool_passes(tool, served, certs, version):
    env = {**os.environ, "NODE_ENV": "test", "PORT": "0", "DB_CONNECTION_STRING": "none", "LOG_OUTPUT": "console",
           "CONFORMANCE_API": served["listener"].url, "NODE_EXTRA_CA_CERTS": str(certs["ca"])}
    args = ["--baseUrl", served["url"], "--clientId", "conformance", "--clientSecret", served["secret"],
            "--version", version, "--organizationName", "carbonev"]
    run = subprocess.run(["npm", "run", "--silent", "cli", "--", *args], cwd=tool, env=env, capture_output=True,
                         text=True, timeout=180)
    results = _results(run.stdout + run.stderr)
    assert len(results) >= 20, run.stdout[-3000:] + run.stderr[-3000:]
    failed = {k: v for k, v in results.items() if v[0] == "✗"}
    assert not failed, f"failed cases {sorted(failed)}:\n{run.stdout[-6000:]}"
    pending = {k for k, (mark, mandatory) in results.items() if mark == "⧗"}
    assert pending == {"13", "14.B"}  # answered through events: checked below
    mandatory = {k for k, (_, m) in results.items() if m}
    assert {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14.A", "15", "16", "17"} <= mandatory
    if version == "V3.0":
        assert {str(n) for n in range(20, 41)} <= mandatory

    # the host's answers to cases 12 and 14.A, as the tool's web service would receive them
    import jsonschema

    major = version[1]
    wanted = {"fulfilled": "/12", "rejected": "/14.A"}
    got: dict[str, dict] = {}
    deadline = time.time() + 20
    while time.time() < deadline and len(got) < 2:
        for path, event in list(served["listener"].received):
            request = str(event.get("data", {}).get("requestEventId", ""))
            for kind, suffix in wanted.items():
                if path == f"/{major}/events" and request.endswith(suffix) and kind in event["type"].lower():
                    got[kind] = event
        time.sleep(0.2)
    assert set(got) == {"fulfilled", "rejected"}, served["listener"].received
    schema_version = version[1:]
    jsonschema.validate(got["fulfilled"], _schema(tool, schema_version, "RequestFulfilledEvent"))
    jsonschema.validate(got["rejected"], _schema(tool, schema_version, "RequestRejectedEvent"))
    assert got["fulfilled"]["data"]["pfs"] and got["rejected"]["data"]["error"]["code"] == "NotFound"
