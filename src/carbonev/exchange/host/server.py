"""Run the PACT host under uvicorn, over HTTPS only.

PACT hosts "MUST offer their actions over HTTPS only" (v2.3 §API, v3.0 §Host System): the
server listens with TLS and a client speaking plain HTTP to the port gets its connection
closed, never an answer. Behind a reverse proxy, the proxy connects over HTTPS too (see
docs/pact-host.md); ``forwarded_allow_ips`` lets the proxy's X-Forwarded-* headers set the
host and scheme of the pagination links.
"""

from __future__ import annotations

import logging
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from carbonev.errors import SpecError
from carbonev.exchange.host import clients
from carbonev.exchange.host.app import HostConfig, create_app
from carbonev.exchange.host.auth import TTL
from carbonev.exchange.host.db import connect


@dataclass
class ServeOptions:
    db_url: str
    cert: Path
    key: Path
    host: str = "127.0.0.1"
    port: int = 8443
    token_ttl: int = TTL
    trust: Path | None = None  # extra CA for answers posted to clients' hosts
    forwarded_allow_ips: str | None = None
    log_level: str = "info"


def outbound_context(trust: Path | None) -> ssl.SSLContext:
    """TLS settings for calls to other hosts: the system's CAs, plus ``trust`` if given."""
    ctx = ssl.create_default_context()
    if trust is not None:
        ctx.load_verify_locations(cafile=str(trust))
    return ctx


def build(options: ServeOptions) -> uvicorn.Server:
    """A configured (not yet started) uvicorn server [raises SpecError on a bad option]."""
    for name, path in (("--cert", options.cert), ("--key", options.key)):
        if path is None or not Path(path).is_file():
            raise SpecError(f"{path} not found: HTTPS only, give a certificate and its key (or make a local "
                            "one: carbonev serve cert DIR)", field=name)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(str(options.cert), str(options.key))
    except (ssl.SSLError, ValueError) as exc:
        raise SpecError(f"certificate and key do not load: {exc}", file=str(options.cert), field="--cert") from None
    if options.trust is not None and not options.trust.is_file():
        raise SpecError(f"{options.trust} not found", field="--trust")
    logging.getLogger("carbonev.pact").setLevel(options.log_level.upper())
    engine = connect(options.db_url)
    config = HostConfig(engine=engine, key=clients.signing_key(engine), token_ttl=options.token_ttl,
                        verify=outbound_context(options.trust))
    kwargs = {"forwarded_allow_ips": options.forwarded_allow_ips, "proxy_headers": True} \
        if options.forwarded_allow_ips else {"proxy_headers": False}
    cfg = uvicorn.Config(create_app(config), host=options.host, port=options.port, ssl_certfile=str(options.cert),
                         ssl_keyfile=str(options.key), log_level=options.log_level, access_log=False,
                         timeout_keep_alive=30, **kwargs)
    return uvicorn.Server(cfg)


class Background:
    """The host on a thread of this process (tests, benchmarks): ``with Background(opts) as url:``."""

    def __init__(self, options: ServeOptions):
        self.server = build(options)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"https://{options.host}:{options.port}"

    def __enter__(self) -> str:
        self.thread.start()
        for _ in range(500):
            if self.server.started or not self.thread.is_alive():
                break
            threading.Event().wait(0.02)
        if not self.server.started:
            raise RuntimeError("the PACT host did not start")
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
