"""Charging in time: hourly grid intensity, charging profiles, V2G and PV–storage–charging stations.

Modules: ``calendar`` (8,760 hours ↔ 24×12), ``profile_file`` (data-file schema),
``grid_shape`` (estimated hourly grid-intensity shapes), ``charging_profile`` (when
vehicles charge; valley share), ``weighting`` (profile-weighted intensity, cached),
``spec`` and ``station_spec`` (spec models), ``dispatch`` (station hourly dispatch),
``station_links`` (a station's inputs per kWh delivered), ``v2g`` (losses, wear,
avoided emissions), ``use_links`` (the use-phase entry point), ``loader`` (file reads),
``engine_adapter`` (the only place that prices links with the engine), ``results``.
"""
