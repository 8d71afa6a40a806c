"""Charging in time, priced: the engine's view of a vehicle's charging and of a PV–storage–charging
station (``engine_adapter``, the only place that prices charging links) and their results (``results``).

The pure parts live below: the spec sections in :mod:`carbonev.specs.charging`,
:mod:`carbonev.specs.station`, :mod:`carbonev.specs.calendar` (8,760 hours ↔ 24×12) and
:mod:`carbonev.specs.charging_files` (file reads, before any inventory); the data-file schema in
:mod:`carbonev.data.profile_file` and :mod:`carbonev.data.profiles`; the inventory in
:mod:`carbonev.inventory.charging` (grid shapes, charging profiles, weighting, V2G, station
dispatch and links, and ``use_links``, the use phase's entry point).
"""
