"""A PACT client: fetch a supplier's footprints over the PACT API (v2.x or v3.0).

    c = PactClient("https://supplier.example", "acme", secret, verify="ca.pem")
    for doc in c.footprints(productId=["urn:..."]): ...      # ListFootprints, every page
    doc = c.footprint("0f8c...")                              # GetFootprint
    pull(c, out_dir, ids=[...]) → [(file, SupplierFootprint)]  # checked, then written

The token endpoint is found as PACT says: the host's OpenID configuration
(``/.well-known/openid-configuration``), else ``/auth/token``. Pagination follows the
``Link: <...>; rel="next"`` header, only on the host asked (a link elsewhere is refused).
Every footprint is checked against its version's official schema before anything is written.
"""

from __future__ import annotations

import json
import re
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from carbonev.errors import SpecError
from carbonev.io.files import write_atomic
from carbonev.specs.pact_file import SupplierFootprint, read_footprint

_LINK = re.compile(r'<([^>]*)>\s*;\s*rel="?([^";,]+)"?')
MAX_PAGES = 10_000


def next_link(header: str | None) -> str | None:
    """The ``rel="next"`` target of an RFC 8288 Link header."""
    for target, rel in _LINK.findall(header or ""):
        if rel.strip() == "next":
            return target
    return None


class PactClient:
    """Client credentials, a bearer token, and the three read actions of a PACT host."""

    def __init__(self, url: str, client_id: str, secret: str, verify: ssl.SSLContext | str | bool = True,
                 version: int = 3, timeout: float = 30.0):
        if not url.startswith("https://"):
            raise SpecError("PACT hosts are reached over HTTPS only: give an https:// URL", field="--url")
        self.base = url.rstrip("/")
        self.client_id, self.secret, self.version = client_id, secret, version
        self.http = httpx.Client(verify=verify, timeout=timeout)
        self._token: str | None = None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> PactClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _call(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            return self.http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise SpecError(f"cannot reach {url}: {exc}", field="--url") from None

    def token_endpoint(self) -> str:
        reply = self._call("GET", f"{self.base}/.well-known/openid-configuration")
        if reply.status_code == 200:
            try:
                return str(reply.json()["token_endpoint"])
            except (ValueError, KeyError):
                pass
        return f"{self.base}/auth/token"

    def token(self) -> str:
        reply = self._call("POST", self.token_endpoint(), data={"grant_type": "client_credentials"},
                           auth=(self.client_id, self.secret))
        if reply.status_code != 200:
            raise SpecError(f"the host refused the client credentials (HTTP {reply.status_code}: "
                            f"{_describe(reply)})", field="--client-id")
        self._token = reply.json()["access_token"]
        return self._token

    def _get(self, url: str, params: Any = None) -> httpx.Response:
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self._token or self.token()}", "Accept": "application/json"}
            reply = self._call("GET", url, params=params, headers=headers)
            if reply.status_code == 401 and attempt == 1:  # expired: one new token
                self._token = None
                continue
            if reply.status_code not in (200, 202):
                raise SpecError(f"GET {reply.request.url} failed: HTTP {reply.status_code} ({_describe(reply)})",
                                field="--url")
            return reply
        raise AssertionError("unreachable")

    def footprints(self, **criteria: list[str]) -> Iterator[dict[str, Any]]:
        """Every footprint ListFootprints returns for ``criteria`` (v3 filter names), page by page."""
        url: str | None = f"{self.base}/{self.version}/footprints"
        params: Any = [(k, v) for k, values in criteria.items() for v in values] or None
        for _ in range(MAX_PAGES):
            if url is None:
                return
            reply = self._get(url, params)
            yield from _data(reply, list)
            url, params = next_link(reply.headers.get("link")), None
            if url is not None and urlsplit(url).netloc != urlsplit(self.base).netloc:
                raise SpecError(f"the host's pagination link leads to another host: {url}", field="--url")
        raise SpecError(f"more than {MAX_PAGES} pages: stopped", field="--url")

    def footprint(self, pf_id: str) -> dict[str, Any]:
        return _data(self._get(f"{self.base}/{self.version}/footprints/{pf_id}"), dict)


def _describe(reply: httpx.Response) -> str:
    try:
        body = reply.json()
    except ValueError:
        return reply.text[:200] or reply.reason_phrase
    if isinstance(body, dict):
        return str(body.get("message") or body.get("error_description") or body.get("error") or body)[:200]
    return str(body)[:200]


def _data(reply: httpx.Response, kind: type) -> Any:
    try:
        data = reply.json()["data"]
    except (ValueError, KeyError, TypeError):
        raise SpecError(f"{reply.request.url}: not a PACT response (no 'data')", field="--url") from None
    if not isinstance(data, kind):
        raise SpecError(f"{reply.request.url}: 'data' is not a {kind.__name__}", field="--url")
    return data


def pull(client: PactClient, out_dir: Path, ids: list[str] | None = None, include_deprecated: bool = False,
         **criteria: list[str]) -> list[tuple[Path, SupplierFootprint]]:
    """Fetch footprints (``ids``, else ListFootprints with ``criteria``), check every one against its
    version's official schema, then write each to ``out_dir/<id>.json`` [raises SpecError before
    writing anything if one is invalid]."""
    docs = [client.footprint(i) for i in ids] if ids else list(client.footprints(**criteria))
    checked = []
    for doc in docs:
        shown = f"{client.base}/{client.version}/footprints/{doc.get('id', '?') if isinstance(doc, dict) else '?'}"
        fp = read_footprint(doc, shown)
        if doc["status"] == "Active" or include_deprecated or ids:
            checked.append((doc, fp))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc, fp in checked:
        path = out_dir / f"{doc['id']}.json"
        write_atomic(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "--out")
        written.append((path, fp))
    return written
