"""Exchange with other tools: PACT product footprints (export and supplier import), CSV and
Excel results, and the foreground inventory through bw2io (Activity Browser, openLCA).

    parts.py      cradle-to-gate footprints of parts (a battery pack, a vehicle at the gate)
    pact.py       PACT v2.3 / v3.0 export and ``load_footprint`` of a supplier's footprint (v2.0–v3.0)
    pact_shape.py the official PACT schemas (v2.0–v2.3, v3.0) as validation tables
    client.py     a PACT client: list and fetch a supplier's footprints over the API
    host/         a PACT host (``carbonev serve``): HTTPS API, database, clients, publishing
    csv_excel.py  a FootprintResult's stages and flows as CSV or XLSX
    bw_export.py  the foreground inventory as a bw2io LCI spreadsheet
"""
