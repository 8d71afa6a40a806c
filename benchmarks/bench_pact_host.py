"""Load test of the PACT host on loopback (bounded): 10,000 stored footprints, 50 concurrent
clients, each listing every footprint page by page (ListFootprints, limit=100, following the
Link header), over HTTPS against ``carbonev serve start`` in its own process.

    python benchmarks/bench_pact_host.py [--footprints 10000] [--clients 50] [--limit 100]
                                         [--db postgresql+psycopg://...] [--max-seconds 300]

Prints p50/p99 latency of the token requests and of the page requests, errors, throughput.
Traffic goes to 127.0.0.1 only; the run stops after every client listed everything once or
after --max-seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from carbonev.exchange.client import next_link
from carbonev.exchange.host import clients, store
from carbonev.exchange.host.db import connect
from carbonev.exchange.host.tls import make_certificates
from carbonev.exchange.pact import content_id

TEMPLATE = {
    "specVersion": "3.0.3", "created": "2026-01-15T00:00:00Z", "status": "Active",
    "companyName": "Load Test Co.", "companyIds": ["urn:pact:example.com:company:load"],
    "productDescription": "synthetic footprint for the load test", "productIds": [],
    "productNameCompany": "part", "pcf": {
        "declaredUnitOfMeasurement": "piece", "declaredUnitAmount": "1", "productMassPerDeclaredUnit": "10",
        "referencePeriodStart": "2025-01-01T00:00:00Z", "referencePeriodEnd": "2026-01-01T00:00:00Z",
        "geographyCountrySubdivision": "CN-ZJ", "pcfExcludingBiogenicUptake": "100",
        "pcfIncludingBiogenicUptake": "100", "fossilCarbonContent": "0", "fossilGhgEmissions": "100",
        "ipccCharacterizationFactors": ["AR6"], "crossSectoralStandards": ["ISO14067"],
        "exemptedEmissionsPercent": "0"},
}


def fill(url: str, n: int, n_clients: int) -> list[tuple[str, str]]:
    engine = connect(url)
    t0 = time.perf_counter()
    for i in range(n):
        doc = copy.deepcopy(TEMPLATE)
        doc["productIds"] = [f"urn:pact:example.com:product:part-{i}"]
        doc["pcf"]["pcfExcludingBiogenicUptake"] = doc["pcf"]["pcfIncludingBiogenicUptake"] = str(100 + i)
        doc["id"] = content_id(doc)
        store.publish(engine, doc, restricted=True)
    print(f"published {n} footprints in {time.perf_counter() - t0:.1f} s "
          f"({(time.perf_counter() - t0) / n * 1000:.2f} ms each)")
    creds = []
    for c in range(n_clients):
        name = f"client-{c}"
        creds.append((name, clients.add_client(engine, name)))
        clients.grant(engine, name, ["*"])
    engine.dispose()
    return creds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def one_client(base: str, name: str, secret: str, ctx: ssl.SSLContext, limit: int, deadline: float,
                     stats: dict) -> None:
    async with httpx.AsyncClient(verify=ctx, timeout=60) as http:
        t0 = time.perf_counter()
        try:
            r = await http.post(f"{base}/auth/token", data={"grant_type": "client_credentials"}, auth=(name, secret))
            r.raise_for_status()
            token = r.json()["access_token"]
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            stats["errors"].append(f"token: {exc}")
            return
        stats["token"].append(time.perf_counter() - t0)
        url: str | None = f"{base}/3/footprints?limit={limit}"
        seen = 0
        while url and time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                r = await http.get(url, headers={"Authorization": f"Bearer {token}"})
                if r.status_code != 200:
                    stats["errors"].append(f"HTTP {r.status_code}")
                    return
                seen += len(r.json()["data"])
            except (httpx.HTTPError, ValueError) as exc:
                stats["errors"].append(f"page: {type(exc).__name__}")
                return
            stats["page"].append(time.perf_counter() - t0)
            url = next_link(r.headers.get("link"))
        stats["seen"].append(seen)


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000 if len(values) > 1 else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--footprints", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--db", default=None, help="database URL (default: a SQLite file in a temporary folder)")
    ap.add_argument("--max-seconds", type=float, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = args.db or f"sqlite:///{folder / 'host.sqlite'}"
        if args.db:
            from carbonev.exchange.host.db import metadata

            engine = connect(url, create=False)
            metadata.drop_all(engine)
            engine.dispose()
        creds = fill(url, args.footprints, args.clients)
        certs = make_certificates(folder / "certs", ["127.0.0.1"])
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "carbonev.cli", "serve", "start", "--db", url, "--cert",
                                   str(certs["cert"]), "--key", str(certs["key"]), "--port", str(port)],
                                  stderr=subprocess.DEVNULL)
        ctx = ssl.create_default_context(cafile=str(certs["ca"]))
        base = f"https://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{base}/.well-known/openid-configuration", verify=ctx, timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            stats: dict[str, list] = {"token": [], "page": [], "errors": [], "seen": []}
            t0 = time.perf_counter()
            deadline = t0 + args.max_seconds

            async def run() -> None:
                await asyncio.gather(*(one_client(base, n, s, ctx, args.limit, deadline, stats) for n, s in creds))

            asyncio.run(run())
            wall = time.perf_counter() - t0
        finally:
            server.terminate()
            server.wait(timeout=10)
    pages = stats["page"]
    complete = sum(1 for s in stats["seen"] if s == args.footprints)
    print(json.dumps({
        "footprints": args.footprints, "clients": args.clients, "page_limit": args.limit,
        "database": "PostgreSQL" if args.db else "SQLite", "wall_s": round(wall, 1),
        "token_requests": len(stats["token"]), "token_p50_ms": round(pct(stats["token"], 50), 1),
        "token_p99_ms": round(pct(stats["token"], 99), 1),
        "page_requests": len(pages), "page_p50_ms": round(pct(pages, 50), 1), "page_p99_ms": round(pct(pages, 99), 1),
        "requests_per_s": round((len(pages) + len(stats["token"])) / wall, 1),
        "clients_listing_everything": complete, "errors": len(stats["errors"]),
        "error_kinds": sorted(set(stats["errors"]))[:5], "run": str(uuid.uuid4())[:8]}, indent=2))


if __name__ == "__main__":
    main()
