"""A PACT host: the PACT Data Exchange Protocol (v2.x and v3.0) served over HTTPS.

Starlette on uvicorn serves the actions; footprints, clients, grants and events live in one
SQL database through SQLAlchemy 2 (SQLite by default, PostgreSQL when a URL is given).

    db.py        tables and the engine (SQLite file or any SQLAlchemy URL)
    clients.py   clients, hashed secrets, grants, callback credentials
    store.py     the footprint store: publish (with version history), get, list
    query.py     ListFootprints filters: v3 parameters and the v2 OData ``$filter`` subset
    auth.py      OAuth 2 client-credentials tokens (signed JWT, expiry, revocation)
    events.py    the Events action (CloudEvents) and answers to footprint requests
    app.py       the HTTP application: routes, PACT error responses
    publish.py   compute a footprint from a spec (through exchange.pact) and publish it
    tls.py       a throw-away certificate authority and server certificate for local use
    server.py    run the app under uvicorn with TLS
"""
