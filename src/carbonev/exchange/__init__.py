"""Exchange with other tools: PACT product footprints (export and supplier import), CSV and
Excel results, and the foreground inventory through bw2io (Activity Browser, openLCA).

    parts.py      cradle-to-gate footprints of parts (a battery pack, a vehicle at the gate)
    pact.py       PACT v2.3 / v3.0 export (the PACT shape and the reading of a supplier's file are
                  input-file concerns: :mod:`carbonev.specs.pact`, :mod:`carbonev.specs.pact_file`)
    client.py     a PACT client: list and fetch a supplier's footprints over the API
    host/         a PACT host (``carbonev serve``): HTTPS API, database, clients, publishing
    csv_excel.py  a FootprintResult's stages and flows as CSV or XLSX
    bw_export.py  the foreground inventory as a bw2io LCI spreadsheet
"""
