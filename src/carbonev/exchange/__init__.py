"""Exchange with other tools: PACT product footprints (export and supplier import), CSV and
Excel results, and the foreground inventory through bw2io (Activity Browser, openLCA).

    parts.py      cradle-to-gate footprints of parts (a battery pack, a vehicle at the gate)
    pact.py       PACT v2.3 / v3.0 export and ``load_footprint`` of a supplier's footprint
    pact_shape.py PACT shape validation (required fields, types, formats)
    csv_excel.py  a FootprintResult's stages and flows as CSV or XLSX
    bw_export.py  the foreground inventory as a bw2io LCI spreadsheet
"""
